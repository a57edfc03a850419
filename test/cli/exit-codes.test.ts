import { describe, expect, it } from 'vitest';
import { CLEAN, ONE_ERROR, ONE_WARNING, runCli, tempProject } from './run.js';

interface JsonResult {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
}

const dir = tempProject({
  'docker-compose.clean.yml': CLEAN,
  'docker-compose.warning.yml': ONE_WARNING,
  'docker-compose.error.yml': ONE_ERROR,
  'docker-compose.broken.yml': 'services:\n  api:\n    image: "example/api:1.4.2\n    user: root\n',
  'docker-compose.utf16.yml': Buffer.from('\ufeffservices: {}\n', 'utf16le'),
});

/** The one line a usage error prints: no stack trace, no second line. */
function expectUsageError(args: string[], pattern: RegExp): void {
  const run = runCli(args, { cwd: dir });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toContain('    at ');
  expect(run.stderr).toMatch(/^escashop-lint: /);
  expect(run.stderr).toMatch(pattern);
}

describe('exit codes', () => {
  it('0 for a file without findings', () => {
    const run = runCli(['docker-compose.clean.yml'], { cwd: dir });
    expect(run).toEqual({ status: 0, stdout: '✔ no problems in 1 file\n', stderr: '' });
  });

  it('0 when there are only warnings', () => {
    const run = runCli(['docker-compose.warning.yml'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('compose/healthcheck');
    expect(run.stdout).toContain('✖ 1 problem (0 errors, 1 warning, 0 info) in 1 file');
    expect(run.stderr).toBe('');
  });

  it('1 when there are error findings', () => {
    const run = runCli(['docker-compose.clean.yml', 'docker-compose.error.yml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^docker-compose\.error\.yml\n {2}4:11 +error +\S.* compose\/non-root-user\n\n/);
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings, 0 info) in 2 files');
    expect(run.stderr).toBe('');
  });
});

describe('usage errors: exit 2 and one line on stderr', () => {
  it('an unknown option', () => expectUsageError(['--autofix', 'docker-compose.clean.yml'], /'--autofix'/));
  it('an unknown short option', () => expectUsageError(['-x', 'docker-compose.clean.yml'], /'-x'/));
  it('an option without its value', () => expectUsageError(['docker-compose.clean.yml', '--format'], /--format/));
  it('an unknown format', () => expectUsageError(['--format', 'xml', 'docker-compose.clean.yml'], /unknown format "xml"/));
  it('no files', () => expectUsageError([], /no files given/));
  it('no files, only options', () => expectUsageError(['--quiet', '--format', 'json'], /no files given/));
  for (const bad of ['abc', '1.5', '-1', '', '0x10', '1e3', ' 3', 'Infinity']) {
    it(`--max-warnings ${JSON.stringify(bad)}`, () => expectUsageError(['--max-warnings', bad, 'docker-compose.clean.yml'], /--max-warnings/));
  }
  it('--max-warnings=-1', () => expectUsageError(['--max-warnings=-1', 'docker-compose.clean.yml'], /--max-warnings must be a whole number, not "-1"/));
  it('an output file that cannot be written', () =>
    expectUsageError(['-o', 'no/such/folder/report.txt', 'docker-compose.clean.yml'], /cannot write no\/such\/folder\/report\.txt/));
});

describe('files that cannot be linted among good ones', () => {
  const args = ['--format', 'json', 'docker-compose.warning.yml', 'missing.yml', 'docker-compose.broken.yml', 'docker-compose.utf16.yml', 'docker-compose.error.yml'];
  const run = runCli(args, { cwd: dir });
  const report = JSON.parse(run.stdout) as { results: JsonResult[]; summary: { files: number } };
  const byFile = (file: string) => report.results.filter((r) => r.file === file).map((r) => `${r.ruleId} ${r.line}:${r.column}`);

  it('exits 1 and says nothing on stderr', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(report.summary.files).toBe(5);
  });

  it('reports a missing file as core/input', () => {
    expect(byFile('missing.yml')).toEqual(['core/input 1:1']);
  });

  it('reports malformed YAML as core/yaml, and a UTF-16 file as core/input', () => {
    expect(byFile('docker-compose.broken.yml')).toEqual([expect.stringMatching(/^core\/yaml /)]);
    expect(byFile('docker-compose.utf16.yml')).toEqual(['core/input 1:1']);
  });

  it('still lints the good files before and after them', () => {
    expect(byFile('docker-compose.warning.yml')).toEqual(['compose/healthcheck 2:3']);
    expect(byFile('docker-compose.error.yml')).toEqual(['compose/non-root-user 4:11']);
  });
});
