import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { searchConfig } from '../../src/config/load.js';
import { configuredProjects, ignoredBy, settingsFor } from '../../src/config/resolve.js';
import { lint } from '../../src/lint.js';
import { DEFAULT_INGRESS } from '../../src/model/ingress.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { project, yamlConfigError } from './helpers.js';

const metas = rules.map((r) => r.meta);
const healthcheck = metas.find((m) => m.id === 'compose/healthcheck')!;
const NO_HEALTHCHECK = 'services:\n  api:\n    image: example/api:1.0.0\n';

describe('overrides', () => {
  const dir = project({
    '.escashoprc.json': JSON.stringify({
      rules: { 'compose/healthcheck': 'error' },
      overrides: [
        { files: 'deploy/**/*.yml', environment: 'dev', rules: { 'compose/healthcheck': { dev: 'info' } } },
        { files: ['deploy/ci/*.yml', 'tests/*.yml'], environment: 'test' },
        { files: 'deploy/ci/special.yml', rules: { 'compose/healthcheck': 'off' } },
      ],
    }),
  });
  const at = (file: string) => settingsFor(path.join(dir, file), config);
  let config: Awaited<ReturnType<typeof searchConfig>>;

  it('apply in order after the top-level settings, with globs relative to the config folder', async () => {
    config = await searchConfig(dir, dir, metas);
    expect([at('docker-compose.yml').environment, at('docker-compose.yml').level(healthcheck)]).toEqual(['prod', 'error']);
    expect([at('deploy/app/docker-compose.yml').environment, at('deploy/app/docker-compose.yml').level(healthcheck)]).toEqual(['dev', 'info']);
    // The second override's environment wins over the first's; the first's dev level does not apply in test.
    expect([at('deploy/ci/a.yml').environment, at('deploy/ci/a.yml').level(healthcheck)]).toEqual(['test', 'error']);
    expect([at('deploy/ci/special.yml').environment, at('deploy/ci/special.yml').level(healthcheck)]).toEqual(['test', 'off']);
    expect(at('deploy/ci/special.yml').overrides.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(at('tests/x.yml').environment).toBe('test');
    // Outside the config's folder nothing matches.
    expect(settingsFor(path.join(path.dirname(dir), 'deploy/x.yml'), config).overrides).toEqual([]);
  });

  it('an override environment decides over the environments globs and the file name', async () => {
    const d = project({ '.escashoprc.json': '{"environments": {"*.yml": "prod"}, "overrides": [{"files": "compose.*.yml", "environment": "test"}]}' });
    const c = await searchConfig(d, d, metas);
    expect(settingsFor(path.join(d, 'compose.dev.yml'), c).environment).toBe('test');
    expect(settingsFor(path.join(d, 'docker-compose.dev.yml'), c).environment).toBe('prod');
  });

  it('lint() uses them: a project takes its first file\'s overrides', async () => {
    const d = project({ '.escashoprc.json': '{"overrides": [{"files": "legacy/*.yml", "rules": {"compose/healthcheck": "error"}}]}', 'legacy/compose.yml': NO_HEALTHCHECK, 'compose.yml': NO_HEALTHCHECK });
    const result = await lint(['legacy/compose.yml', 'compose.yml'], { cwd: d, rules: rules.filter((r) => r.meta.id === 'compose/healthcheck') });
    expect(result.findings.map((f) => [f.file, f.severity])).toEqual([['compose.yml', 'warning'], ['legacy/compose.yml', 'error']]);
  });

  it('errors: files missing or empty, an unknown key, a bad environment', async () => {
    const bad = (text: string) => yamlConfigError(text, metas);
    expect(await bad('overrides:\n  - environment: dev\n')).toBe('.escashoprc.yaml:2:5: "overrides[0]" needs "files"');
    expect(await bad('overrides:\n  - files: []\n')).toBe('.escashoprc.yaml:2:5: "overrides[0].files" must not be empty');
    expect(await bad('overrides:\n  - files: x.yml\n    ingress: [nginx]\n')).toBe('.escashoprc.yaml:3:5: unknown key "ingress" in "overrides[0]"');
    expect(await bad('overrides:\n  - files: x.yml\n    environment: staging\n')).toBe('.escashoprc.yaml:3:18: "overrides[0].environment" must be one of "prod", "dev", "test"');
    expect(await bad('overrides:\n  - files: x.yml\n    rules:\n      compose/helthcheck: off\n')).toBe('.escashoprc.yaml:4:7: unknown rule "compose/helthcheck" (did you mean "compose/healthcheck"?)');
    expect(await bad('overrides: {files: x.yml}\n')).toBe('.escashoprc.yaml:1:1: "overrides" must be a list');
  });
});

describe('ingress and secrets', () => {
  it('default to the built-in policy', async () => {
    const d = project({ '.escashoprc.json': '{}' });
    expect(settingsFor(path.join(d, 'compose.yml'), await searchConfig(d, d, metas)).policy).toEqual(DEFAULT_POLICY);
    expect(settingsFor(path.join(d, 'compose.yml'), undefined).policy.ingress).toBe(DEFAULT_INGRESS);
  });

  it('replace it, the last configuration of the chain that sets each one winning', async () => {
    const d = project({
      '.escashoprc.json': '{"extends": "./base.json", "ingress": ["edge-proxy"], "secrets": {"allowValues": ["^test-"]}}',
      'base.json': '{"ingress": ["nginx"], "secrets": {"allowNames": ["*_TTL"], "allowValues": ["^x"]}}',
    });
    const settings = settingsFor(path.join(d, 'compose.yml'), await searchConfig(d, d, metas));
    expect(settings.policy).toEqual({ ingress: ['edge-proxy'], secrets: { allowNames: ['*_TTL'], allowValues: ['^test-'] } });
  });

  it('an invalid regular expression is an error at its value; bad shapes are errors too', async () => {
    const bad = (text: string) => yamlConfigError(text, metas);
    expect(await bad('secrets:\n  allowValues:\n    - ^ok$\n    - "^(a"\n')).toBe('.escashoprc.yaml:4:7: "secrets.allowValues[1]" is not a valid regular expression: Unterminated group');
    expect(await bad('secrets:\n  allowValues: ["[z-a]"]\n')).toBe('.escashoprc.yaml:2:17: "secrets.allowValues[0]" is not a valid regular expression: Range out of order in character class');
    expect(await bad('secrets:\n  allowKeys: [A]\n')).toBe('.escashoprc.yaml:2:3: unknown key "allowKeys" in "secrets"');
    expect(await bad('ingress: nginx\n')).toBe('.escashoprc.yaml:1:10: "ingress" must be a list');
    expect(await bad('ingress: [""]\n')).toBe('.escashoprc.yaml:1:11: "ingress[0]" must not be empty');
  });
});

describe('ignore', () => {
  const d = project({
    '.escashoprc.json': '{"ignore": ["legacy/**", "**/compose.old.yml"]}',
    'legacy/docker-compose.yml': NO_HEALTHCHECK,
    'app/compose.old.yml': NO_HEALTHCHECK,
    'app/compose.yml': NO_HEALTHCHECK,
  });
  const healthcheckOnly = rules.filter((r) => r.meta.id === 'compose/healthcheck');

  it('skips matching files in a directory search and in a glob', async () => {
    const result = await lint(['.'], { cwd: d, rules: healthcheckOnly });
    expect(result.files.map((f) => f.file)).toEqual(['app/compose.yml']);
    const globbed = await lint(['**/*.yml'], { cwd: d, rules: healthcheckOnly });
    expect(globbed.files.map((f) => f.file)).toEqual(['app/compose.yml']);
  });

  it('a file named on its own is not linted and gets a core/ignored note at 1:1', async () => {
    const result = await lint(['legacy/docker-compose.yml', 'app/compose.yml'], { cwd: d, rules: healthcheckOnly });
    expect(result.findings.map((f) => [f.file, f.ruleId, f.severity, f.range.start.line, f.range.start.column, f.message])).toEqual([
      ['app/compose.yml', 'compose/healthcheck', 'warning', 2, 3, 'service "api" has no healthcheck'],
      ['legacy/docker-compose.yml', 'core/ignored', 'warning', 1, 1, 'not linted: ignored by "legacy/**" in .escashoprc.json; pass --no-ignore to lint it'],
    ]);
  });

  it('ignore: false (--no-ignore) lints every file', async () => {
    const result = await lint(['.'], { cwd: d, rules: healthcheckOnly, ignore: false });
    expect(result.files.map((f) => f.file)).toEqual(['app/compose.old.yml', 'app/compose.yml', 'legacy/docker-compose.yml']);
  });

  it('the note takes its level from the configuration, like any core check', async () => {
    const off = project({ '.escashoprc.json': '{"ignore": ["x.yml"], "rules": {"core/ignored": "info"}}', 'x.yml': NO_HEALTHCHECK });
    expect((await lint(['x.yml'], { cwd: off, rules: [] })).findings.map((f) => [f.ruleId, f.severity])).toEqual([['core/ignored', 'info']]);
  });

  it('ignoredBy names the glob and its configuration file', async () => {
    const config = await searchConfig(d, d, metas);
    expect(ignoredBy(path.join(d, 'app/compose.old.yml'), config)).toEqual({ glob: '**/compose.old.yml', config: path.join(d, '.escashoprc.json') });
    expect(ignoredBy(path.join(d, 'app/compose.yml'), config)).toBeUndefined();
  });
});

describe('projects', () => {
  it('resolve their paths against the folder of the configuration that names them', async () => {
    const d = project({
      '.escashoprc.json': '{"extends": "./team/base.json", "projects": {"prod": {"files": ["compose.yml", "compose.prod.yml"], "envFiles": [".env.prod"], "profiles": ["monitoring"], "projectDirectory": "."}}}',
      'team/base.json': '{"projects": {"prod": {"files": ["x.yml"]}, "tools": {"files": ["tools.yml"]}}}',
    });
    const projects = configuredProjects((await searchConfig(d, d, metas))!);
    expect([...projects]).toEqual([
      ['tools', { files: [path.join(d, 'team/tools.yml')] }],
      ['prod', { files: [path.join(d, 'compose.yml'), path.join(d, 'compose.prod.yml')], envFiles: [path.join(d, '.env.prod')], profiles: ['monitoring'], projectDir: d }],
    ]);
  });

  it('errors: a bad name, no files, a bad profile', async () => {
    const bad = (text: string) => yamlConfigError(text, metas);
    expect(await bad('projects:\n  -prod:\n    files: [a.yml]\n')).toBe('.escashoprc.yaml:2:3: "-prod" in "projects" is not a project name (letters, digits, "_", "." and "-", not starting with a symbol)');
    expect(await bad('projects:\n  prod:\n    envFiles: [.env]\n')).toBe('.escashoprc.yaml:2:3: "projects.prod" needs "files"');
    expect(await bad('projects:\n  prod:\n    files: [a.yml]\n    profiles: ["-x"]\n')).toBe('.escashoprc.yaml:4:16: "projects.prod.profiles[0]" is not a profile name (letters, digits, "_", "." and "-", not starting with a symbol; or "*")');
    expect(await bad('projects:\n  prod:\n    files: [a.yml]\n    project-directory: .\n')).toBe('.escashoprc.yaml:4:5: unknown key "project-directory" in "projects.prod"');
  });
});
