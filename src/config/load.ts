import path from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { decode } from '../input/source.js';
import { displayName } from '../input/source.js';
import { FILE_START, type Position, type Range } from '../parse/position.js';
import type { YNode } from '../parse/tree.js';
import { parseYaml } from '../parse/yaml.js';
import { recorder } from '../cache/record.js';
import { precompiledValidator } from '../schema/precompiled.js';
import { collapse, type SchemaError } from '../schema/validate.js';
import { nodeAt, type PathSegment } from '../schema/paths.js';
import { suggest } from '../schema/suggest.js';
import type { Environment, Level, RuleMeta } from '../engine/meta.js';
import { CORE_CHECKS } from '../findings/core.js';
import { patternError } from '../model/policy.js';
import { loadPlugins } from '../plugins/index.js';
import { policyRules } from '../policies/index.js';
import type { PolicyData } from '../policies/types.js';
import { definedBy, RESERVED_NAMESPACES, type CustomRule } from './custom.js';
import { optionsValidator } from './options.js';
import { isPresetName, PRESET_NAMES, presetRules, type PresetName } from './presets.js';

/** A configuration problem: always a one-line message naming the file (and position when known). */
export class ConfigError extends Error {}

/** A rule's entry: one level for every environment, or levels per environment and the rule's options. */
export type RuleSetting = Level | (Partial<Record<Environment, Level>> & { options?: Record<string, unknown> });

/** Settings for the files some globs match (`overrides`). */
export interface OverrideData {
  files: string | string[];
  environment?: Environment;
  rules?: Record<string, RuleSetting>;
}

/** A named project (`projects`): paths relative to the config file's folder. */
export interface ProjectData {
  files: string[];
  envFiles?: string[];
  profiles?: string[];
  projectDirectory?: string;
}

/** The contents of a configuration file, as its JSON Schema (`schemas/escashoprc.schema.json`) describes. */
export interface ConfigData {
  $schema?: string;
  extends?: string | string[];
  environments?: Record<string, Environment>;
  rules?: Record<string, RuleSetting>;
  overrides?: OverrideData[];
  ingress?: string[];
  secrets?: { allowNames?: string[]; allowValues?: string[] };
  ignore?: string[];
  projects?: Record<string, ProjectData>;
  plugins?: string[];
  policies?: Record<string, PolicyData>;
}

/** One configuration of a chain: a file, or a built-in preset. */
export interface ConfigSource {
  /** Absolute path of the file the configuration came from; a preset's name for a preset. */
  file: string;
  /** Folder that the configuration's globs and paths are relative to. */
  dir: string;
  data: ConfigData;
  /** Set when this is a built-in preset rather than a file. */
  preset?: PresetName;
  /** The rules this configuration defines itself: its plugins' rules, then its policies. */
  custom?: readonly CustomRule[];
}

export interface LoadedConfig extends ConfigSource {
  /**
   * What `extends` pulled in, flattened and in the order it applies: each configuration after those
   * it extends itself. The file's own settings apply after all of them.
   */
  extended?: readonly ConfigSource[];
}

/** Every configuration a loaded one is made of, in the order they apply: extended ones, then itself. */
export function configSources(config: LoadedConfig): ConfigSource[] {
  return [...(config.extended ?? []), config];
}

export const CONFIG_NAMES = [
  'package.json',
  '.escashoprc',
  '.escashoprc.json',
  '.escashoprc.yaml',
  '.escashoprc.yml',
  'escashop.config.js',
  'escashop.config.mjs',
  'escashop.config.cjs',
];

/** Trees of JSON/YAML config files read through our own parser, so problems can name a line and column. */
const trees = new Map<string, YNode>();

function parseConfigText(filepath: string, content: string): unknown {
  recorder()?.readText(filepath, content);
  const name = displayName(filepath, process.cwd());
  const read = decode(Buffer.from(content, 'utf8'), name, filepath);
  if (!read.ok) throw new ConfigError(`${name}: ${read.finding.message}`);
  const parsed = parseYaml(read.file);
  const first = parsed.findings[0];
  if (first) throw new ConfigError(`${name}:${first.range.start.line}:${first.range.start.column}: ${first.message}`);
  if (parsed.root === undefined) return null;
  trees.set(filepath, parsed.root);
  return toPlain(parsed.root);
}

