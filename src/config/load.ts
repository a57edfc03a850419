import { createRequire } from 'node:module';
import path from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { decode } from '../input/source.js';
import { displayName } from '../input/source.js';
import type { Position } from '../parse/position.js';
import type { YNode } from '../parse/tree.js';
import { parseYaml } from '../parse/yaml.js';
import { collapse, type SchemaError } from '../schema/validate.js';
import { nodeAt, type PathSegment } from '../schema/paths.js';
import { suggest } from '../schema/suggest.js';
import type { Environment, Level } from '../engine/meta.js';

/** A configuration problem: always a one-line message naming the file (and position when known). */
export class ConfigError extends Error {}

export type RuleSetting = Level | Partial<Record<Environment, Level>>;

/** The contents of a configuration file, as its JSON Schema (`schemas/escashoprc.schema.json`) describes. */
export interface ConfigData {
  $schema?: string;
  environments?: Record<string, Environment>;
  rules?: Record<string, RuleSetting>;
}

export interface LoadedConfig {
  /** Absolute path of the file the configuration came from. */
  file: string;
  /** Folder that the config's globs are relative to. */
  dir: string;
  data: ConfigData;
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

type ValidateFn = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
let validator: ValidateFn | undefined;
function configValidator(): ValidateFn {
  validator ??= createRequire(import.meta.url)('../schema/generated/escashoprc.validate.cjs') as ValidateFn;
  return validator;
}

/** Trees of JSON/YAML config files read through our own parser, so problems can name a line and column. */
const trees = new Map<string, YNode>();

function parseConfigText(filepath: string, content: string): unknown {
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

const explorer = cosmiconfig('escashop', {
  searchPlaces: CONFIG_NAMES,
  searchStrategy: 'project',
  loaders: { '.json': parseConfigText, '.yaml': parseConfigText, '.yml': parseConfigText, noExt: parseConfigText },
});

/** Loads an explicit config file (`--config`). */
export async function loadConfigFile(file: string, cwd: string, ruleIds: ReadonlySet<string>): Promise<LoadedConfig> {
  const abs = path.resolve(cwd, file);
  let result;
  try {
    result = await explorer.load(abs);
  } catch (error) {
    throw asConfigError(error, abs);
  }
  if (!result) throw new ConfigError(`${displayName(abs, cwd)}: configuration file is empty`);
  return check(result.filepath, result.config, ruleIds, cwd);
}

/** Finds the config that applies to files in `dir`: the nearest one up to the project root. */
export async function searchConfig(dir: string, cwd: string, ruleIds: ReadonlySet<string>): Promise<LoadedConfig | undefined> {
  let result;
  try {
    result = await explorer.search(dir);
  } catch (error) {
    throw asConfigError(error, dir);
  }
  if (!result || result.isEmpty) return undefined;
  return check(result.filepath, result.config, ruleIds, cwd);
}

function asConfigError(error: unknown, where: string): ConfigError {
  if (error instanceof ConfigError) return error;
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return new ConfigError(`${displayName(where, process.cwd())}: configuration file not found`);
  return new ConfigError(`${displayName(where, process.cwd())}: cannot load configuration: ${String(err.message ?? error).split('\n')[0]}`);
}

function check(file: string, config: unknown, ruleIds: ReadonlySet<string>, cwd: string): LoadedConfig {
  const name = displayName(file, cwd);
  const root = trees.get(file);
  const base: PathSegment[] = path.basename(file) === 'package.json' ? ['escashop'] : [];
  const where = (segments: PathSegment[], key?: string): string => {
    if (!root) return name;
    const found = nodeAt(root, [...base, ...segments]);
    const entry = key !== undefined && found.node.kind === 'map' ? found.node.index.get(key) : undefined;
    const at = entry?.key ?? (found.node.kind === 'scalar' ? found.node : (found.key ?? found.node));
    const pos: Position = at.origin.range.start;
    return `${name}:${pos.line}:${pos.column}`;
  };
  const validate = configValidator();
  if (!validate(config)) {
    const error = collapse(validate.errors ?? [])[0]!;
    const segments = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const subject = segments.length === 0 ? 'the configuration' : `"${segments.join('.')}"`;
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      throw new ConfigError(`${where(segments, key)}: unknown key "${key}" in ${subject}`);
    }
    if (error.keyword === 'enum') throw new ConfigError(`${where(segments)}: ${subject} must be one of ${(error.params.allowedValues as string[]).map((v) => `"${v}"`).join(', ')}`);
    if (error.keyword === 'type') throw new ConfigError(`${where(segments)}: ${subject} must be ${String(error.params.type).replace('object', 'a mapping').replace('array', 'a list')}`);
    if (error.keyword === 'propertyNames' || error.keyword === 'pattern') throw new ConfigError(`${where(segments)}: ${subject} has a key that is not a rule id (namespace/name)`);
    throw new ConfigError(`${where(segments)}: ${subject} ${error.message ?? 'is invalid'}`);
  }
  const data = config as ConfigData;
  for (const id of Object.keys(data.rules ?? {})) {
    if (ruleIds.has(id)) continue;
    const hint = suggest(id, [...ruleIds]);
    throw new ConfigError(`${where(['rules'], id)}: unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  return { file, dir: path.dirname(file), data };
}
