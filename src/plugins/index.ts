import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config/load.js';
import type { Rule } from '../engine/rule.js';
import { isDocsUrl } from '../report/rule-docs.js';
import { checkRule, type RuleProblem } from './validate.js';
import { describeThrown } from './rule-error.js';

/**
 * Rule plugins (`plugins: ["escashop-plugin-foo", "./policies/local.js"]`): each entry is a module
 * that exports rules written against the same API as the built-in ones (docs/plugins.md).
 */

/** Where a configuration file lists its plugins: the file, and `file:line:column` of a key path in it. */
export interface PluginSource {
  /** Absolute path of the configuration file. */
  file: string;
  where(segments: readonly (string | number)[]): string;
}

export interface LoadedPlugin {
  /** The entry as the configuration writes it. */
  name: string;
  /** Its index in `plugins`. */
  entry: number;
  rules: Rule[];
}

/**
 * The bundled CLI's `import()` (scripts/bundle.mjs): code compiled from V8's code cache has none of
 * its own on Node 20. Not declared in the library, where `import()` is used.
 */
declare const ESCASHOP_IMPORT: ((specifier: string) => Promise<unknown>) | undefined;

/**
 * Loads the plugins a configuration file lists, in order. Each problem (a module that cannot be
 * found or loaded, one that exports no rules, a malformed rule) is a one-line `ConfigError` at the
 * entry: `.escashoprc.json:3:5: plugin "x": <why>`.
 */
export async function loadPlugins(entries: readonly string[], source: PluginSource): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = [];
  for (const [i, name] of entries.entries()) {
    const fail = (why: string) => new ConfigError(`${source.where(['plugins', i])}: plugin "${name}": ${why}`);
    const file = resolvePlugin(name, source.file);
    if (typeof file !== 'string') throw fail(file.problem);
    let module: unknown;
    try {
      const url = pathToFileURL(file).href;
      module = await (typeof ESCASHOP_IMPORT === 'function' ? ESCASHOP_IMPORT(url) : import(url));
    } catch (error) {
      throw fail(`cannot load it: ${describeThrown(error)}`);
    }
    const exported = exportedRules(module);
    if (exported.length === 0) throw fail('exports no rules (export `rules`, a list or an object of rules made with defineRule, directly or on the default export)');
    const root = packageRoot(file);
    const rules: Rule[] = [];
    const seen = new Map<string, string>();
    for (const { label, value } of exported) {
      const checked = checkRule(value, label);
      if (isProblem(checked)) throw fail(checked.problem);
      const first = seen.get(checked.meta.id);
      if (first !== undefined) throw fail(`${label} has the id "${checked.meta.id}" of ${first} too`);
      seen.set(checked.meta.id, label);
      rules.push({ meta: { ...checked.meta, docs: docsOf(checked.meta.id, checked.meta.docs, root) }, create: (context) => checked.create(context) });
    }
    loaded.push({ name, entry: i, rules });
  }
  return loaded;
}

function isProblem(value: Rule | RuleProblem): value is RuleProblem {
  return 'problem' in value;
}

/** The rules a plugin module exports, each with the words that name it in a message (`rule #2`, `rule "noLatest"`). */
function exportedRules(module: unknown): { label: string; value: unknown }[] {
  const named = module as { rules?: unknown; default?: { rules?: unknown } } | null;
  const rules = named?.rules ?? (typeof named?.default === 'object' || typeof named?.default === 'function' ? named.default?.rules : undefined);
  if (Array.isArray(rules)) return rules.map((value, k) => ({ label: `rule #${k + 1}`, value }));
  if (typeof rules === 'object' && rules !== null) return Object.entries(rules).map(([key, value]) => ({ label: `rule "${key}"`, value }));
  return [];
}

const NPM_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/.*)?$/i;

