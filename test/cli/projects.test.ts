import { describe, expect, it } from 'vitest';
import { CLEAN, HARDENED_SERVICE, ONE_ERROR, runCli, tempProject, type CliRun } from './run.js';

/**
 * The command line as `docker compose` users type it: `-f` files merged into one project,
 * `--env-file`, `--project-directory`, `--profile`, `--use-process-env`, and positional paths
 * (files and searched directories) as separate projects.
 */

interface JsonResult {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
}

interface Linted {
  status: number | null;
  stderr: string;
  /** `severity file line:column rule-id`, in report order. */
  results: string[];
  files: number;
}

/** Runs the CLI with `--format json` and summarizes its report. */
function lintJson(args: string[], cwd: string, env?: Record<string, string>): Linted {
  const run = runCli(['--format', 'json', ...args], { cwd, ...(env ? { env } : {}) });
  expect(run.stderr, 'no usage or internal error').toBe('');
  const report = JSON.parse(run.stdout) as { results: JsonResult[]; summary: { files: number } };
  return {
    status: run.status,
    stderr: run.stderr,
    results: report.results.map((r) => `${r.severity} ${r.file} ${r.line}:${r.column} ${r.ruleId}`),
    files: report.summary.files,
  };
}

/** The one line a usage error prints, and exit code 2. */
function expectUsageError(run: CliRun, pattern: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^escashop-lint: /);
  expect(run.stderr).toMatch(pattern);
}

/** The hardened service with its user taken from a variable, defaulting to a non-root UID (line 4). */
const USER_FROM_VARIABLE = CLEAN.replace('user: "10001:10001"', 'user: "${APP_USER:-10001}"');

describe('-f base -f prod: one merged project', () => {
  const dir = tempProject({
    // every hardening, the memory and CPU limits included, is in the base
    'docker-compose.yml': CLEAN,
    // the production override only publishes the API's port
    'docker-compose.prod.yml': 'services:\n  api:\n    ports:\n      - "8080:8080"\n',
  });

  it('reports the port added only in the override at the override line, and the limit set only in the base satisfies the rule', () => {
    const run = lintJson(['-f', 'docker-compose.yml', '-f', 'docker-compose.prod.yml'], dir);
    expect(run.results).toEqual(['error docker-compose.prod.yml 4:9 compose/ingress-only-ports']);
    expect(run.status).toBe(1);
    expect(run.files).toBe(2);
  });

  it('--file is -f', () => {
    expect(lintJson(['--file', 'docker-compose.yml', '--file=docker-compose.prod.yml'], dir).results).toEqual([
      'error docker-compose.prod.yml 4:9 compose/ingress-only-ports',
    ]);
  });

  it('as positional paths, the base is its own project and the override, whose service has no image, is linted over it', () => {
    const run = lintJson(['docker-compose.yml', 'docker-compose.prod.yml'], dir);
    expect(run.results).toEqual(['info docker-compose.prod.yml 1:1 core/overlay', 'error docker-compose.prod.yml 4:9 compose/ingress-only-ports']);
    expect(run.files).toBe(2);
  });

  it('the text report names the override', () => {
    const run = runCli(['-f', 'docker-compose.yml', '-f', 'docker-compose.prod.yml'], { cwd: dir });
    expect(run.stdout).toMatch(/^docker-compose\.prod\.yml\n {2}4:9 +error +.*"api".* compose\/ingress-only-ports\n\n✖ 1 problem \(1 error, 0 warnings, 0 info\) in 2 files; 1 potentially fixable with --fix\n$/);
  });

  it('a missing -f file is a core/input finding (exit 1), and the incomplete project is not linted', () => {
    const run = lintJson(['-f', 'docker-compose.prod.yml', '-f', 'missing.yml'], dir);
    expect(run.results).toEqual(['error missing.yml 1:1 core/input']);
    expect(run.status).toBe(1);
  });
});

