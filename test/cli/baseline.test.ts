import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { CLEAN, runCli, tempProject } from './run.js';

/** A hardened service whose image is `latest` (a warning at 3:24), and a .env with two identical bad lines (errors at 2:5 and 3:5). */
const COMPOSE = CLEAN.replace('example/api:1.4.2', 'example/api:latest');
const ENV = 'FOO=1\nnot a line\nnot a line\n';
const PINNED = 'image "example/api:latest" of service "api" uses the "latest" tag, which moves with every release (compose/image-pinned)';
const ENV_LINE = 'Error - missing "=" after the variable name (core/env-file)';

function project(): string {
  return tempProject({ 'compose.yml': COMPOSE, '.env': ENV });
}

/** Lints compose.yml in `dir` in the compact format (exact lines and columns). */
function lintWith(dir: string, ...args: string[]) {
  return runCli(['--format', 'compact', ...args, 'compose.yml'], { cwd: dir });
}

function write(dir: string, file = 'baseline.json') {
  const run = lintWith(dir, '--write-baseline', file);
  expect(run.stderr).toBe(`escashop-lint: wrote 3 findings to ${file}\n`);
  expect(run.status).toBe(0);
  return run;
}

const stale = (n: number, file = 'baseline.json') =>
  `escashop-lint: ${file}: ${n === 1 ? '1 entry no longer matches' : `${n} entries no longer match`} any finding; run with --write-baseline ${file} to prune them\n`;

describe('--write-baseline', () => {
  test('records every finding, reports none, exits 0, and rewrites an unchanged project byte for byte', () => {
    const dir = project();
    const run = write(dir);
    expect(run.stdout).toBe('');
    const first = readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    const data = JSON.parse(first) as { version: number; tool: string; findings: { ruleId: string; file: string; line: number }[] };
    expect([data.version, data.tool]).toEqual([1, 'escashop-lint']);
    expect(data.findings.map((e) => [e.file, e.line, e.ruleId])).toEqual([
      ['.env', 2, 'core/env-file'],
      ['.env', 3, 'core/env-file'],
      ['compose.yml', 3, 'compose/image-pinned'],
    ]);
    write(dir);
    expect(readFileSync(path.join(dir, 'baseline.json'), 'utf8')).toBe(first);
  });

  test('the text summary says how many findings were baselined', () => {
    const dir = project();
    write(dir);
    const run = runCli(['--baseline', 'baseline.json', 'compose.yml'], { cwd: dir });
    expect(run.stdout).toBe('✔ no problems in 2 files; 3 baselined\n');
    expect(run.status).toBe(0);
  });

  test('never writes a secret: only hashes of the text, with secrets masked', () => {
    const fixture = path.join(PACKAGE_ROOT, 'rules/compose/no-plaintext-secrets/fixtures/invalid/docker-compose.prod.yml');
    const dir = tempProject({});
    copyFileSync(fixture, path.join(dir, 'docker-compose.prod.yml'));
    const run = runCli(['--write-baseline', 'baseline.json', 'docker-compose.prod.yml'], { cwd: dir });
    expect(run.status).toBe(0);
    const text = readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    const entries = (JSON.parse(text) as { findings: { ruleId: string; line: number }[] }).findings;
    expect(entries.filter((e) => e.ruleId === 'compose/no-plaintext-secrets').map((e) => e.line)).toEqual(expect.arrayContaining([4, 12, 16, 18, 25, 28]));
    for (const secret of ['postgres123', 'escashop-jwt-secret-2025', 'hunter2', 'redis123']) expect(text).not.toContain(secret);

    // A rotated secret is the same finding: its characters were masked before hashing.
    const source = readFileSync(fixture, 'utf8');
    writeFileSync(path.join(dir, 'docker-compose.prod.yml'), source.replace('escashop-jwt-secret-2025', 'a-much-longer-rotated-jwt-secret-value'));
    const after = runCli(['--format', 'compact', '--baseline', 'baseline.json', 'docker-compose.prod.yml'], { cwd: dir });
    expect(after.stdout).toBe('');
    expect(after.stderr).toBe('');
    expect(after.status).toBe(0);
  });
});

