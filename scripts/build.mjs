// Build: precompile the schema validator, compile TypeScript, and place generated code beside it.
import { cpSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { codegen } from './codegen.mjs';
import { distIsFresh } from './build-freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `npm pack` runs `prepare` again right after `npm install` built dist/ (as a pre-commit hook's
// install does): nothing changed since, so the build is skipped.
if (process.env.npm_command === 'pack' && distIsFresh(root)) process.exit(0);
codegen();
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
cpSync(path.join(root, 'src/schema/generated'), path.join(root, 'dist/src/schema/generated'), { recursive: true });