describe('--env-file and the default .env', () => {
  it('a variable from --env-file that makes the user root is reported at the compose line', () => {
    const dir = tempProject({ 'docker-compose.yml': USER_FROM_VARIABLE, '.env.production': 'APP_USER=root\n' });
    expect(lintJson(['docker-compose.yml'], dir)).toMatchObject({ status: 0, results: [] });
    const run = lintJson(['-f', 'docker-compose.yml', '--env-file', '.env.production'], dir);
    expect(run.results).toEqual(['error docker-compose.yml 4:12 compose/non-root-user']);
    expect(run.status).toBe(1);
    expect(run.files).toBe(2);
  });

  // A missing --env-file is a core/input finding (test/lint-projects.test.ts), but not through the
  // command line: Node.js itself stops first (`node: FILE: not found`, exit 9; nodejs/node#54232).

  it('--env-file works with positional paths too, for each project', () => {
    const dir = tempProject({ 'a/docker-compose.yml': USER_FROM_VARIABLE, 'b/docker-compose.yml': USER_FROM_VARIABLE, 'prod.env': 'APP_USER=0\n' });
    expect(lintJson(['--env-file', 'prod.env', 'a/docker-compose.yml', 'b/docker-compose.yml'], dir).results).toEqual([
      'error a/docker-compose.yml 4:12 compose/non-root-user',
      'error b/docker-compose.yml 4:12 compose/non-root-user',
    ]);
  });

  it('the project directory .env is read unless --env-file is given', () => {
    const dir = tempProject({ 'docker-compose.yml': USER_FROM_VARIABLE, '.env': 'APP_USER=root\n', 'safe.env': 'APP_USER=10001\n' });
    expect(lintJson(['docker-compose.yml'], dir).results).toEqual(['error docker-compose.yml 4:12 compose/non-root-user']);
    expect(lintJson(['-f', 'docker-compose.yml', '--env-file', 'safe.env'], dir).results).toEqual([]);
  });

  it('--project-directory decides where .env is looked for', () => {
    const dir = tempProject({ 'deploy/docker-compose.yml': USER_FROM_VARIABLE, '.env': 'APP_USER=root\n' });
    expect(lintJson(['-f', 'deploy/docker-compose.yml'], dir).results).toEqual([]);
    expect(lintJson(['-f', 'deploy/docker-compose.yml', '--project-directory', '.'], dir).results).toEqual([
      'error deploy/docker-compose.yml 4:12 compose/non-root-user',
    ]);
  });

  it('the shell environment is used only with --use-process-env', () => {
    const dir = tempProject({ 'docker-compose.yml': USER_FROM_VARIABLE });
    expect(lintJson(['docker-compose.yml'], dir, { APP_USER: 'root' }).results).toEqual([]);
    expect(lintJson(['--use-process-env', 'docker-compose.yml'], dir, { APP_USER: 'root' }).results).toEqual([
      'error docker-compose.yml 4:12 compose/non-root-user',
    ]);
  });
});

describe('--profile', () => {
  // A hardened debug service that runs as root (line 19), started only with the "debug" profile.
  const dir = tempProject({ 'docker-compose.yml': `${CLEAN}  debug:\n    profiles: [debug]\n${HARDENED_SERVICE.replace('user: "10001:10001"', 'user: root')}` });
  const rootDebug = 'error docker-compose.yml 19:11 compose/non-root-user';

  it('without --profile every service is linted, whatever its profiles', () => {
    expect(lintJson(['docker-compose.yml'], dir).results).toEqual([rootDebug]);
  });

  it('with --profile, exactly what Compose would start', () => {
    expect(lintJson(['--profile', 'tools', 'docker-compose.yml'], dir)).toMatchObject({ status: 0, results: [] });
    expect(lintJson(['--profile', 'tools', '--profile', 'debug', '-f', 'docker-compose.yml'], dir).results).toEqual([rootDebug]);
    expect(lintJson(['--profile', '*', 'docker-compose.yml'], dir).results).toEqual([rootDebug]);
  });

  it('a bad profile name is a usage error', () => {
    expectUsageError(runCli(['--profile', 'no spaces', 'docker-compose.yml'], { cwd: dir }), /--profile "no spaces" is not a profile name/);
  });
});