describe('--baseline', () => {
  test('reports nothing new after 5 lines are inserted at the top of the compose file', () => {
    const dir = project();
    write(dir);
    writeFileSync(path.join(dir, 'compose.yml'), `# 1\n# 2\n# 3\n# 4\n# 5\n${COMPOSE}`);
    const run = lintWith(dir, '--baseline', 'baseline.json');
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('reports a changed offending line as new, and its old entry as stale', () => {
    const dir = project();
    write(dir);
    writeFileSync(path.join(dir, 'compose.yml'), `# moved\n${COMPOSE.replace('example/api:latest', 'example/web:latest')}`);
    const run = lintWith(dir, '--baseline', 'baseline.json');
    expect(run.stdout).toBe(`${path.join(dir, 'compose.yml')}: line 4, col 24, Warning - ${PINNED.replace('example/api', 'example/web')}\n\n1 problem\n`);
    expect(run.stderr).toBe(stale(1));
    expect(run.status).toBe(2);
    const passing = lintWith(dir, '--baseline', 'baseline.json', '--pass-on-stale-baseline');
    expect(passing.stdout).toBe(run.stdout);
    expect(passing.stderr).toBe(stale(1));
    expect(passing.status).toBe(0);
  });

  test('a fixed finding leaves a stale entry: exit 2, or 0 with --pass-on-stale-baseline', () => {
    const dir = project();
    write(dir);
    writeFileSync(path.join(dir, 'compose.yml'), COMPOSE.replace('example/api:latest', 'example/api:1.4.2'));
    const run = lintWith(dir, '--baseline', 'baseline.json');
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(stale(1));
    expect(run.status).toBe(2);
    const passing = lintWith(dir, '--baseline', 'baseline.json', '--pass-on-stale-baseline');
    expect(passing.stderr).toBe(stale(1));
    expect(passing.status).toBe(0);
  });

  test('entries of a file the run did not lint are not stale, and pruning keeps them (a pre-commit run over changed files)', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'other.yml'), COMPOSE);
    const all = runCli(['--format', 'compact', '--write-baseline', 'baseline.json', 'compose.yml', 'other.yml'], { cwd: dir });
    expect(all.status).toBe(0);
    const before = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8')) as { findings: { file: string }[] };
    expect(before.findings.filter((e) => e.file === 'other.yml')).toHaveLength(1);
    // Only other.yml changed, and its finding is fixed: one stale entry, those of compose.yml and .env untouched.
    writeFileSync(path.join(dir, 'other.yml'), COMPOSE.replace('example/api:latest', 'example/api:1.4.2'));
    const run = runCli(['--format', 'compact', '--baseline', 'baseline.json', 'other.yml'], { cwd: dir });
    expect(run.stderr).toBe(stale(1));
    expect(run.status).toBe(2);
    const prune = runCli(['--format', 'compact', '--baseline', 'baseline.json', '--write-baseline', 'baseline.json', 'other.yml'], { cwd: dir });
    expect(prune.status).toBe(0);
    const after = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8')) as { findings: { file: string; ruleId: string }[] };
    expect(after.findings.map((e) => [e.file, e.ruleId])).toEqual([
      ['.env', 'core/env-file'],
      ['.env', 'core/env-file'],
      ['compose.yml', 'compose/image-pinned'],
    ]);
    expect(lintWith(dir, '--baseline', 'baseline.json').status).toBe(0);
  });

  test('two identical lines are two entries: fixing one leaves one stale, a third is new', () => {
    const dir = project();
    write(dir);
    writeFileSync(path.join(dir, '.env'), 'FOO=1\nnot a line\n');
    const fixed = lintWith(dir, '--baseline', 'baseline.json');
    expect(fixed.stdout).toBe('');
    expect(fixed.stderr).toBe(stale(1));
    expect(fixed.status).toBe(2);

    writeFileSync(path.join(dir, '.env'), 'FOO=1\nnot a line\nnot a line\nnot a line\n');
    const third = lintWith(dir, '--baseline', 'baseline.json');
    expect(third.stdout).toBe(`${path.join(dir, '.env')}: line 4, col 5, ${ENV_LINE}\n\n1 problem\n`);
    expect(third.stderr).toBe('');
    expect(third.status).toBe(1);
  });

  test('with --write-baseline and the same file, prunes stale entries and accepts nothing new', () => {
    const dir = project();
    write(dir);
    writeFileSync(path.join(dir, '.env'), 'FOO=1\nnot a line\n');
    writeFileSync(path.join(dir, 'compose.yml'), COMPOSE.replace('read_only: true', 'read_only: true\n    privileged: true'));
    const run = lintWith(dir, '--baseline', 'baseline.json', '--write-baseline', 'baseline.json');
    expect(run.stdout).toBe(
      `${path.join(dir, 'compose.yml')}: line 6, col 17, Error - service "api" sets "privileged: true": the container gets every capability and host device, without seccomp or AppArmor confinement (compose/no-privileged)\n\n1 problem\n`,
    );
    expect(run.stderr).toBe('escashop-lint: pruned 1 entry from baseline.json (2 kept)\n');
    expect(run.status).toBe(1);
    const entries = (JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8')) as { findings: { file: string; line: number }[] }).findings;
    expect(entries.map((e) => [e.file, e.line])).toEqual([
      ['.env', 2],
      ['compose.yml', 3],
    ]);
    const again = lintWith(dir, '--baseline', 'baseline.json');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(1);
  });

  test('names files relative to the baseline file, so another working directory matches', () => {
    const root = tempProject({ 'deploy/compose.yml': COMPOSE, 'deploy/.env': ENV });
    const deploy = path.join(root, 'deploy');
    const written = runCli(['--write-baseline', 'deploy/baseline.json', 'deploy/compose.yml'], { cwd: root });
    expect(written.stderr).toBe('escashop-lint: wrote 3 findings to deploy/baseline.json\n');
    const entries = (JSON.parse(readFileSync(path.join(deploy, 'baseline.json'), 'utf8')) as { findings: { file: string }[] }).findings;
    expect(entries.map((e) => e.file)).toEqual(['.env', '.env', 'compose.yml']);

    const fromDeploy = lintWith(deploy, '--baseline', 'baseline.json');
    expect([fromDeploy.stdout, fromDeploy.stderr, fromDeploy.status]).toEqual(['', '', 0]);
    mkdirSync(path.join(root, 'elsewhere'));
    const fromSibling = runCli(['--format', 'compact', '--baseline', '../deploy/baseline.json', '../deploy/compose.yml'], { cwd: path.join(root, 'elsewhere') });
    expect([fromSibling.stdout, fromSibling.stderr, fromSibling.status]).toEqual(['', '', 0]);
  });

  test('matches standard input against the file it stands for', () => {
    const dir = project();
    const written = runCli(['--write-baseline', 'baseline.json', '--stdin-filename', 'compose.yml', '-'], { cwd: dir, input: `# unsaved\n${COMPOSE}` });
    expect(written.stderr).toBe('escashop-lint: wrote 3 findings to baseline.json\n');
    const run = lintWith(dir, '--baseline', 'baseline.json');
    expect([run.stdout, run.stderr, run.status]).toEqual(['', '', 0]);
  });
});

