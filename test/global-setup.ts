import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '../scripts/codegen.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the CLI tests run: `bin/escashop-lint.js` imports it. */
const BUILT = path.join(ROOT, 'dist/src/cli/main.js');
/** What dist/ is compiled from (besides the files under these folders, the build scripts). */
const SOURCE_DIRS = ['src', 'rules'];
const BUILD_INPUTS = ['scripts/build.mjs', 'tsconfig.json', 'tsconfig.build.json'];

/**
 * The precompiled schema validators are generated code; make sure they exist before tests import
 * them. The CLI tests spawn bin/escashop-lint.js, which runs dist/: rebuild it when it is missing or
 * older than its sources, so `npm install && npm test` tests the code as it is now.
 */
export default function setup(): void {
  codegen();
  if (mtime(BUILT) < newestSource()) build();
}

function build(): void {
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    // tsc still emits on type errors; the type check is its own CI step. Say so and go on: the CLI
    // tests fail on their own if dist/ cannot run.
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    process.stderr.write(`global-setup: npm run build failed; CLI tests run what it emitted\n${stdout}${stderr}`);
  }
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function newestSource(): number {
  let newest = Math.max(...BUILD_INPUTS.map((f) => mtime(path.join(ROOT, f))));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures' && entry.name !== 'node_modules') walk(full);
      } else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) || entry.name.endsWith('.cjs') || entry.name.endsWith('.json')) {
        newest = Math.max(newest, mtime(full));
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(ROOT, dir));
  return newest;
}