function toPlain(node: YNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  return Object.fromEntries(node.entries.map((e) => [String(e.key.value), toPlain(e.value)]));
}

let explorer: ReturnType<typeof cosmiconfig> | undefined;
/** The configuration finder, made on first use: making one reads the disk, which a run with --no-config need not do. */
function configExplorer(): ReturnType<typeof cosmiconfig> {
  explorer ??= cosmiconfig('escashop', {
    searchPlaces: CONFIG_NAMES,
    searchStrategy: 'project',
    loaders: { '.json': parseConfigText, '.yaml': parseConfigText, '.yml': parseConfigText, noExt: parseConfigText },
  });
  return explorer;
}

/**
 * Forgets every configuration searched for or read so far, so that the next search reads the files
 * as they are now: `lint()` calls it first, for a process that lints again and again (`--watch`, an editor).
 */
export function clearConfigCaches(): void {
  explorer?.clearCaches();
  trees.clear();
}

/** Loads an explicit config file (`--config`), with the files and presets it extends. `rules` are the rules it may name. */
export async function loadConfigFile(file: string, cwd: string, rules: readonly RuleMeta[]): Promise<LoadedConfig> {
  return loadChain(path.resolve(cwd, file), new Checker(rules, cwd), []);
}

/** Finds the config that applies to files in `dir`: the nearest one up to the project root. */
export async function searchConfig(dir: string, cwd: string, rules: readonly RuleMeta[]): Promise<LoadedConfig | undefined> {
  recorder()?.configSearch(dir);
  let result;
  try {
    result = await configExplorer().search(dir);
  } catch (error) {
    throw asConfigError(error, dir, cwd);
  }
  if (!result || result.isEmpty) return undefined;
  return withExtends(result.filepath, result.config, new Checker(rules, cwd), []);
}

/** The files of the chain being loaded, `stack`, for cycles; `at` names the `extends` entry that led here. */
async function loadChain(abs: string, checker: Checker, stack: readonly string[], at?: string): Promise<LoadedConfig> {
  let result;
  try {
    result = await configExplorer().load(abs);
  } catch (error) {
    throw asConfigError(error, abs, checker.cwd, at);
  }
  if (!result || result.isEmpty) throw new ConfigError(`${displayName(abs, checker.cwd)}: configuration file is empty`);
  return withExtends(result.filepath, result.config, checker, stack);
}

async function withExtends(file: string, config: unknown, checker: Checker, stack: readonly string[]): Promise<LoadedConfig> {
  recorder()?.configFile(file);
  const { data, where, locate } = checker.check(file, config);
  const dir = path.dirname(file);
  const list = data.extends === undefined ? [] : typeof data.extends === 'string' ? [data.extends] : data.extends;
  const extended: ConfigSource[] = [];
  for (const [i, entry] of list.entries()) {
    const at = where(typeof data.extends === 'string' ? ['extends'] : ['extends', i]);
    if (isPresetName(entry)) {
      extended.push({ file: entry, dir, data: { rules: presetRules(entry, checker.rules) }, preset: entry });
      continue;
    }
    if (!/^\.{1,2}\//.test(entry) && !path.isAbsolute(entry)) {
      const hint = suggest(entry, PRESET_NAMES);
      throw new ConfigError(`${at}: unknown preset "${entry}"${hint ? ` (did you mean "${hint}"?)` : ''}; the presets are ${PRESET_NAMES.map((p) => `"${p}"`).join(' and ')}, and a file is named by a path starting with ./ or ../`);
    }
    const target = path.resolve(dir, entry);
    const chain = [...stack, file];
    if (chain.includes(target)) {
      const cycle = [...chain.slice(chain.indexOf(target)), target].map((f) => displayName(f, checker.cwd));
      throw new ConfigError(`${at}: extends cycle: ${cycle.join(' → ')}`);
    }
    extended.push(...configSources(await loadChain(target, checker, chain, at)));
  }
  const custom = await customRules(file, data, where, locate);
  checker.checkCustom(custom, extended.flatMap((source) => source.custom ?? []), where);
  checker.checkRuleIds(data, where, [...extended.flatMap((source) => source.custom ?? []), ...custom]);
  return { file, dir, data, ...(extended.length === 0 ? {} : { extended }), ...(custom.length === 0 ? {} : { custom }) };
}

