import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { loadConfigFile, searchConfig } from '../../src/config/load.js';
import { configError, project } from './helpers.js';
import { settingsFor } from '../../src/config/resolve.js';
import { lint } from '../../src/lint.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';

const ids = rules.map((r) => r.meta);
const healthcheck = rules.find((r) => r.meta.id === 'compose/healthcheck')!.meta;

const NO_HEALTHCHECK = 'services:\n  api:\n    image: example/api:1.0.0\n';

describe('configuration', () => {
  it('the shipped example is valid and names only real rules', async () => {
    const config = await loadConfigFile(path.join(PACKAGE_ROOT, '.escashoprc.example.json'), PACKAGE_ROOT, ids);
    expect(Object.keys(config.data.rules ?? {})).toContain('compose/healthcheck');
    const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/escashoprc.schema.json'), 'utf8')) as { properties: object };
    expect(Object.keys(config.data).sort(), 'the example shows every option').toEqual(Object.keys(schema.properties).sort());
  });

  it('is found from a nested folder up to the project root', async () => {
    const dir = project({ '.escashoprc.json': '{"rules":{"compose/healthcheck":"off"}}', 'deploy/prod/x.txt': '' });
    const config = await searchConfig(path.join(dir, 'deploy', 'prod'), dir, ids);
    expect(config?.file).toBe(path.join(dir, '.escashoprc.json'));
  });

  it('reads YAML rc files, "escashop" in package.json and JS modules', async () => {
    const yamlDir = project({ '.escashoprc.yaml': 'rules:\n  compose/healthcheck: error\n' });
    expect((await searchConfig(yamlDir, yamlDir, ids))?.data.rules).toEqual({ 'compose/healthcheck': 'error' });
    const pkgDir = project({});
    writeFileSync(path.join(pkgDir, 'package.json'), '{"name":"x","escashop":{"rules":{"compose/healthcheck":"info"}}}');
    expect((await searchConfig(pkgDir, pkgDir, ids))?.data.rules).toEqual({ 'compose/healthcheck': 'info' });
    const jsDir = project({ 'escashop.config.mjs': 'export default { rules: { "compose/healthcheck": "off" } };\n' });
    expect((await searchConfig(jsDir, jsDir, ids))?.data.rules).toEqual({ 'compose/healthcheck': 'off' });
  });

  it('an unknown key is a one-line error with file, line and column', async () => {
    const dir = project({ '.escashoprc.json': '{\n  "rules": {},\n  "ruels": {}\n}\n' });
    expect(await configError(searchConfig(dir, dir, ids))).toBe('.escashoprc.json:3:3: unknown key "ruels" in the configuration');
  });

  it('an unknown rule is an error with a suggestion, at the rule key', async () => {
    const dir = project({ '.escashoprc.json': '{\n  "rules": {\n    "compose/helthcheck": "off"\n  }\n}\n' });
    const message = await configError(loadConfigFile('.escashoprc.json', dir, ids));
    expect(message).toMatch(/\.escashoprc\.json:3:5: unknown rule "compose\/helthcheck" \(did you mean "compose\/healthcheck"\?\)$/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('a bad level names the allowed ones', async () => {
    const dir = project({ '.escashoprc.json': '{"rules": {"compose/healthcheck": "fatal"}}' });
    expect(await configError(loadConfigFile('.escashoprc.json', dir, ids))).toMatch(/\.escashoprc\.json:1:35: "rules\.compose\/healthcheck" must be .*"off", "info", "warning", "error"/);
  });

  it('invalid JSON/YAML is reported at its position', async () => {
    const dir = project({ '.escashoprc.json': '{\n  "rules": {\n}\n' });
    expect(await configError(loadConfigFile('.escashoprc.json', dir, ids))).toMatch(/\.escashoprc\.json:\d+:\d+: /);
  });

  it('a missing --config file is an error', async () => {
    expect(await configError(loadConfigFile('nope.json', os.tmpdir(), ids))).toMatch(/nope\.json: configuration file not found/);
  });

  it('environments globs decide before the file name, relative to the config folder', async () => {
    const dir = project({ '.escashoprc.json': '{"environments": {"deploy/**/*.yml": "dev"}}' });
    const config = await searchConfig(dir, dir, ids);
    expect(settingsFor(path.join(dir, 'deploy/x/docker-compose.yml'), config).environment).toBe('dev');
    expect(settingsFor(path.join(dir, 'docker-compose.yml'), config).environment).toBe('prod');
    expect(settingsFor(path.join(dir, 'docker-compose.dev.yml'), config).environment).toBe('dev');
  });

  it('rule levels: one for all environments, or per environment with the rule default elsewhere', () => {
    const config = { file: '/x/.escashoprc.json', dir: '/x', data: { rules: { 'compose/healthcheck': { dev: 'info' as const } } } };
    expect(settingsFor('/x/docker-compose.dev.yml', config).level(healthcheck)).toBe('info');
    expect(settingsFor('/x/docker-compose.yml', config).level(healthcheck)).toBe('warning');
    const all = { ...config, data: { rules: { 'compose/healthcheck': 'error' as const } } };
    expect(settingsFor('/x/docker-compose.test.yml', all).level(healthcheck)).toBe('error');
  });

  it('lint() applies the nearest config: levels, off, and core checks', async () => {
    const dir = project({
      '.escashoprc.json': '{"rules": {"compose/healthcheck": "error", "core/schema": "off"}}',
      'docker-compose.yml': NO_HEALTHCHECK + '    privilegd: true\n',
    });
    const result = await lint(['docker-compose.yml'], { cwd: dir, rules: rules.filter((r) => r.meta.id === 'compose/healthcheck') });
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.column])).toEqual([['compose/healthcheck', 'error', 2, 3]]);
    const ignored = await lint(['docker-compose.yml'], { cwd: dir, useConfig: false, rules: [] });
    expect(ignored.findings.map((f) => f.ruleId)).toEqual(['core/schema']);
  });

  it('--config wins over the searched file', async () => {
    const dir = project({
      '.escashoprc.json': '{"rules": {"compose/healthcheck": "error"}}',
      'other.json': '{"rules": {"compose/healthcheck": "off"}}',
      'docker-compose.yml': NO_HEALTHCHECK,
    });
    const result = await lint(['docker-compose.yml'], { cwd: dir, config: 'other.json', rules: rules.filter((r) => r.meta.id === 'compose/healthcheck') });
    expect(result.findings).toEqual([]);
    expect(readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8')).toBe(NO_HEALTHCHECK);
  });
});
