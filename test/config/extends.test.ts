import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { configSources, loadConfigFile, searchConfig } from '../../src/config/load.js';
import { presetRules } from '../../src/config/presets.js';
import { settingsFor } from '../../src/config/resolve.js';
import { ENVIRONMENTS, levelIn, type Level, type RuleMeta } from '../../src/engine/meta.js';
import { configError, project } from './helpers.js';

const metas = rules.map((r) => r.meta);
const meta = (id: string) => metas.find((m) => m.id === id)!;

describe('presets', () => {
  it('recommended is every rule at its metadata level in each environment', () => {
    const preset = presetRules('recommended', metas);
    expect(Object.keys(preset).sort()).toEqual(metas.map((m) => m.id).sort());
    for (const m of metas) expect(preset[m.id], m.id).toEqual({ prod: levelIn(m, 'prod'), dev: levelIn(m, 'dev'), test: levelIn(m, 'test') });
  });

  it('strict raises each level one step where the rule runs: info → warning, warning → error; off stays off', () => {
    const preset = presetRules('strict', metas);
    const step: Record<Level, Level> = { off: 'off', info: 'warning', warning: 'error', error: 'error' };
    for (const m of metas) for (const env of ENVIRONMENTS) expect(preset[m.id]![env], `${m.id} in ${env}`).toBe(step[levelIn(m, env)]);
    // A prod-only warning rule: error in prod, still off in dev and test.
    const prodOnly = metas.find((m) => m.severity === 'warning' && m.environments?.dev === 'off' && levelIn(m, 'prod') === 'warning')!;
    expect(preset[prodOnly.id]).toEqual({ prod: 'error', dev: 'off', test: 'off' });
    // A rule that escalates (error in prod, warning in dev and test) becomes an error everywhere.
    const escalates = metas.find((m) => levelIn(m, 'prod') === 'error' && levelIn(m, 'dev') === 'warning')!;
    expect(preset[escalates.id]).toEqual({ prod: 'error', dev: 'error', test: 'error' });
    // An info rule everywhere becomes a warning everywhere.
    const info = metas.find((m) => ENVIRONMENTS.every((env) => levelIn(m, env) === 'info'))!;
    expect(preset[info.id]).toEqual({ prod: 'warning', dev: 'warning', test: 'warning' });
  });

  it('a preset is data made from the rules given, so a new rule is in it', () => {
    const extra: RuleMeta = { id: 'test/new-rule', description: 'x', severity: 'info', environments: { dev: 'off' }, tags: [], docs: 'x' };
    expect(presetRules('strict', [extra])).toEqual({ 'test/new-rule': { prod: 'warning', dev: 'off', test: 'warning' } });
  });
});

