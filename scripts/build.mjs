// Build: precompile the schema validator, compile TypeScript, and place generated code beside it.
import { cpSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { codegen } from './codegen.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
codegen();
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
cpSync(path.join(root, 'src/schema/generated'), path.join(root, 'dist/src/schema/generated'), { recursive: true });
