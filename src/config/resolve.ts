import path from 'node:path';
import picomatch from 'picomatch';
import { environmentOf } from '../engine/environment.js';
import { ENVIRONMENTS, levelIn, type Environment, type Level, type RuleMeta } from '../engine/meta.js';
import { DEFAULT_POLICY, type Policy } from '../model/policy.js';
import type { CustomRule } from './custom.js';
import { configSources, type ConfigSource, type LoadedConfig, type RuleSetting } from './load.js';

/** What the configuration decides for one file: its environment and each rule's level there. */
export interface FileSettings {
  environment: Environment;
  level(meta: RuleMeta): Level;
  /** The rule's options as the configuration gives them (merged over `meta.options.defaults` by the engine). */
  options(meta: RuleMeta): Readonly<Record<string, unknown>> | undefined;
  /** What the configuration says about the stack: its ingress services and secret allowlists. */
  policy: Policy;
  /** The rules the configuration defines (its plugins' rules and its policies), run besides the built-in ones. */
  custom: readonly CustomRule[];
}

/** An entry of `overrides` that applies to a file: the configuration it is in, its index there, and its globs. */
export interface AppliedOverride {
  /** Absolute path of the configuration file. */
  config: string;
  index: number;
  files: readonly string[];
}

/** The settings of a file, and which overrides gave them. */
export interface ResolvedSettings extends FileSettings {
  overrides: readonly AppliedOverride[];
}

/**
 * The one place where a file's environment and a rule's level are decided. Environment: the last
 * matching override that sets one, else the first matching `environments` glob (the file's own,
 * then those of the configurations it extends, the later first), else the file name. Rule level
 * and options: the matching overrides in order, over the top-level `rules` of the configuration
 * and of what it extends (in the order they apply), over the rule's own metadata. `environment`,
 * when given, replaces the file's own (a merged project's environment is decided from all its
 * files, its rule levels by the first file's configuration).
 */
export function settingsFor(absPath: string, config: LoadedConfig | undefined, environment?: Environment): ResolvedSettings {
  if (!config) {
    const env = environment ?? environmentOf(absPath);
    return { environment: env, level: (meta) => levelIn(meta, env), options: () => undefined, policy: DEFAULT_POLICY, custom: [], overrides: [] };
  }
  const compiled = compile(config);
  const overrides = compiled.overrides.filter((o) => o.match(absPath));
  const env =
    environment ??
    overrides.findLast((o) => o.environment !== undefined)?.environment ??
    compiled.environments.find((e) => e.match(absPath))?.environment ??
    environmentOf(absPath);
  let rules = compiled.rules;
  if (overrides.some((o) => o.rules)) {
    rules = new Map(rules);
    for (const override of overrides) mergeRules(rules, override.rules);
  }
  return {
    environment: env,
    level: (meta) => rules.get(meta.id)?.levels[env] ?? levelIn(meta, env),
    options: (meta) => rules.get(meta.id)?.options,
    policy: compiled.policy,
    custom: compiled.custom,
    overrides: overrides.map((o) => ({ config: o.config, index: o.index, files: o.files })),
  };
}

/** The `ignore` glob of the configuration that leaves a file out, and the configuration file that has it; undefined when none does. */
export function ignoredBy(absPath: string, config: LoadedConfig | undefined): { glob: string; config: string } | undefined {
  const found = config && compile(config).ignore.find((i) => i.match(absPath));
  return found && { glob: found.glob, config: found.config };
}

/** A project of the configuration, with absolute paths: what `lint()` takes as a `ProjectTarget`. */
export interface ConfiguredProject {
  files: string[];
  envFiles?: string[];
  profiles?: string[];
  projectDir?: string;
}

/** The configuration's named projects, in the order written; a later configuration of the chain replaces a project of the same name. */
export function configuredProjects(config: LoadedConfig): Map<string, ConfiguredProject> {
  const projects = new Map<string, ConfiguredProject>();
  for (const source of configSources(config)) {
    for (const [name, project] of Object.entries(source.data.projects ?? {})) {
      const resolve = (file: string) => path.resolve(source.dir, file);
      projects.delete(name);
      projects.set(name, {
        files: project.files.map(resolve),
        ...(project.envFiles === undefined ? {} : { envFiles: project.envFiles.map(resolve) }),
        ...(project.profiles === undefined ? {} : { profiles: project.profiles }),
        ...(project.projectDirectory === undefined ? {} : { projectDir: resolve(project.projectDirectory) }),
      });
    }
  }
  return projects;
}

