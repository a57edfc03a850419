import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantsSpinner } from '../../src/cli/progress.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { BIN } from './run.js';

/** A folder of the shared corpus with 113 compose projects: long enough a run for the spinner to show. */
const MANY = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus', 'laradock__laradock');

/** What a terminal on stderr shows while escashop-lint runs with `args` and `env` added (CI and PRE_COMMIT unset otherwise). */
function stderrOnTerminal(args: string[], env: Record<string, string> = {}): { shown: string; status: number } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of ['CI', 'PRE_COMMIT', 'FORCE_COLOR', 'NO_COLOR']) if (!(name in env)) delete childEnv[name];
  const run = spawnSync('python3', [path.join(import.meta.dirname, 'tty-stderr.py'), process.execPath, BIN, '--no-config', ...args], { env: childEnv, encoding: 'utf8' });
  const [encoded, status] = run.stdout.split('\n');
  return { shown: Buffer.from(encoded ?? '', 'base64').toString('utf8'), status: Number(status) };
}

/** python3 drives the pseudo-terminal; CI has it (the oracle setup installs it), elsewhere the terminal tests are skipped without it. */
const noPython = spawnSync('python3', ['--version']).status !== 0 && !process.env.CI;

describe('the spinner', () => {
  it('is shown only on a sized terminal, for the text report, outside CI and pre-commit', () => {
    const tty = { isTTY: true, columns: 100 };
    expect(wantsSpinner(tty, {}, 'text')).toBe(true);
    expect(wantsSpinner({ isTTY: false, columns: 100 }, {}, 'text')).toBe(false);
    expect(wantsSpinner({ isTTY: true, columns: 0 }, {}, 'text')).toBe(false);
    expect(wantsSpinner(tty, { CI: 'true' }, 'text')).toBe(false);
    expect(wantsSpinner(tty, { PRE_COMMIT: '1' }, 'text')).toBe(false);
    for (const format of ['json', 'sarif', 'github', 'compact']) expect(wantsSpinner(tty, {}, format)).toBe(false);
  });

  it.skipIf(noPython)('counts the projects on a terminal, then clears its line and shows the cursor again', () => {
    const { shown, status } = stderrOnTerminal([MANY]);
    expect(status).toBe(1);
    expect(shown).toMatch(/linting: \d+ of 113 projects/);
    expect(shown.endsWith('\x1b[?25h')).toBe(true);
  });

  it.skipIf(noPython)('is not there under CI, under pre-commit, or with a machine-readable format', () => {
    expect(stderrOnTerminal([MANY], { CI: 'true' })).toEqual({ shown: '', status: 1 });
    expect(stderrOnTerminal([MANY], { PRE_COMMIT: '1' })).toEqual({ shown: '', status: 1 });
    expect(stderrOnTerminal(['--format', 'json', MANY])).toEqual({ shown: '', status: 1 });
  });
});