describe('directories', () => {
  const BROKEN = 'services:\n  api: [\n';
  const dir = tempProject({
    'compose.yaml': ONE_ERROR,
    'deploy/docker-compose.prod.yml': ONE_ERROR,
    // dev: the non-root rule is off there
    'deploy/docker-compose.override.yml': ONE_ERROR,
    // not compose file names, or in folders that are skipped: linting any of them would be a core/yaml finding
    'deploy/notes.yml': BROKEN,
    'deploy/app-compose.yml': BROKEN,
    'node_modules/pkg/docker-compose.yml': BROKEN,
    '.git/compose.yml': BROKEN,
    '.github/compose.yml': BROKEN,
    'empty/README.md': '# nothing to lint\n',
  });

  it('are searched recursively for compose*.y*ml and docker-compose*.y*ml, each file its own project, in path order', () => {
    const run = lintJson(['.'], dir);
    expect(run.results).toEqual(['error compose.yaml 4:11 compose/non-root-user', 'error deploy/docker-compose.prod.yml 4:11 compose/non-root-user']);
    expect(run.files).toBe(3);
    const text = runCli(['--quiet', dir], { cwd: dir }).stdout;
    expect(text.indexOf('compose.yaml\n')).toBeLessThan(text.indexOf('deploy/docker-compose.prod.yml\n'));
  });

  it('a directory and a file mix, and a file found twice is linted once', () => {
    const run = lintJson(['deploy', 'compose.yaml', 'deploy/docker-compose.prod.yml'], dir);
    expect(run.results).toEqual(['error compose.yaml 4:11 compose/non-root-user', 'error deploy/docker-compose.prod.yml 4:11 compose/non-root-user']);
    expect(run.files).toBe(3);
  });

  it('a dot-folder named on the command line is searched', () => {
    expect(lintJson(['.git'], dir).results).toEqual([expect.stringMatching(/^error \.git\/compose\.yml \d+:\d+ core\/yaml$/)]);
  });

  it('a directory without compose files is a usage error, as ESLint reports a pattern matching no file', () => {
    expectUsageError(runCli(['compose.yaml', 'empty'], { cwd: dir }), /^escashop-lint: no compose files in empty \(looked for compose\*\.y\*ml and docker-compose\*\.y\*ml\)\n$/);
  });
});

describe("a directory's compose.yaml and compose.override.yml", () => {
  const dir = tempProject({
    'compose.yaml': ONE_ERROR,
    // dev, where read_only is not checked
    'compose.override.yml': 'services:\n  api:\n    read_only: false\n',
  });

  it('are one project, as docker compose loads them without -f, and the report says so; the base is its own project too', () => {
    const run = lintJson(['.'], dir);
    expect(run.results).toEqual(['info compose.override.yml 1:1 core/overlay', 'error compose.yaml 4:11 compose/non-root-user']);
    expect(run.files).toBe(2);
    expect(runCli([dir], { cwd: dir }).stdout).toMatch(
      /^compose\.override\.yml\n {2}1:1 +info +linted as an override of compose\.yaml, as docker compose does without -f; pass -f to choose the files +core\/overlay\n\n/,
    );
  });
});

describe('the environment of a merged project', () => {
  const dir = tempProject({
    // dev alone: the non-root rule is off
    'docker-compose.dev.yml': ONE_ERROR,
    'docker-compose.override.yml': 'services:\n  api:\n    restart: "no"\n',
    'docker-compose.prod.yml': 'services:\n  api:\n    restart: always\n',
  });

  it('is prod when any of its files is prod', () => {
    expect(lintJson(['docker-compose.dev.yml'], dir).results).toEqual([]);
    const run = lintJson(['-f', 'docker-compose.dev.yml', '-f', 'docker-compose.prod.yml'], dir);
    expect(run.results).toEqual(['error docker-compose.dev.yml 4:11 compose/non-root-user']);
    expect(run.status).toBe(1);
  });

  it('stays dev when all its files are dev', () => {
    expect(lintJson(['-f', 'docker-compose.dev.yml', '-f', 'docker-compose.override.yml'], dir)).toMatchObject({ status: 0, results: [] });
  });
});

describe('usage errors', () => {
  const dir = tempProject({ 'docker-compose.yml': CLEAN });

  it('-f and positional paths together', () => {
    expectUsageError(runCli(['-f', 'docker-compose.yml', 'other.yml'], { cwd: dir }), /-f\/--file and positional paths cannot be mixed \("other\.yml"\)/);
  });

  it('--project-directory that is not a directory', () => {
    expectUsageError(runCli(['-f', 'docker-compose.yml', '--project-directory', 'nowhere'], { cwd: dir }), /--project-directory nowhere is not a directory/);
  });

  it('-f without a value, and an empty path', () => {
    expectUsageError(runCli(['docker-compose.yml', '-f'], { cwd: dir }), /-f/);
    expectUsageError(runCli(['-f', ''], { cwd: dir }), /-f\/--file needs a path/);
  });

  it('--help documents every project option', () => {
    const help = runCli(['--help']).stdout;
    for (const option of ['-f, --file', '--env-file', '--project-directory', '--profile', '--use-process-env']) expect(help).toContain(option);
  });
});
