import type { ComposeAnswer } from './compose129.js';

/**
 * What the oracle does not compare, and why (docs/oracle.md has the reasons at length):
 * - projects docker-compose 1.29 rejects or reads differently from the compose spec (`skipReason`);
 * - a short list of differences that remain after normalizing (`KNOWN_DIFFERENCES`), each with its reason.
 */

/** Why a project is not compared, or undefined when it is. */
export function skipReason(answer: ComposeAnswer, texts: readonly string[]): string | undefined {
  if (!answer.ok) return rejection(answer.error);
  if (answer.v1) return 'version 1 file format (services at the top level; not in the compose spec)';
  // 1.29 does not interpolate inside `${...}`: `${A:-$B}` and `${A:-$$b}` give `$B` and `$$b`, and
  // `${A:-${B}}` stops at the first `}`.
  if (texts.some((t) => /\$\{[^}]*\$/.test(t))) return 'nested interpolation ${A:-$B} (1.29 does not interpolate inside ${...})';
  return undefined;
}

/** Why a project whose files repeat a mapping key is not compared (our loader reports it as `core/yaml`). */
export const DUPLICATE_KEYS = 'duplicate mapping keys (PyYAML keeps the last, we keep the first and report it, Compose v2 refuses the file)';

/** Why 1.29 refused the project, in a few groups (the summary counts them). */
const REJECTIONS: readonly (readonly [RegExp, string])[] = [
  [/could not determine a constructor for the tag '!(?:reset|override)'/, 'rejected: !reset / !override tags (newer than 1.29)'],
  [/yaml\.\w+\.\w*Error|found duplicate anchor|could not determine a constructor/, 'rejected: not YAML that PyYAML reads'],
  [/'include' does not match any of the regexes|\('include' was unexpected\)/, 'rejected: top-level include (newer than 1.29)'],
  [/'name' does not match any of the regexes|^ConfigurationError: The Compose file '[^']*' is invalid because:\nAdditional properties are not allowed \('name' was unexpected\)/, 'rejected: top-level name (newer than 1.29)'],
  [/'\w+' does not match any of the regexes: '\^x-'|contains unsupported option|Additional properties are not allowed/, 'rejected: a key newer than 1.29 (models, build.platforms, …)'],
  [/has neither an image nor a build context|depends on service '.*' which is undefined|Cannot extend service|has a link to service '.*' which is undefined/, 'rejected: a part of a project (a service defined in another file)'],
  [/Missing mandatory value/, 'rejected: a required variable ${VAR:?err} is unset'],
  [/Invalid interpolation format/, 'rejected: interpolation 1.29 lacks (${VAR:+alt}, $ before another character)'],
  [/ports contains an invalid type|Invalid (?:published|target) port|Port ranges don't match/, 'rejected: a port 1.29 cannot read (often made by an unset variable)'],
  [/contains (?:true|false), which is an invalid type/, 'rejected: a boolean environment or label value (1.29 wants a string)'],
  [/No such file or directory|Couldn't find env file|is not a file/, 'rejected: a file it names is not in the corpus'],
  [/Version .* is invalid|Version in .* is invalid|Version mismatch|Top level object|services must be a mapping|services 'include' must be a mapping/, 'rejected: a version or top level 1.29 does not accept'],
];

function rejection(error: string): string {
  for (const [pattern, reason] of REJECTIONS) if (pattern.test(error)) return reason;
  return 'rejected: other checks of 1.29 (types, formats, duplicate mounts, network_mode with networks)';
}

export interface KnownDifference {
  /** Which projects (their `id`: corpus paths joined with ` + `). */
  project: RegExp;
  service?: string;
  field: string;
  reason: string;
}

/** Differences that remain after normalizing, each one justified; the test fails when one is no longer needed. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];
