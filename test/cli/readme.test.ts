import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { SEED_RULES } from '../seed-rules.js';


/** The `npx escashop-lint …` command of the README's quick start. */
function quickStart(): string[] {
  const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const command = /```sh\n(?:npm install && )?(npx escashop-lint [^\n]+)\n```/.exec(section)?.[1];
  if (command === undefined) throw new Error('README.md quick start has no `npx escashop-lint` command');
  return command.split(' ');
}

describe('README quick start', () => {
  const [npx, ...args] = quickStart();
  const file = args.at(-1)!;

  it('lints the bundled unhardened production stack, prints its findings and exits 1', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false' };
    for (const name of ['FORCE_COLOR', 'NO_COLOR']) delete env[name];
    // --no-install: use this package's own bin, never fetch one from the registry
    const run = spawnSync(process.platform === 'win32' ? `${npx}.cmd` : npx!, ['--no-install', ...args], { cwd: PACKAGE_ROOT, env, encoding: 'utf8', shell: process.platform === 'win32' });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout.startsWith(`${file}\n`)).toBe(true);
    for (const id of SEED_RULES) expect(run.stdout).toContain(` ${id}\n`);
    // The compose file, and the nginx.conf and site it mounts into nginx, which are read with it.
    expect(run.stdout).toMatch(/\n✖ \d+ problems \(\d+ errors, \d+ warnings, \d+ info\) in 3 files(?:; \d+ potentially fixable with --fix[^\n]*)?\n$/);
  });
});