describe('a baseline that cannot be used', () => {
  function refused(text: string | undefined, message: string) {
    const dir = project();
    if (text !== undefined) writeFileSync(path.join(dir, 'baseline.json'), text);
    const run = lintWith(dir, '--baseline', 'baseline.json');
    expect(run.stderr).toBe(`escashop-lint: ${message}\n`);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  }

  test('is missing: says how to create it', () => {
    refused(undefined, 'baseline.json: baseline file not found; create it with --write-baseline baseline.json');
  });

  test('is not JSON: names the line and column', () => {
    refused('{\n  "version": 1,\n  "tool": "escashop-lint",\n  "findings": [\n    {"ruleId": "x",}\n  ]\n}\n', 'baseline.json:5:20: not valid JSON: expected double-quoted property name');
  });

  test('is of another version', () => {
    refused('{"version": 2, "tool": "escashop-lint", "findings": []}\n', 'baseline.json:1:13: baseline is version 2; this escashop-lint reads version 1 (rewrite it with --write-baseline)');
  });

  test('breaks the schema', () => {
    refused('{"version": 1, "tool": "other-lint", "findings": []}\n', 'baseline.json:1:24: "tool" must be "escashop-lint"');
  });
});

describe('usage errors', () => {
  test.each([
    [['--baseline', 'a.json', '--write-baseline', 'b.json'], '--baseline a.json and --write-baseline b.json name different files: give the same file to prune it, or --write-baseline alone to rewrite it'],
    [['--pass-on-stale-baseline'], '--pass-on-stale-baseline applies to --baseline <file>'],
    [['--baseline', ''], '--baseline needs a file, e.g. --baseline escashop-baseline.json'],
  ])('%j', (args, message) => {
    const dir = project();
    const run = lintWith(dir, ...args);
    expect(run.stderr).toBe(`escashop-lint: ${message}\n`);
    expect(run.status).toBe(2);
  });

  test('the help documents the options and exit codes', () => {
    const help = runCli(['--help']).stdout;
    expect(help).toContain('--write-baseline <file>');
    expect(help).toContain('--pass-on-stale-baseline');
    expect(help).toContain('or stale --baseline entries (after the report)');
  });
});
