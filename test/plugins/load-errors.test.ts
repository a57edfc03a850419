import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load.js';
import { lint } from '../../src/lint.js';
import { loadPlugins } from '../../src/plugins/index.js';
import { runCli } from '../cli/run.js';
import { EXAMPLE, pluginProject, pluginSource, ruleSource } from './helpers.js';

/**
 * Every way a plugin can fail to load is a one-line configuration error at its entry in `plugins`,
 * naming the plugin and what is wrong (exit code 2 on the command line).
 */

const COMPOSE = 'services:\n  api:\n    image: example/api:1.4.2\n';
const CONFIG = '{\n  "plugins": [\n    "PLUGIN"\n  ]\n}\n';

/** The error `lint()` throws for a project whose configuration lists `entry`, with `files` beside it. */
async function loadError(entry: string, files: Record<string, string> = {}): Promise<string> {
  const dir = pluginProject({ 'docker-compose.yml': COMPOSE, '.escashoprc.json': CONFIG.replace('PLUGIN', entry), ...files });
  const error: unknown = await lint(['docker-compose.yml'], { cwd: dir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

const AT = '.escashoprc.json:3:5';

describe('a plugin that cannot be loaded', () => {
  it('a package that is not installed: where it was looked for, and how to install it', async () => {
    expect(await loadError('escashop-plugin-missing')).toBe(
      `${AT}: plugin "escashop-plugin-missing": cannot find the package from the configuration file's folder; install it there (npm install --save-dev escashop-plugin-missing)`,
    );
    expect(await loadError('@acme/escashop-plugin/sub')).toBe(
      `${AT}: plugin "@acme/escashop-plugin/sub": cannot find the package from the configuration file's folder; install it there (npm install --save-dev @acme/escashop-plugin)`,
    );
  });

  it('a file that does not exist, or an entry that is neither a path nor a package name', async () => {
    expect(await loadError('./policies/missing.js')).toBe(`${AT}: plugin "./policies/missing.js": cannot find the file (a path is relative to the configuration file's folder)`);
    expect(await loadError('policies\\\\local.js')).toBe(`${AT}: plugin "policies\\local.js": is neither a package name nor a path starting with ./ or ../`);
  });

  it('a module that throws when imported: the first line of the error', async () => {
    expect(await loadError('./throws.js', { 'throws.js': 'throw new Error("ACME_TOKEN is not set\\nsee the wiki");\n' })).toBe(`${AT}: plugin "./throws.js": cannot load it: Error: ACME_TOKEN is not set`);
  });

  it('a module that exports no rules, or an empty list', async () => {
    const why = 'exports no rules (export `rules`, a list or an object of rules made with defineRule, directly or on the default export)';
    expect(await loadError('./none.js', { 'none.js': 'export const checks = [];\n' })).toBe(`${AT}: plugin "./none.js": ${why}`);
    expect(await loadError('./empty.js', { 'empty.js': 'export default { rules: [] };\n' })).toBe(`${AT}: plugin "./empty.js": ${why}`);
  });

  it('a malformed rule: which one, and what is wrong with it', async () => {
    const cases: [string, string][] = [
      [`[${ruleSource('acme/ok')}, 42]`, 'rule #2 is not a rule (an object with meta and create, as defineRule makes)'],
      [`[{ create() { return {}; } }]`, 'rule #1 has no meta object'],
      [`[${ruleSource('AcmeNoLatest')}]`, 'rule #1 has the id "AcmeNoLatest", which is not "<namespace>/<name>" in lower-case kebab-case'],
      [`{ noLatest: ${ruleSource('acme/no_latest')} }`, 'rule "noLatest" has the id "acme/no_latest", which is not "<namespace>/<name>" in lower-case kebab-case'],
      [`[${ruleSource('compose/no-latest')}]`, 'rule #1 has the id "compose/no-latest", in the namespace "compose" of the built-in checks; choose another namespace'],
      [`[${ruleSource('acme/a')}, ${ruleSource('acme/b')}, ${ruleSource('acme/a')}]`, 'rule #3 has the id "acme/a" of rule #1 too'],
      [`[${ruleSource('acme/x', ", severity: 'fatal'")}]`, 'rule #1 ("acme/x") has the meta.severity "fatal"; use "error", "warning", "info"'],
      [`[${ruleSource('acme/x', ", description: ''")}]`, 'rule #1 ("acme/x") has no meta.description (one sentence)'],
      [`[${ruleSource('acme/x', ", tags: 'security'")}]`, 'rule #1 ("acme/x") has no meta.tags (a list of strings, which may be empty)'],
      [`[${ruleSource('acme/x', ", environments: { staging: 'off' }")}]`, 'rule #1 ("acme/x") has meta.environments.staging, which is no environment (prod, dev, test)'],
      [`[${ruleSource('acme/x', ", environments: { dev: 'quiet' }")}]`, 'rule #1 ("acme/x") has the level "quiet" in meta.environments.dev; use "error", "warning", "info", "off"'],
      [
        `[${ruleSource('acme/x', ", options: { schema: { type: 'object', properties: { max: { type: 'size' } } }, defaults: {} }")}]`,
        'rule #1 ("acme/x") has a meta.options.schema that is no valid JSON Schema: data/properties/max/type must be equal to one of the allowed values',
      ],
      [
        `[${ruleSource('acme/x', ", options: { schema: { type: 'object', properties: { max: { type: 'integer' } } }, defaults: { max: 'ten' } }")}]`,
        'rule #1 ("acme/x") has meta.options.defaults that its schema refuses: defaults/max must be integer',
      ],
      [`[${ruleSource('acme/x', ", references: { urls: 'https://example.com' }")}]`, 'rule #1 ("acme/x") has a meta.references that is not an object of lists of strings ({ cwe: ["CWE-770"], urls: [...] })'],
      [`[{ meta: { id: 'acme/x', description: 'd', severity: 'error', tags: [] }, create: 'nope' }]`, 'rule #1 ("acme/x") has no create function'],
    ];
    for (const [rules, why] of cases) {
      expect(await loadError('./rules.js', { 'rules.js': pluginSource(rules) }), rules).toBe(`${AT}: plugin "./rules.js": ${why}`);
    }
  });
});

describe('loadPlugins', () => {
  const source = (dir: string) => ({ file: path.join(dir, '.escashoprc.json'), where: (segments: readonly (string | number)[]) => `cfg:${segments.join('.')}` });

  it('loads each entry in order: a local file (a name without its extension too), a package, an ESM-only package, a dual package as import() would, a CommonJS module', async () => {
    const dir = pluginProject({
      'local/rules.js': pluginSource(`[${ruleSource('acme/local')}]`),
      'node_modules/escashop-plugin-esm/package.json': JSON.stringify({ name: 'escashop-plugin-esm', type: 'module', exports: { '.': { import: './main.js' } } }),
      'node_modules/escashop-plugin-esm/main.js': `import { defineRule } from 'escashop-lint';\nexport default { name: 'esm', rules: { first: ${ruleSource('esm/first', ", docs: 'https://example.com/esm/first'")} } };\n`,
      'node_modules/escashop-plugin-dual/package.json': JSON.stringify({ name: 'escashop-plugin-dual', exports: { '.': { require: './cjs/index.cjs', import: './esm/index.mjs' } }, main: './cjs/index.cjs' }),
      'node_modules/escashop-plugin-dual/cjs/index.cjs': "throw new Error('the CommonJS build was loaded');\n",
      'node_modules/escashop-plugin-dual/esm/index.mjs': pluginSource(`[${ruleSource('dual/esm')}]`),
      'old/rules.cjs': "module.exports = { rules: [{ meta: { id: 'cjs/old', description: 'd', severity: 'info', tags: [] }, create: () => ({}) }] };\n",
    });
    const loaded = await loadPlugins(['./local/rules', 'escashop-plugin-example', 'escashop-plugin-esm', 'escashop-plugin-dual', './old/rules.cjs'], source(dir));
    expect(loaded.map((p) => [p.name, p.entry, p.rules.map((r) => r.meta.id)])).toEqual([
      ['./local/rules', 0, ['acme/local']],
      ['escashop-plugin-example', 1, ['example/one-backend-version', 'example/upload-limit']],
      ['escashop-plugin-esm', 2, ['esm/first']],
      ['escashop-plugin-dual', 3, ['dual/esm']],
      ['./old/rules.cjs', 4, ['cjs/old']],
    ]);
  });

  it("a rule's docs: its README in the plugin's package as an absolute path, a URL as given, else none", async () => {
    const dir = pluginProject({
      'package.json': '{"name": "shop"}',
      'lint/rules.js': pluginSource(`[${ruleSource('acme/no-readme')}, ${ruleSource('acme/readme')}, ${ruleSource('acme/url', ", docs: 'https://wiki.example.com/lint/acme-url'")}, ${ruleSource('acme/path', ", docs: 'docs/path.md'")}]`),
      'rules/acme/readme/README.md': '# acme/readme\n',
      'docs/path.md': '# acme/path\n',
    });
    const [plugin] = await loadPlugins(['./lint/rules.js', 'escashop-plugin-example'], source(dir));
    expect(plugin!.rules.map((r) => r.meta.docs)).toEqual(['', path.join(dir, 'rules/acme/readme/README.md'), 'https://wiki.example.com/lint/acme-url', path.join(dir, 'docs/path.md')]);
    const example = (await loadPlugins(['escashop-plugin-example'], source(dir)))[0]!;
    expect(example.rules.map((r) => r.meta.docs)).toEqual([
      path.join(EXAMPLE, 'rules/example/one-backend-version/README.md'),
      path.join(EXAMPLE, 'rules/example/upload-limit/README.md'),
    ]);
  });
});

describe('the built CLI', () => {
  it('a syntax error in a plugin: one line on stderr naming the plugin, exit code 2', () => {
    const dir = pluginProject({ 'docker-compose.yml': COMPOSE, '.escashoprc.json': CONFIG.replace('PLUGIN', './broken.js'), 'broken.js': 'export const rules = [\n  { meta: {\n}}}\n' });
    const run = runCli(['docker-compose.yml'], { cwd: dir });
    expect(run.stderr).toBe(`escashop-lint: ${AT}: plugin "./broken.js": cannot load it: SyntaxError: Unexpected token '}'\n`);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  });
});
