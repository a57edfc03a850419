import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchConfig } from '../../src/config/load.js';
import { settingsFor } from '../../src/config/resolve.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { lint, resolveConfig } from '../../src/lint.js';
import { configError, project, yamlConfigError } from './helpers.js';

/** A rule with options: it reports every service with the options it was given. */
const withOptions: Rule = defineRule({
  meta: {
    id: 'test/with-options',
    description: 'Reports its options',
    severity: 'warning',
    environments: { dev: 'info' },
    tags: [],
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: { max: { type: 'integer', minimum: 1 }, names: { type: 'array', items: { type: 'string' } }, nested: { type: 'object', additionalProperties: false, properties: { on: { type: 'boolean' } } } },
      },
      defaults: { max: 3, names: [] },
    },
  },
  create: (context) => ({
    service(service) {
      context.report({ at: service.key, message: `options ${JSON.stringify(context.options)}` });
    },
  }),
});

const withoutOptions: Rule = defineRule({
  meta: { id: 'test/without-options', description: 'Takes no options', severity: 'error', tags: [] },
  create: () => ({}),
});

const testRules = [withOptions, withoutOptions];
const metas = testRules.map((r) => r.meta);
const COMPOSE = 'services:\n  api:\n    image: example/api:1.0.0\n';

async function messages(config: string, file = 'compose.yaml'): Promise<string[]> {
  const dir = project({ '.escashoprc.json': config, [file]: COMPOSE });
  const result = await lint([file], { cwd: dir, rules: testRules });
  return result.findings.map((f) => `${f.severity} ${f.message}`);
}

describe('rule options', () => {
  it('are merged key by key over the rule defaults; { options } alone keeps the default levels', async () => {
    expect(await messages('{"rules": {"test/with-options": {"options": {"max": 5}}}}')).toEqual(['warning options {"max":5,"names":[]}']);
    expect(await messages('{"rules": {"test/with-options": {"options": {"max": 5}}}}', 'compose.dev.yaml')).toEqual(['info options {"max":5,"names":[]}']);
    expect(await messages('{"rules": {"test/with-options": {"prod": "error", "options": {"names": ["a"]}}}}')).toEqual(['error options {"max":3,"names":["a"]}']);
    expect(await messages('{}')).toEqual(['warning options {"max":3,"names":[]}']);
  });

  it('a later configuration and a matching override merge over earlier options', async () => {
    const dir = project({
      '.escashoprc.json': JSON.stringify({
        extends: './base.json',
        rules: { 'test/with-options': { options: { names: ['x'] } } },
        overrides: [{ files: 'deploy/**', rules: { 'test/with-options': { options: { max: 9 } } } }],
      }),
      'base.json': '{"rules": {"test/with-options": {"options": {"max": 7, "nested": {"on": true}}}}}',
    });
    const config = await searchConfig(dir, dir, metas);
    expect(settingsFor(path.join(dir, 'compose.yaml'), config).options(withOptions.meta)).toEqual({ max: 7, nested: { on: true }, names: ['x'] });
    expect(settingsFor(path.join(dir, 'deploy/compose.yaml'), config).options(withOptions.meta)).toEqual({ max: 9, nested: { on: true }, names: ['x'] });
    expect(settingsFor(path.join(dir, 'compose.yaml'), config).options(withoutOptions.meta)).toBeUndefined();
    const printed = await resolveConfig('deploy/compose.yaml', { cwd: dir, rules: testRules });
    expect(printed.options).toEqual({ 'test/with-options': { max: 9, names: ['x'], nested: { on: true } } });
  });

  it('an unknown option is an error at its key, naming the key path', async () => {
    const dir = project({ '.escashoprc.json': '{\n  "rules": {\n    "test/with-options": { "options": { "maxx": 1 } }\n  }\n}\n' });
    expect(await configError(searchConfig(dir, dir, metas))).toBe('.escashoprc.json:3:41: unknown key "maxx" in "rules.test/with-options.options"');
  });

  it('a bad option value is an error at the value, in words', async () => {
    const bad = (options: string) => yamlConfigError(`rules:\n  test/with-options:\n    options: ${options}\n`, metas);
    expect(await bad('{ max: "5" }')).toBe('.escashoprc.yaml:3:21: "rules.test/with-options.options.max" must be a whole number');
    expect(await bad('{ max: 0 }')).toBe('.escashoprc.yaml:3:21: "rules.test/with-options.options.max" must be >= 1');
    expect(await bad('{ names: [a, 1] }')).toBe('.escashoprc.yaml:3:27: "rules.test/with-options.options.names[1]" must be a string');
    expect(await bad('{ nested: { off: true } }')).toBe('.escashoprc.yaml:3:26: unknown key "off" in "rules.test/with-options.options.nested"');
    expect(await bad('5')).toBe('.escashoprc.yaml:3:14: "rules.test/with-options.options" must be a mapping');
  });

  it('options for a rule without options are an error at "options"', async () => {
    const dir = project({ '.escashoprc.json': '{\n  "rules": {\n    "test/without-options": { "prod": "off", "options": {} }\n  }\n}\n' });
    expect(await configError(searchConfig(dir, dir, metas))).toBe('.escashoprc.json:3:46: rule "test/without-options" takes no options');
    const core = project({ '.escashoprc.json': '{"rules": {"core/schema": {"options": {"a": 1}}}}' });
    expect(await configError(searchConfig(core, core, metas))).toBe('.escashoprc.json:1:28: rule "core/schema" takes no options');
  });

  it('options in an override are checked the same way', async () => {
    const dir = project({ '.escashoprc.json': '{"overrides": [{"files": "*.yml", "rules": {"test/with-options": {"options": {"max": -1}}}}]}' });
    expect(await configError(searchConfig(dir, dir, metas))).toBe('.escashoprc.json:1:86: "overrides[0].rules.test/with-options.options.max" must be >= 1');
  });
});