/** The rules a configuration file defines: its plugins' (loaded now), then its policies (compiled now). */
async function customRules(file: string, data: ConfigData, where: Where, locate: Locate): Promise<CustomRule[]> {
  const custom: CustomRule[] = [];
  if (data.plugins && data.plugins.length > 0) {
    recorder()?.plugin(file);
    for (const plugin of await loadPlugins(data.plugins, { file, where })) {
      const range = locate(['plugins', plugin.entry]);
      for (const rule of plugin.rules) custom.push({ rule, file, range, plugin: plugin.name, entry: plugin.entry });
    }
  }
  for (const rule of data.policies ? policyRules(data.policies, { file, where }) : []) {
    custom.push({ rule, file, range: locate(['policies'], rule.meta.id) });
  }
  return custom;
}

function asConfigError(error: unknown, where: string, cwd: string, extendsAt?: string): ConfigError {
  if (error instanceof ConfigError) return error;
  const err = error as NodeJS.ErrnoException;
  const name = displayName(where, cwd);
  if (extendsAt !== undefined) {
    const why = err.code === 'ENOENT' ? 'configuration file not found' : String(err.message ?? error).split('\n')[0];
    return new ConfigError(`${extendsAt}: cannot extend ${name}: ${why}`);
  }
  if (err.code === 'ENOENT') return new ConfigError(`${name}: configuration file not found`);
  return new ConfigError(`${name}: cannot load configuration: ${String(err.message ?? error).split('\n')[0]}`);
}

/** Names a place in a configuration file: `file:line:column` of the value at `segments` (or of its key `key`), else the file. */
type Where = (segments: readonly PathSegment[], key?: string) => string;
/** The range of the same place: the file's first line when the configuration is JavaScript. */
type Locate = (segments: readonly PathSegment[], key?: string) => Range;

/** Checks each configuration file of a chain: its schema, rule ids, rule options and regular expressions. */
class Checker {
  private readonly byId: Map<string, RuleMeta>;

  constructor(
    readonly rules: readonly RuleMeta[],
    readonly cwd: string,
  ) {
    this.byId = new Map([...CORE_CHECKS, ...rules].map((meta) => [meta.id, meta]));
  }

  check(file: string, config: unknown): { data: ConfigData; where: Where; locate: Locate } {
    const name = displayName(file, this.cwd);
    const root = trees.get(file);
    const base: PathSegment[] = path.basename(file) === 'package.json' ? ['escashop'] : [];
    const locate: Locate = (segments, key) => {
      if (!root) return FILE_START;
      const found = nodeAt(root, [...base, ...segments]);
      const entry = key !== undefined && found.node.kind === 'map' ? found.node.index.get(key) : undefined;
      return (entry?.key ?? (found.node.kind === 'scalar' ? found.node : (found.key ?? found.node))).origin.range;
    };
    const where: Where = (segments, key) => {
      if (!root) return name;
      const pos: Position = locate(segments, key).start;
      return `${name}:${pos.line}:${pos.column}`;
    };
    const validate = precompiledValidator('escashoprc');
    if (!validate(config)) throw new ConfigError(schemaMessage(collapse(validate.errors ?? [])[0]!, [], where));
    const data = config as ConfigData;
    for (const [i, source] of (data.secrets?.allowValues ?? []).entries()) {
      const why = patternError(source);
      if (why !== undefined) throw new ConfigError(`${where(['secrets', 'allowValues', i])}: ${keyPath(['secrets', 'allowValues', i])} is not a valid regular expression: ${why.replace(/^Invalid regular expression: .*: /, '')}`);
    }
    return { data, where, locate };
  }

  /**
   * The rules a configuration defines take no built-in namespace, and no id twice: a policy may
   * replace a policy of a configuration it extends, nothing else may share an id.
   */
  checkCustom(custom: readonly CustomRule[], inherited: readonly CustomRule[], where: Where): void {
    const name = (file: string) => displayName(file, this.cwd);
    const seen = new Map(inherited.map((c) => [c.rule.meta.id, c]));
    for (const [i, c] of custom.entries()) {
      const id = c.rule.meta.id;
      const at = c.entry === undefined ? where(['policies'], id) : where(['plugins', c.entry]);
      const namespace = id.split('/')[0]!;
      if (RESERVED_NAMESPACES.includes(namespace)) {
        throw new ConfigError(`${at}: ${c.plugin === undefined ? 'policy' : `plugin "${c.plugin}": rule`} "${id}" takes the namespace "${namespace}/" of the built-in checks; choose another`);
      }
      const before = seen.get(id) ?? custom.slice(0, i).find((o) => o.rule.meta.id === id);
      const replacesPolicy = before !== undefined && before.plugin === undefined && c.plugin === undefined && before.file !== c.file;
      if (before !== undefined && before.rule !== c.rule && !replacesPolicy) {
        throw new ConfigError(`${at}: rule "${id}" is defined twice: by ${definedBy(before, name)} and by ${definedBy(c, name)}`);
      }
      seen.set(id, c);
    }
  }

