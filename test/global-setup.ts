import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '../scripts/codegen.mjs';
import { distIsFresh } from '../scripts/build-freshness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The precompiled schema validators are generated code; make sure they exist before tests import
 * them. The CLI tests spawn bin/escashop-lint.js, which runs dist/: rebuild it when it is missing or
 * older than its sources, so `npm install && npm test` tests the code as it is now.
 */
export default function setup(): void {
  codegen();
  if (!distIsFresh(ROOT)) build();
  linkExamplePlugin();
}

/**
 * The example plugin (examples/escashop-plugin-example/) imports `escashop-lint` as a plugin
 * installed beside it does: through its own node_modules, where this package is linked (gitignored).
 */
export function linkExamplePlugin(): void {
  const link = path.join(ROOT, 'examples/escashop-plugin-example/node_modules/escashop-lint');
  const target = path.relative(path.dirname(link), ROOT);
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === target) return;
    rmSync(link, { recursive: true, force: true });
  } catch {
    // not there yet
  }
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
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
