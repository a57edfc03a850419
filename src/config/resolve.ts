import path from 'node:path';
import picomatch from 'picomatch';
import { environmentOf } from '../engine/environment.js';
import { levelIn, type Environment, type Level, type RuleMeta } from '../engine/meta.js';
import type { LoadedConfig } from './load.js';
import { DEFAULT_POLICY, type Policy } from '../model/policy.js';

/** What the configuration decides for one file: its environment and each rule's level there. */
export interface FileSettings {
  environment: Environment;
  level(meta: RuleMeta): Level;
  /** The rule's options as the configuration gives them (merged over `meta.options.defaults` by the engine). */
  options(meta: RuleMeta): Readonly<Record<string, unknown>> | undefined;
  /** What the configuration says about the stack: its ingress services and secret allowlists. */
  policy: Policy;
}

/**
 * The one place where a file's environment and a rule's level are decided: the configuration's
 * `environments` globs first, then the file name; the configuration's `rules` entry first, then the
 * rule's own metadata. `environment`, when given, replaces the file's own (a merged project's
 * environment is decided from all its files, its rule levels by the first file's configuration).
 */
export function settingsFor(
  absPath: string,
  config: LoadedConfig | undefined,
  environment: Environment = configuredEnvironment(absPath, config) ?? environmentOf(absPath),
): FileSettings {
  const rules = config?.data.rules ?? {};
  return {
    environment,
    level(meta) {
      const setting = rules[meta.id];
      if (typeof setting === 'string') return setting;
      return setting?.[environment] ?? levelIn(meta, environment);
    },
    options: () => undefined,
    policy: DEFAULT_POLICY,
  };
}

const matchers = new WeakMap<LoadedConfig, [picomatch.Matcher, Environment][]>();

function configuredEnvironment(absPath: string, config: LoadedConfig | undefined): Environment | undefined {
  if (!config?.data.environments) return undefined;
  let list = matchers.get(config);
  if (!list) {
    list = Object.entries(config.data.environments).map(([glob, env]) => [picomatch(glob, { dot: true }), env]);
    matchers.set(config, list);
  }
  const rel = path.relative(config.dir, absPath).split(path.sep).join('/');
  if (rel.startsWith('../')) return undefined;
  return list.find(([match]) => match(rel))?.[1];
}