  /** `rules` and `overrides[].rules` of a configuration name known checks: built-in ones or those the chain defines (`custom`). */
  checkRuleIds(data: ConfigData, where: Where, custom: readonly CustomRule[]): void {
    const byId = new Map([...this.byId, ...custom.map((c) => [c.rule.meta.id, c.rule.meta] as const)]);
    this.checkRules(byId, data.rules, ['rules'], where);
    for (const [i, override] of (data.overrides ?? []).entries()) this.checkRules(byId, override.rules, ['overrides', i, 'rules'], where);
  }

  /** Every rule id is known, and options go to rules that take them, valid against the rule's schema. */
  private checkRules(byId: ReadonlyMap<string, RuleMeta>, rules: Record<string, RuleSetting> | undefined, at: PathSegment[], where: Where): void {
    for (const [id, setting] of Object.entries(rules ?? {})) {
      const meta = byId.get(id);
      if (!meta) {
        const hint = suggest(id, [...byId.keys()]);
        throw new ConfigError(`${where(at, id)}: unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
      }
      if (typeof setting === 'string' || setting.options === undefined) continue;
      if (!meta.options) throw new ConfigError(`${where([...at, id], 'options')}: rule "${id}" takes no options`);
      const validate = optionsValidator(meta);
      if (!validate(setting.options)) throw new ConfigError(schemaMessage(collapse(validate.errors ?? [])[0]!, [...at, id, 'options'], where));
    }
  }
}

/** A path in a configuration, as messages name it: `"rules.compose/healthcheck"`, `"overrides[0].files"`. */
export function keyPath(segments: readonly PathSegment[]): string {
  return `"${segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')}"`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

/** What a key's pattern asks for, by the name of the mapping or list it is in. */
const PATTERN_WORDS: Readonly<Record<string, string>> = {
  rules: 'a rule id (namespace/name)',
  projects: 'a project name (letters, digits, "_", "." and "-", not starting with a symbol)',
  profiles: 'a profile name (letters, digits, "_", "." and "-", not starting with a symbol; or "*")',
};

/** An Ajv error of the configuration (or of a rule's options, under `base`) as a one-line message at its place. */
function schemaMessage(error: SchemaError, base: readonly PathSegment[], where: Where): string {
  const own = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const segments: PathSegment[] = [...base, ...own.map((s) => (/^\d+$/.test(s) ? Number(s) : s))];
  const subject = segments.length === 0 ? 'the configuration' : keyPath(segments);
  const named = [...segments].reverse().find((s): s is string => typeof s === 'string') ?? '';
  const propertyName = (error as { propertyName?: string }).propertyName ?? (error.params.propertyName as string | undefined);
  if (propertyName !== undefined) {
    return `${where(segments, propertyName)}: "${propertyName}" in ${subject} is not ${PATTERN_WORDS[named] ?? 'a valid key'}`;
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      return `${where(segments, key)}: unknown key "${key}" in ${subject}`;
    }
    case 'required':
      return `${where(segments)}: ${subject} needs "${String(error.params.missingProperty)}"`;
    case 'enum':
      return `${where(segments)}: ${subject} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type': {
      const types = ([] as string[]).concat(error.params.type as string | string[]);
      return `${where(segments)}: ${subject} must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`;
    }
    case 'minItems':
    case 'minLength':
    case 'minProperties':
      if (error.params.limit === 1) return `${where(segments)}: ${subject} must not be empty`;
      break;
    case 'pattern':
      if (PATTERN_WORDS[named]) return `${where(segments)}: ${subject} is not ${PATTERN_WORDS[named]}`;
      break;
  }
  return `${where(segments)}: ${subject} ${error.message ?? 'is invalid'}`;
}
