import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.js';
import { CANARY_PREFIX, canaryProject, FILES } from './canary-project.js';

/**
 * The canary project through `--fix` and `--fix-dry-run` (docs/fixes.md): the fix that moves
 * plaintext secrets into Docker secrets carries their values to the files it writes, and nothing
 * else may show them: not the diff, not stderr, not the report of what remains, not the compose
 * file. (The JSON and SARIF reports, which carry each finding's fix, are in canary.test.ts.)
 */

const MAIN = 'docker-compose.prod.yml';

function expectNoCanary(where: string, text: string): void {
  const at = text.indexOf(CANARY_PREFIX);
  expect(at === -1 ? '' : `${where}: …${text.slice(Math.max(0, at - 80), at + 40)}…`).toBe('');
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((rel) => !rel.split(path.sep).includes('.git') && statSync(path.join(root, rel)).isFile())
    .map((rel) => rel.split(path.sep).join('/'));
}

describe('no canary secret leaks from fixes', () => {
  it('--fix-dry-run: the diff names the secret files and their mode, never their text', () => {
    const dir = canaryProject();
    const run = runCli(['--fix-dry-run', '--fix-type', 'fix,suggestion', MAIN], { cwd: dir });
    expectNoCanary('stdout', run.stdout);
    expectNoCanary('stderr', run.stderr);
    expect(run.stdout).toMatch(/\n\+\+\+ b\/secrets\/[a-z_]+\.txt\n\(new file, mode 0600, contents not shown\)\n/);
    expect(run.stderr).toMatch(/escashop-lint: would fix \d+ problems in \d+ files\n$/);
    expect(filesUnder(dir).sort()).toEqual(Object.keys(FILES).sort());
  });

  it('--fix: the values go to mode-0600 files only; stdout, stderr and every other file written show none', () => {
    const dir = canaryProject();
    for (const format of ['text', 'json', 'sarif']) {
      const run = runCli(['--fix', '--fix-type', 'fix,suggestion', '--code-frame', '--format', format, MAIN], { cwd: dir });
      expectNoCanary(`stdout (${format})`, run.stdout);
      expectNoCanary(`stderr (${format})`, run.stderr);
      expect(run.status).toBe(1);
    }
    const written = filesUnder(dir).filter((rel) => !(rel in FILES));
    const secrets = written.filter((rel) => rel.startsWith('secrets/'));
    expect(secrets.length).toBeGreaterThan(0);
    for (const rel of secrets) {
      expect(readFileSync(path.join(dir, rel), 'utf8')).toContain(CANARY_PREFIX);
      expect(statSync(path.join(dir, rel)).mode & 0o777).toBe(0o600);
    }
    for (const rel of written.filter((r) => !secrets.includes(r))) expectNoCanary(rel, readFileSync(path.join(dir, rel), 'latin1'));
    // A moved value is no longer in the compose file.
    const moved = secrets.map((rel) => readFileSync(path.join(dir, rel), 'utf8').trim());
    const compose = readFileSync(path.join(dir, MAIN), 'utf8');
    expect(moved.filter((value) => new RegExp(`${value}(?!\\d)`).test(compose))).toEqual([]);
  });
});