/**
 * The file an entry names. `./x.js`, `../x.js` and absolute paths are files relative to the
 * configuration file's folder; anything else is a package, resolved from that folder as Node.js's
 * `import` resolves it: through its `package.json` `exports` under the import conditions, else as
 * `require` finds it (`main`, extensions, `index.js`).
 */
function resolvePlugin(name: string, configFile: string): string | RuleProblem {
  const require = createRequire(configFile);
  if (/^\.{1,2}[\\/]/.test(name) || path.isAbsolute(name)) {
    const abs = path.resolve(path.dirname(configFile), name);
    if (isFile(abs)) return abs;
    try {
      // A folder (its package.json's main, or index.js), or a name without its extension.
      return require.resolve(abs);
    } catch {
      return { problem: 'cannot find the file (a path is relative to the configuration file\'s folder)' };
    }
  }
  if (!NPM_NAME.test(name)) return { problem: 'is neither a package name nor a path starting with ./ or ../' };
  // What import() loads: the `import` condition of a package's exports (a dual package's ES module build).
  const esm = esmEntry(name, path.dirname(configFile));
  if (esm !== undefined) return esm;
  try {
    return require.resolve(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND') return { problem: `cannot find the package from the configuration file's folder; install it there (npm install --save-dev ${packageName(name)})` };
    return { problem: `cannot resolve it: ${describeThrown(error)}` };
  }
}

/** `@scope/name` or `name` of `@scope/name/sub/path` or `name/sub/path`. */
function packageName(specifier: string): string {
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/**
 * The file an import of `specifier` from `dir` loads, as far as `package.json` says it exactly: the
 * package folder found up the `node_modules` folders, then its `exports` under the `import`, `node`
 * and `default` conditions, else `main`, else `index.js`; undefined when that names no file (a
 * `main` without its extension: `require.resolve` finds it).
 */
function esmEntry(specifier: string, dir: string): string | undefined {
  const name = packageName(specifier);
  const subpath = `.${specifier.slice(name.length)}`;
  for (let d = dir; ; d = path.dirname(d)) {
    const folder = path.join(d, 'node_modules', name);
    const manifest = readManifest(folder);
    if (manifest) {
      const target = manifest.exports !== undefined ? exportTarget(manifest.exports, subpath) : subpath === '.' ? (manifest.main ?? 'index.js') : subpath;
      if (target === undefined) return undefined;
      const file = path.resolve(folder, target);
      // As require.resolve does, so that a package has one path however it is found (linked, pnpm).
      return isFile(file) ? realpathSync(file) : undefined;
    }
    if (path.dirname(d) === d) return undefined;
  }
}

interface Manifest {
  main?: string;
  exports?: unknown;
}

function readManifest(folder: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

const IMPORT_CONDITIONS = ['import', 'node', 'default'];

/** The target of `subpath` in a package's `exports` (exact subpaths, conditions, lists), for an ES module import. */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  if (typeof exports === 'string' || Array.isArray(exports)) return subpath === '.' ? conditional(exports) : undefined;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const keys = Object.keys(exports);
  if (keys.some((key) => key.startsWith('.'))) return conditional((exports as Record<string, unknown>)[subpath]);
  return subpath === '.' ? conditional(exports) : undefined;
}

function conditional(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = conditional(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (IMPORT_CONDITIONS.includes(condition)) {
      const found = conditional(value);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The folder of the nearest package.json above a plugin's file: where its rules' READMEs are. */
function packageRoot(file: string): string | undefined {
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * A plugin rule's documentation: a URL as given; a path (`defineRule`'s `rules/<id>/README.md`
 * included) against the plugin's package root, as an absolute path when that file exists; else ''.
 */
function docsOf(id: string, docs: string | undefined, root: string | undefined): string {
  const given = docs === undefined || docs === '' ? `rules/${id}/README.md` : docs;
  if (isDocsUrl(given)) return given;
  const file = path.isAbsolute(given) ? given : root === undefined ? undefined : path.resolve(root, given);
  return file !== undefined && isFile(file) ? file : '';
}
