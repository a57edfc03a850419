import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { defineRule } from '../src/engine/api.js';
import type { Finding } from '../src/findings/finding.js';
import { defaultFiles, findComposeFiles, NoComposeFilesError } from '../src/input/discover.js';
import { lint, lintSource } from '../src/lint.js';
import { HARDENED_SERVICE } from './cli/run.js';

/** lint() on projects: targets, merged files, the files findings land in, environments and configuration. */

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder with a package.json (where the configuration search stops) and `files`. */
function project(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'escashop-projects-')));
  made.push(dir);
  writeFileSync(path.join(dir, 'package.json'), '{"name":"fixture-project"}\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const only = (...ids: string[]) => rules.filter((r) => ids.includes(r.meta.id));
const summary = (f: Finding) => `${f.severity} ${f.file} ${f.range.start.line}:${f.range.start.column} ${f.ruleId}`;

/** A prod service with every hardening the built-in rules ask for, its user taken from APP_USER. */
const HARDENED = `services:\n  api:\n${HARDENED_SERVICE.replace('user: "10001:10001"', 'user: "\${APP_USER:-10001}"')}`;
const PORT_OVERRIDE = 'services:\n  api:\n    ports:\n      - "8080:8080"\n';
const NO_HEALTHCHECK = 'services:\n  api:\n    image: example/api:1.0.0\n';
/** HARDENED without no-new-privileges: an error in prod, a warning in dev. */
const BASE = HARDENED.replace('    security_opt: [no-new-privileges:true]\n', '');

describe('a project of several files', () => {
  const dir = project({
    'docker-compose.yml': HARDENED,
    'docker-compose.prod.yml': PORT_OVERRIDE,
    '.env.production': 'APP_USER=root\n',
  });

  it('groups findings by the file they are in, and lists every file read once', async () => {
    const result = await lint([{ files: ['docker-compose.yml', 'docker-compose.prod.yml'], envFiles: ['.env.production'] }], { cwd: dir });
    expect(result.findings.map(summary)).toEqual([
      'error docker-compose.prod.yml 4:9 compose/ingress-only-ports',
      'error docker-compose.yml 4:12 compose/non-root-user',
    ]);
    expect(result.files.map((f) => f.file).sort()).toEqual(['.env.production', 'docker-compose.prod.yml', 'docker-compose.yml']);
    const inFile = (name: string) => result.files.find((f) => f.file === name)!.findings.map(summary);
    expect(inFile('docker-compose.yml')).toEqual(['error docker-compose.yml 4:12 compose/non-root-user']);
    expect(inFile('docker-compose.prod.yml')).toEqual(['error docker-compose.prod.yml 4:9 compose/ingress-only-ports']);
    expect(inFile('.env.production')).toEqual([]);
  });

  it('options apply to every project; a project target overrides them', async () => {
    const targets = [{ files: ['docker-compose.yml'] }, { files: ['docker-compose.yml'], envFiles: [] }];
    const result = await lint(targets, { cwd: dir, envFiles: ['.env.production'], rules: only('compose/non-root-user') });
    expect(result.findings.map(summary)).toEqual(['error docker-compose.yml 4:12 compose/non-root-user']);
  });

  it('a file read by several projects is read once and its findings are reported once', async () => {
    const result = await lint(['docker-compose.yml', { files: ['docker-compose.yml', 'docker-compose.prod.yml'] }, 'docker-compose.yml', 'gone.yml', 'gone.yml'], {
      cwd: dir,
      envFiles: ['.env.production'],
    });
    expect(result.findings.map(summary)).toEqual([
      'error docker-compose.prod.yml 4:9 compose/ingress-only-ports',
      'error docker-compose.yml 4:12 compose/non-root-user',
      'error gone.yml 1:1 core/input',
    ]);
    expect(result.files.map((f) => f.file).sort()).toEqual(['.env.production', 'docker-compose.prod.yml', 'docker-compose.yml', 'gone.yml']);
  });

  it('a missing env file is a core/input finding, and the project is still linted', async () => {
    const result = await lint([{ files: ['docker-compose.yml', 'docker-compose.prod.yml'], envFiles: ['missing.env'] }], { cwd: dir });
    expect(result.findings.map(summary)).toEqual(['error docker-compose.prod.yml 4:9 compose/ingress-only-ports', 'error missing.env 1:1 core/input']);
  });

  it('a project missing one of its files gets no rule findings, only the finding about that file', async () => {
    const result = await lint([{ files: ['docker-compose.prod.yml', 'gone.yml'] }], { cwd: dir });
    expect(result.findings.map(summary)).toEqual(['error gone.yml 1:1 core/input']);
  });

  it('a project target without files lints nothing', async () => {
    expect(await lint([{ files: [] }], { cwd: dir })).toEqual({ files: [], findings: [], suppressed: [] });
  });
});

describe('a file extended by two projects', () => {
  const dir = project({
    'common.yml': 'services:\n  base:\n    image: example/api:1.4.2\n    user: root\n',
    'docker-compose.yml': 'services:\n  api:\n    extends: {file: common.yml, service: base}\n',
    'docker-compose.staging.yml': 'services:\n  api:\n    extends: {file: common.yml, service: base}\n',
  });

  it('has its finding reported once, in the extended file, when both projects find the same', async () => {
    const result = await lint(['docker-compose.yml', 'docker-compose.staging.yml'], { cwd: dir, rules: only('compose/non-root-user') });
    expect(result.findings.map(summary)).toEqual(['error common.yml 4:11 compose/non-root-user']);
    expect(result.files.map((f) => f.file).sort()).toEqual(['common.yml', 'docker-compose.staging.yml', 'docker-compose.yml']);
  });
});

describe('the environment and the rule levels of a merged project', () => {
  const dir = project({
    'a/.escashoprc.json': '{"rules": {"compose/healthcheck": "error"}}',
    'a/docker-compose.dev.yml': NO_HEALTHCHECK,
    'b/.escashoprc.json': '{"rules": {"compose/healthcheck": "off"}, "environments": {"docker-compose.yml": "dev"}}',
    'b/docker-compose.yml': 'services:\n  api:\n    restart: always\n',
    'b/docker-compose.prod.yml': 'services:\n  api:\n    restart: always\n',
  });
  it('is prod when any file is prod, as its configuration decides; otherwise the first file decides', async () => {
    const nonRoot = (result: { findings: Finding[] }) => result.findings.filter((f) => f.ruleId === 'compose/non-root-user').map(summary);
    // b/docker-compose.yml is dev by its configuration's `environments`, so both files are dev
    expect(nonRoot(await lint([{ files: ['a/docker-compose.dev.yml', 'b/docker-compose.yml'] }], { cwd: dir }))).toEqual([]);
    expect(nonRoot(await lint([{ files: ['a/docker-compose.dev.yml', 'b/docker-compose.prod.yml'] }], { cwd: dir }))).toEqual([
      'error a/docker-compose.dev.yml 2:3 compose/non-root-user',
    ]);
  });

  it('takes the rule levels from the configuration of the first file', async () => {
    const healthcheck = (result: { findings: Finding[] }) => result.findings.filter((f) => f.ruleId === 'compose/healthcheck').map(summary);
    expect(healthcheck(await lint([{ files: ['a/docker-compose.dev.yml', 'b/docker-compose.prod.yml'] }], { cwd: dir }))).toEqual([
      'error a/docker-compose.dev.yml 2:3 compose/healthcheck',
    ]);
    expect(healthcheck(await lint([{ files: ['b/docker-compose.prod.yml', 'a/docker-compose.dev.yml'] }], { cwd: dir }))).toEqual([]);
  });
});

describe('profiles', () => {
  const dir = project({ 'docker-compose.yml': `${NO_HEALTHCHECK}  debug:\n    image: example/debug:1.0.0\n    profiles: [debug]\n` });
  const healthcheck = only('compose/healthcheck');

  it('every service without profiles given, only the started ones with them', async () => {
    const all = await lint(['docker-compose.yml'], { cwd: dir, rules: healthcheck });
    expect(all.findings.map(summary)).toEqual(['warning docker-compose.yml 2:3 compose/healthcheck', 'warning docker-compose.yml 4:3 compose/healthcheck']);
    const none = await lint(['docker-compose.yml'], { cwd: dir, rules: healthcheck, profiles: [] });
    expect(none.findings.map(summary)).toEqual(['warning docker-compose.yml 2:3 compose/healthcheck']);
    const debug = await lint([{ files: ['docker-compose.yml'], profiles: ['debug'] }], { cwd: dir, rules: healthcheck, profiles: [] });
    expect(debug.findings).toHaveLength(2);
  });
});

describe('directories', () => {
  const dir = project({
    'z/compose.yml': NO_HEALTHCHECK,
    'compose.yaml': NO_HEALTHCHECK,
    'a-b/docker-compose.yml': NO_HEALTHCHECK,
    'a/docker-compose.prod.yaml': NO_HEALTHCHECK,
    'a/b/compose.override.yml': NO_HEALTHCHECK,
    'a/composer.yml': NO_HEALTHCHECK,
    'a/compose.yml.orig': NO_HEALTHCHECK,
    'a/my-compose.yml': NO_HEALTHCHECK,
    'a/Docker-Compose.yml': NO_HEALTHCHECK,
    'node_modules/x/compose.yml': NO_HEALTHCHECK,
    '.git/compose.yml': NO_HEALTHCHECK,
    '.devcontainer/docker-compose.yml': NO_HEALTHCHECK,
    'empty/.keep': '',
  });
  symlinkSync(path.join(dir, 'a'), path.join(dir, 'z/link-to-a'));
  symlinkSync(path.join(dir, 'compose.yaml'), path.join(dir, 'z/compose.linked.yml'));

  it('are searched for compose files, sorted by path, skipping node_modules, dot-folders and links to folders', () => {
    expect(findComposeFiles(dir).map((f) => path.relative(dir, f))).toEqual([
      'a-b/docker-compose.yml',
      'a/b/compose.override.yml',
      'a/composer.yml',
      'a/docker-compose.prod.yaml',
      'compose.yaml',
      'z/compose.linked.yml',
      'z/compose.yml',
    ]);
    expect(findComposeFiles(path.join(dir, '.devcontainer')).map((f) => path.relative(dir, f))).toEqual(['.devcontainer/docker-compose.yml']);
    expect(findComposeFiles(path.join(dir, 'empty'))).toEqual([]);
  });

  it('each compose file found is its own project', async () => {
    const result = await lint(['a'], { cwd: dir, rules: only('compose/healthcheck') });
    expect(result.findings.map(summary)).toEqual([
      // a/b/compose.override.yml is dev, where the rule is off
      'warning a/composer.yml 2:3 compose/healthcheck',
      'warning a/docker-compose.prod.yaml 2:3 compose/healthcheck',
    ]);
    expect(result.files.map((f) => f.file)).toEqual(['a/b/compose.override.yml', 'a/composer.yml', 'a/docker-compose.prod.yaml']);
  });

  it('without compose files are an error, before anything is linted', async () => {
    await expect(lint(['compose.yaml', 'empty'], { cwd: dir })).rejects.toThrow(NoComposeFilesError);
    await expect(lint(['empty'], { cwd: dir })).rejects.toThrow('no compose files in empty (looked for compose*.y*ml and docker-compose*.y*ml)');
  });
});

describe('override files', () => {
  const DEBUG_PORT = 'services:\n  api:\n    ports:\n      - "9229:9229"\n';
  const dir = project({
    'docker-compose.yml': BASE,
    'docker-compose.prod.yml': PORT_OVERRIDE,
    'docker-compose.dev.yml': DEBUG_PORT,
    // a service the base does not define
    'docker-compose.monitoring.yml': 'services:\n  exporter:\n    ports:\n      - "9100:9100"\n',
    'broken/docker-compose.yml': 'services:\n  api: [\n',
    'broken/docker-compose.prod.yml': PORT_OVERRIDE,
  });
  const checks = only('compose/no-new-privileges', 'compose/ingress-only-ports', 'compose/healthcheck');
  const withMessages = (result: { findings: Finding[] }) => result.findings.map((f) => `${summary(f)} ${f.message}`);
  const NOTE = 'linted as an override of docker-compose.yml; pass -f to choose the files';

  it('given alone, an override whose services have no image is linted over the base beside it, and says so once', async () => {
    const result = await lint(['docker-compose.prod.yml'], { cwd: dir, rules: checks });
    expect(withMessages(result)).toEqual([
      `info docker-compose.prod.yml 1:1 core/overlay ${NOTE}`,
      'error docker-compose.prod.yml 4:9 compose/ingress-only-ports service "api" publishes port 8080 to the host; in prod only the ingress service may publish ports (use "expose:" or an internal network)',
      'error docker-compose.yml 2:3 compose/no-new-privileges service "api" does not set no-new-privileges; a setuid binary can still raise a process\'s privileges (add "no-new-privileges:true" to security_opt)',
    ]);
    expect(result.files.map((f) => f.file)).toEqual(['docker-compose.yml', 'docker-compose.prod.yml']);
  });

  it("is in the override's environment; a finding in the base is reported once, at the highest severity a project gives it", async () => {
    // dev: the debug port is not an ingress-only-ports error, and the base's finding is a warning
    expect((await lint(['docker-compose.dev.yml'], { cwd: dir, rules: checks })).findings.map(summary)).toEqual([
      'info docker-compose.dev.yml 1:1 core/overlay',
      'warning docker-compose.yml 2:3 compose/no-new-privileges',
    ]);
    // the base is also its own project, prod: the same finding, once, as an error (whatever the order)
    for (const targets of [['docker-compose.dev.yml', 'docker-compose.yml'], ['docker-compose.yml', 'docker-compose.dev.yml']]) {
      expect((await lint(targets, { cwd: dir, rules: checks })).findings.map(summary)).toEqual([
        'info docker-compose.dev.yml 1:1 core/overlay',
        'error docker-compose.yml 2:3 compose/no-new-privileges',
      ]);
    }
  });

  it('-f decides the files: nothing is paired, no note', async () => {
    const result = await lint([{ files: ['docker-compose.yml', 'docker-compose.prod.yml'] }], { cwd: dir, rules: checks });
    expect(result.findings.map(summary)).toEqual(['error docker-compose.prod.yml 4:9 compose/ingress-only-ports', 'error docker-compose.yml 2:3 compose/no-new-privileges']);
  });

  it('without a base that defines its services, each service without an image is a warning and the rules about missing settings skip it', async () => {
    const result = await lint(['docker-compose.monitoring.yml'], { cwd: dir, rules: checks });
    expect(withMessages(result)).toEqual([
      'warning docker-compose.monitoring.yml 2:3 core/image-or-build service "exporter" has neither image nor build: this file looks like an override; lint it with its base (-f <base file> -f docker-compose.monitoring.yml)',
      // a value the file sets is still judged
      'error docker-compose.monitoring.yml 4:9 compose/ingress-only-ports service "exporter" publishes port 9100 to the host; in prod only the ingress service may publish ports (use "expose:" or an internal network)',
    ]);
    expect(result.files.map((f) => f.file)).toEqual(['docker-compose.monitoring.yml']);
  });

  it('a base that cannot be parsed is not used, and nothing is said about it', async () => {
    const result = await lint(['broken/docker-compose.prod.yml'], { cwd: dir, rules: checks });
    expect(result.findings.map(summary)).toEqual(['warning broken/docker-compose.prod.yml 2:3 core/image-or-build', 'error broken/docker-compose.prod.yml 4:9 compose/ingress-only-ports']);
    expect(result.files.map((f) => f.file)).toEqual(['broken/docker-compose.prod.yml']);
  });

  it('the configuration can turn the note and the warning off, like any core check', async () => {
    const quiet = project({
      '.escashoprc.json': '{"rules": {"core/overlay": "off", "core/image-or-build": "off"}}',
      'docker-compose.yml': BASE,
      'docker-compose.prod.yml': PORT_OVERRIDE,
      'docker-compose.monitoring.yml': 'services:\n  exporter:\n    ports:\n      - "9100:9100"\n',
    });
    const result = await lint(['docker-compose.prod.yml', 'docker-compose.monitoring.yml'], { cwd: quiet, rules: only('compose/ingress-only-ports') });
    expect(result.findings.map(summary)).toEqual(['error docker-compose.monitoring.yml 4:9 compose/ingress-only-ports', 'error docker-compose.prod.yml 4:9 compose/ingress-only-ports']);
  });
});

describe("a directory's default files, as docker compose loads them without -f", () => {
  const dir = project({
    'compose.yaml': BASE,
    // loses to compose.yaml: its own project
    'docker-compose.yml': NO_HEALTHCHECK,
    // the override Compose merges over compose.yaml (complete or not)
    'compose.override.yaml': 'services:\n  api:\n    image: example/api:1.4.3-dev\n    ports:\n      - "9229:9229"\n',
    // loses to compose.override.yaml; its service has no image, and compose.yaml defines it
    'docker-compose.override.yml': 'services:\n  api:\n    read_only: false\n',
    // no base beside it: Compose would not load it, it is its own project
    'only-override/compose.override.yml': NO_HEALTHCHECK,
    'legacy/docker-compose.yaml': NO_HEALTHCHECK,
    'legacy/docker-compose.yml': NO_HEALTHCHECK,
  });

  it('follow the names and order of docker compose', () => {
    const rel = (files: { base?: string; override?: string }) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, path.relative(dir, v)]));
    expect(rel(defaultFiles(dir))).toEqual({ base: 'compose.yaml', override: 'compose.override.yaml' });
    expect(rel(defaultFiles(path.join(dir, 'legacy')))).toEqual({ base: 'legacy/docker-compose.yml' });
    expect(defaultFiles(path.join(dir, 'only-override'))).toEqual({});
  });

  it('are one project, base then override, in the override environment; the base is its own project too', async () => {
    const result = await lint(['.'], { cwd: dir, rules: only('compose/no-new-privileges', 'compose/healthcheck', 'compose/read-only-rootfs') });
    expect(result.findings.map((f) => `${summary(f)}${f.ruleId === 'core/overlay' ? ` ${f.message}` : ''}`)).toEqual([
      'info compose.override.yaml 1:1 core/overlay linted as an override of compose.yaml, as docker compose does without -f; pass -f to choose the files',
      // prod alone, dev under the override: reported once, as the error
      'error compose.yaml 2:3 compose/no-new-privileges',
      // its read_only: false is judged in dev, where the rule is off
      'info docker-compose.override.yml 1:1 core/overlay linted as an override of compose.yaml; pass -f to choose the files',
      'warning docker-compose.yml 2:3 compose/healthcheck',
      'error docker-compose.yml 2:3 compose/no-new-privileges',
      'warning docker-compose.yml 2:3 compose/read-only-rootfs',
      'warning legacy/docker-compose.yaml 2:3 compose/healthcheck',
      'error legacy/docker-compose.yaml 2:3 compose/no-new-privileges',
      'warning legacy/docker-compose.yaml 2:3 compose/read-only-rootfs',
      'warning legacy/docker-compose.yml 2:3 compose/healthcheck',
      'error legacy/docker-compose.yml 2:3 compose/no-new-privileges',
      'warning legacy/docker-compose.yml 2:3 compose/read-only-rootfs',
      // dev alone
      'warning only-override/compose.override.yml 2:3 compose/no-new-privileges',
    ]);
  });
});