describe('extends', () => {
  it('applies presets and files in order, each file before those that extend it, the file itself last', async () => {
    const dir = project({
      '.escashoprc.json': '{\n  "extends": ["strict", "./team/base.yaml"],\n  "rules": { "compose/healthcheck": { "dev": "info" } }\n}\n',
      'team/base.yaml': 'extends: ./common.cjs\nenvironments:\n  "**/stage.yml": dev\nrules:\n  compose/healthcheck: error\n',
      'team/common.cjs': 'module.exports = { rules: { "compose/init-for-pid1": "off" }, environments: { "*.yml": "test" } };\n',
    });
    const config = (await searchConfig(dir, dir, metas))!;
    expect(configSources(config).map((s) => s.preset ?? path.relative(dir, s.file))).toEqual(['strict', path.join('team', 'common.cjs'), path.join('team', 'base.yaml'), '.escashoprc.json']);
    const prod = settingsFor(path.join(dir, 'docker-compose.yml'), config);
    // The file's own per-environment level over the base's one level for all.
    expect(prod.level(meta('compose/healthcheck'))).toBe('error');
    expect(settingsFor(path.join(dir, 'docker-compose.ci.yml'), config).level(meta('compose/healthcheck'))).toBe('error');
    expect(settingsFor(path.join(dir, 'docker-compose.dev.yml'), config).level(meta('compose/healthcheck'))).toBe('info');
    // common.cjs applies after strict: off in every environment.
    expect(prod.level(meta('compose/init-for-pid1'))).toBe('off');
    // strict where nothing later says otherwise.
    const info = metas.find((m) => ENVIRONMENTS.every((env) => levelIn(m, env) === 'info') && m.id !== 'compose/init-for-pid1')!;
    expect(prod.level(info)).toBe('warning');
    // Globs of an extended file are relative to its own folder; the later file's globs are tried first.
    expect(settingsFor(path.join(dir, 'team/x/stage.yml'), config).environment).toBe('dev');
    expect(settingsFor(path.join(dir, 'team/other.yml'), config).environment).toBe('test');
    expect(settingsFor(path.join(dir, 'other.yml'), config).environment).toBe('prod');
  });

  it('a single string is one entry; presets alone change nothing of "recommended"', async () => {
    const dir = project({ '.escashoprc.yaml': 'extends: recommended\n' });
    const config = (await searchConfig(dir, dir, metas))!;
    expect(config.extended?.map((s) => s.preset)).toEqual(['recommended']);
    for (const m of metas) expect(settingsFor(path.join(dir, 'compose.dev.yml'), config).level(m)).toBe(levelIn(m, 'dev'));
  });

  it('a cycle is an error at the entry that closes it, naming the chain', async () => {
    const dir = project({ '.escashoprc.json': '{"extends": ["./b.json"]}', 'b.json': '{\n  "extends": "./.escashoprc.json"\n}\n' });
    expect(await configError(searchConfig(dir, dir, metas))).toBe('b.json:2:14: extends cycle: .escashoprc.json → b.json → .escashoprc.json');
    const self = project({ 'a.json': '{"extends": ["recommended", "./a.json"]}' });
    expect(await configError(loadConfigFile('a.json', self, metas))).toBe('a.json:1:29: extends cycle: a.json → a.json');
  });

  it('a missing file is an error at its extends entry', async () => {
    const dir = project({ '.escashoprc.yaml': 'extends:\n  - recommended\n  - ../shared/nope.yaml\n' });
    expect(await configError(searchConfig(dir, dir, metas))).toBe(`.escashoprc.yaml:3:5: cannot extend ${path.join(path.dirname(dir), 'shared/nope.yaml').split(path.sep).join('/')}: configuration file not found`);
  });

  it('a bare name that is no preset is an error, with a suggestion', async () => {
    const dir = project({ '.escashoprc.json': '{"extends": ["recomended"]}' });
    expect(await configError(searchConfig(dir, dir, metas))).toBe(
      '.escashoprc.json:1:14: unknown preset "recomended" (did you mean "recommended"?); the presets are "recommended" and "strict", and a file is named by a path starting with ./ or ../',
    );
  });

  it('a problem in an extended file names that file and its position', async () => {
    const dir = project({ '.escashoprc.json': '{"extends": "./team.json"}', 'team.json': '{\n  "rules": {\n    "compose/healthcheck": "fatal"\n  }\n}\n' });
    expect(await configError(searchConfig(dir, dir, metas))).toBe('team.json:3:28: "rules.compose/healthcheck" must be one of "off", "info", "warning", "error"');
  });

  it('extends must be a string or a list of strings', async () => {
    const dir = project({ '.escashoprc.json': '{"extends": 5}' });
    expect(await configError(searchConfig(dir, dir, metas))).toBe('.escashoprc.json:1:13: "extends" must be a string or a list');
    const empty = project({ '.escashoprc.json': '{"extends": [""]}' });
    expect(await configError(searchConfig(empty, empty, metas))).toBe('.escashoprc.json:1:14: "extends[0]" must not be empty');
  });
});