/** A rule's settings after every configuration that names it: a level per environment it sets, and its options. */
interface RuleEntry {
  levels: Partial<Record<Environment, Level>>;
  options?: Record<string, unknown>;
}

/** Later settings override earlier ones environment by environment; options are merged key by key. */
function mergeRules(table: Map<string, RuleEntry>, rules: Readonly<Record<string, RuleSetting>> | undefined): void {
  for (const [id, setting] of Object.entries(rules ?? {})) {
    const before = table.get(id);
    const levels = { ...before?.levels };
    let options = before?.options;
    for (const env of ENVIRONMENTS) {
      const level = typeof setting === 'string' ? setting : setting[env];
      if (level !== undefined) levels[env] = level;
    }
    if (typeof setting !== 'string' && setting.options) options = { ...options, ...setting.options };
    table.set(id, options ? { levels, options } : { levels });
  }
}

type PathMatcher = (absPath: string) => boolean;

/** Matches absolute paths against globs relative to `dir` (picomatch, dot files included); a path outside `dir` never matches. */
function globMatcher(dir: string, globs: string | readonly string[]): PathMatcher {
  const match = picomatch(globs as string | string[], { dot: true });
  return (absPath) => {
    const rel = path.relative(dir, absPath).split(path.sep).join('/');
    return rel !== '' && !rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel) && match(rel);
  };
}

interface CompiledConfig {
  environments: { match: PathMatcher; environment: Environment }[];
  rules: Map<string, RuleEntry>;
  overrides: (AppliedOverride & { match: PathMatcher; environment?: Environment; rules?: Record<string, RuleSetting> })[];
  ignore: { match: PathMatcher; glob: string; config: string }[];
  policy: Policy;
  custom: readonly CustomRule[];
}

const compiledConfigs = new WeakMap<LoadedConfig, CompiledConfig>();

/** A configuration chain folded into what `settingsFor` needs, once per loaded configuration. */
function compile(config: LoadedConfig): CompiledConfig {
  let compiled = compiledConfigs.get(config);
  if (compiled) return compiled;
  const sources = configSources(config);
  const rules = new Map<string, RuleEntry>();
  for (const source of sources) mergeRules(rules, source.data.rules);
  compiled = {
    // The file's own globs first, then those of what it extends, the later first.
    environments: sources
      .toReversed()
      .flatMap((s) => Object.entries(s.data.environments ?? {}).map(([glob, environment]) => ({ match: globMatcher(s.dir, glob), environment }))),
    rules,
    overrides: sources.flatMap((s) =>
      (s.data.overrides ?? []).map((o, index) => {
        const files = typeof o.files === 'string' ? [o.files] : o.files;
        return { config: s.file, index, files, match: globMatcher(s.dir, files), ...(o.environment ? { environment: o.environment } : {}), ...(o.rules ? { rules: o.rules } : {}) };
      }),
    ),
    ignore: sources.flatMap((s) => (s.data.ignore ?? []).map((glob) => ({ match: globMatcher(s.dir, glob), glob, config: s.file }))),
    policy: policyOf(sources),
    custom: customOf(sources),
  };
  compiledConfigs.set(config, compiled);
  return compiled;
}

/** The stack's policy, top-level settings only: each of `ingress`, `secrets.allowNames` and `secrets.allowValues` as the last configuration that sets it says. */
function policyOf(sources: readonly ConfigSource[]): Policy {
  let { ingress, secrets } = DEFAULT_POLICY;
  for (const { data } of sources) {
    if (data.ingress) ingress = data.ingress;
    secrets = { allowNames: data.secrets?.allowNames ?? secrets.allowNames, allowValues: data.secrets?.allowValues ?? secrets.allowValues };
  }
  return { ingress, secrets };
}

/**
 * The rules a configuration chain defines, each id once: a policy of a later configuration replaces
 * one of the same id it extends (the loader refused every other repeat), and a plugin named by two
 * configurations of the chain gives its rules once.
 */
function customOf(sources: readonly ConfigSource[]): CustomRule[] {
  const byId = new Map<string, CustomRule>();
  for (const source of sources) for (const custom of source.custom ?? []) byId.set(custom.rule.meta.id, custom);
  return [...byId.values()];
}