describe('rules that report something missing', () => {
  const probe = (reportsAbsence: boolean) =>
    defineRule({
      meta: { id: 'test/probe', description: 'Visits every service', severity: 'warning', tags: [], ...(reportsAbsence ? { reportsAbsence } : {}) },
      create: (context) => ({ service: (service) => context.report({ at: service.key, message: `visited ${service.name}` }) }),
    });
  const text = 'services:\n  app:\n    image: example/app:1.0.0\n  tweak:\n    environment: [A=1]\n  built:\n    build: .\n  based:\n    extends: app\n';
  const run = (rule: ReturnType<typeof probe>) =>
    lintSource({ name: 'compose.yml', absPath: '/nowhere/compose.yml', text }, [rule]).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`);

  it('are not run on a service with neither image nor build, by their metadata alone', () => {
    const warning = '4:3 core/image-or-build service "tweak" has neither image nor build: this file looks like an override; lint it with its base (-f <base file> -f compose.yml)';
    expect(run(probe(true))).toEqual(['2:3 test/probe visited app', warning, '6:3 test/probe visited built', '8:3 test/probe visited based']);
    expect(run(probe(false))).toEqual(['2:3 test/probe visited app', warning, '4:3 test/probe visited tweak', '6:3 test/probe visited built', '8:3 test/probe visited based']);
  });
});

describe('lintSource()', () => {
  it('lints text in memory as its own project: no env file, no process environment', () => {
    process.env.ESCASHOP_TEST_USER = 'root';
    try {
      const text = 'services:\n  api:\n    image: example/api:1.4.2\n    user: "${ESCASHOP_TEST_USER:-10001}"\n';
      const findings = lintSource({ name: 'docker-compose.yml', absPath: path.join(os.tmpdir(), 'not-on-disk', 'docker-compose.yml'), text }, only('compose/non-root-user'));
      expect(findings).toEqual([]);
      const root = lintSource({ name: 'compose.yml', absPath: '/nowhere/compose.yml', text: text.replace('10001', '0') }, only('compose/non-root-user'));
      // the default that makes it root
      expect(root.map(summary)).toEqual(['error compose.yml 4:34 compose/non-root-user']);
    } finally {
      delete process.env.ESCASHOP_TEST_USER;
    }
  });
});
