import { ENVIRONMENTS, levelIn, type Environment, type Level, type RuleMeta } from '../engine/meta.js';

/**
 * The built-in configurations a config can extend by bare name. Each is data computed from the rules'
 * metadata, never a list of rule ids: a new rule is in both at once. They set rule levels only; the
 * pipeline's own checks (`core/...`) keep their levels unless a configuration names them.
 */
export const PRESET_NAMES = ['recommended', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** One step stricter: info becomes warning, warning becomes error; error stays, and off stays off. */
const STRICTER: Readonly<Record<Level, Level>> = { off: 'off', info: 'warning', warning: 'error', error: 'error' };

const TRANSFORM: Readonly<Record<PresetName, (level: Level) => Level>> = {
  // What a project gets with no configuration: each rule's own level in each environment.
  recommended: (level) => level,
  // Every rule one step stricter wherever it runs. A rule off in an environment (a prod-only rule in
  // dev and test, a dev-only rule in prod) does not apply there, and stays off.
  strict: (level) => STRICTER[level],
};

/** A preset's rule levels: for every rule, its level in each environment. */
export function presetRules(name: PresetName, rules: readonly RuleMeta[]): Record<string, Record<Environment, Level>> {
  const transform = TRANSFORM[name];
  return Object.fromEntries(
    rules.map((meta) => [meta.id, Object.fromEntries(ENVIRONMENTS.map((env) => [env, transform(levelIn(meta, env))])) as Record<Environment, Level>]),
  );
}
