import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../src/cli/args.js';
import { runCli } from '../cli/run.js';
import { manyProjects } from './fixture-stack.js';

/** `--concurrency <n|auto|off>`. */

describe('parseCli --concurrency', () => {
  it('takes a count, auto or off', () => {
    expect(parseCli(['--concurrency', '2', 'a.yml']).concurrency).toBe(2);
    expect(parseCli(['--concurrency', '1', 'a.yml']).concurrency).toBe(1);
    expect(parseCli(['--concurrency=auto', 'a.yml']).concurrency).toBe('auto');
    expect(parseCli(['--concurrency', 'off', 'a.yml']).concurrency).toBe('off');
    expect(parseCli(['a.yml']).concurrency).toBeUndefined();
  });

  it('refuses anything else', () => {
    for (const word of ['0', '-1', '1.5', 'two', '']) {
      expect(() => parseCli([`--concurrency=${word}`, 'a.yml'])).toThrow(new UsageError(`--concurrency "${word}" is not a whole number of threads (1 or more), "auto" or "off"`));
    }
  });
});

describe('escashop-lint --concurrency', () => {
  const { dir, targets } = manyProjects(12);

  it('prints the same report with threads as without, byte for byte', () => {
    const off = runCli(['--format', 'json', '--concurrency', 'off', ...targets], { cwd: dir, env: { ESCASHOP_DEBUG: '1' } });
    const two = runCli(['--format', 'json', '--concurrency', '2', ...targets], { cwd: dir, env: { ESCASHOP_DEBUG: '1' } });
    expect(off.status).toBe(1);
    expect(two.status).toBe(off.status);
    expect(two.stdout).toBe(off.stdout);
    expect(JSON.parse(two.stdout).summary.files).toBe(120);
    // The threaded run used threads: it did not fall back to one.
    expect(two.stderr).toBe('');
    const text = runCli(['--concurrency', '2', ...targets], { cwd: dir });
    expect(text.stdout).toBe(runCli(targets, { cwd: dir }).stdout);
  });

  it('is a usage error with a bad value', () => {
    const run = runCli(['--concurrency', 'many', 'p0/compose.s0.yml'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('escashop-lint: --concurrency "many" is not a whole number of threads (1 or more), "auto" or "off"\n');
  });
});
