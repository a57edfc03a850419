import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { FORMATTERS } from '../../src/report/index.js';
import { ANSI, CLEAN, ONE_ERROR, ONE_WARNING, runCli, tempProject } from './run.js';

const dir = tempProject({
  'docker-compose.clean.yml': CLEAN,
  'docker-compose.warning.yml': ONE_WARNING,
  'docker-compose.error.yml': ONE_ERROR,
});

describe('--help and --version', () => {
  it('--help prints the usage on stdout and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const run = runCli([flag]);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Usage: escashop-lint \[options\] <file \.\.\.>\n/);
      for (const option of ['--format', '--output-file', '--code-frame', '--quiet', '--max-warnings', '--no-color', '--version']) {
        expect(run.stdout).toContain(option);
      }
    }
  });

  it('--version prints the package version and exits 0', () => {
    const { version } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      expect(runCli([flag])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});

describe('-o, --output-file', () => {
  it('writes the report to the file and nothing to stdout', () => {
    const piped = runCli(['docker-compose.error.yml'], { cwd: dir });
    for (const flag of ['-o', '--output-file']) {
      const out = `report${flag}.txt`;
      const run = runCli([flag, out, 'docker-compose.error.yml'], { cwd: dir });
      expect(run).toEqual({ status: 1, stdout: '', stderr: '' });
      expect(readFileSync(path.join(dir, out), 'utf8')).toBe(piped.stdout);
    }
  });

  it('never colors the file unless --color asks for it', () => {
    runCli(['-o', 'forced.txt', 'docker-compose.error.yml'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(readFileSync(path.join(dir, 'forced.txt'), 'utf8')).not.toMatch(ANSI);
    runCli(['--color', '-o', 'colored.txt', 'docker-compose.error.yml'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'colored.txt'), 'utf8')).toMatch(ANSI);
  });

  it.runIf('json' in FORMATTERS)('writes a JSON report that parses', () => {
    const run = runCli(['--format', 'json', '-o', 'report.json', 'docker-compose.error.yml'], { cwd: dir });
    expect(run).toEqual({ status: 1, stdout: '', stderr: '' });
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { results: { ruleId: string }[] };
    expect(report.results.map((r) => r.ruleId)).toEqual(['compose/non-root-user']);
  });
});

describe('color', () => {
  const lint = (env: Record<string, string>, ...flags: string[]) => runCli([...flags, 'docker-compose.error.yml'], { cwd: dir, env }).stdout;

  it('a pipe gets no color', () => {
    const out = lint({});
    expect(out).toContain('compose/non-root-user');
    expect(out).not.toMatch(ANSI);
  });

  it('FORCE_COLOR=1 forces it', () => {
    const out = lint({ FORCE_COLOR: '1' });
    expect(out).toMatch(ANSI);
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).toBe(lint({}));
  });

  it('NO_COLOR=1 and FORCE_COLOR=0 turn it off', () => {
    expect(lint({ NO_COLOR: '1' })).not.toMatch(ANSI);
    expect(lint({ FORCE_COLOR: '0' })).not.toMatch(ANSI);
  });

  it('--color and --no-color win over the environment', () => {
    expect(lint({ NO_COLOR: '1' }, '--color')).toMatch(ANSI);
    expect(lint({ FORCE_COLOR: '1' }, '--no-color')).not.toMatch(ANSI);
  });
});

describe('--quiet and --max-warnings', () => {
  it('--quiet hides warnings but not errors', () => {
    const quiet = runCli(['--quiet', 'docker-compose.warning.yml'], { cwd: dir });
    expect(quiet).toEqual({ status: 0, stdout: '✔ no problems in 1 file\n', stderr: '' });
    const errors = runCli(['--quiet', 'docker-compose.warning.yml', 'docker-compose.error.yml'], { cwd: dir });
    expect(errors.status).toBe(1);
    expect(errors.stdout).toContain('compose/non-root-user');
    expect(errors.stdout).not.toContain('compose/healthcheck');
    expect(errors.stdout).toContain('✖ 1 problem (1 error, 0 warnings, 0 info) in 2 files');
  });

  it('--max-warnings n passes at n warnings and fails above it', () => {
    expect(runCli(['--max-warnings', '1', 'docker-compose.warning.yml'], { cwd: dir }).status).toBe(0);
    const over = runCli(['--max-warnings', '0', 'docker-compose.warning.yml'], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stdout).toContain('compose/healthcheck');
    expect(over.stderr).toBe('escashop-lint: 1 warning, more than --max-warnings 0\n');
    expect(runCli(['--max-warnings=0', 'docker-compose.clean.yml'], { cwd: dir }).status).toBe(0);
  });

  it('errors fail whatever --max-warnings says', () => {
    expect(runCli(['--max-warnings', '100', 'docker-compose.error.yml'], { cwd: dir }).status).toBe(1);
  });

  it('warnings hidden by --quiet still count toward --max-warnings', () => {
    const run = runCli(['--quiet', '--max-warnings', '0', 'docker-compose.warning.yml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('✔ no problems in 1 file\n');
    expect(run.stderr).toBe('escashop-lint: 1 warning, more than --max-warnings 0\n');
  });
});
