import { RESERVED_NAMESPACES } from '../config/custom.js';
import { optionsValidator } from '../config/options.js';
import { ENVIRONMENTS, type RuleMeta } from '../engine/meta.js';
import type { Rule } from '../engine/rule.js';
import { SEVERITIES } from '../findings/finding.js';
import { describeThrown } from './rule-error.js';

/** What is wrong with something a plugin exports as a rule, in words that follow its label. */
export interface RuleProblem {
  problem: string;
}

/** A plugin rule's id: `<namespace>/<name>`, each kebab-case, as a configuration's `policies` keys. */
export const CUSTOM_RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

const LEVELS: readonly string[] = [...SEVERITIES, 'off'];

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Checks something a plugin exports as a rule, as the engine and the reports will use it; `label`
 * names it (`rule #2`) until its id is known, then the id does. The rule back, or the first problem.
 */
export function checkRule(value: unknown, label: string): Rule | RuleProblem {
  const problem = (why: string): RuleProblem => ({ problem: `${label} ${why}` });
  if (!isObject(value)) return problem('is not a rule (an object with meta and create, as defineRule makes)');
  const meta = value.meta;
  if (!isObject(meta)) return problem('has no meta object');
  const { id } = meta;
  if (typeof id !== 'string') return problem('has no meta.id (a string, "<namespace>/<name>")');
  if (!CUSTOM_RULE_ID.test(id)) return problem(`has the id "${id}", which is not "<namespace>/<name>" in lower-case kebab-case`);
  const namespace = id.slice(0, id.indexOf('/'));
  if (RESERVED_NAMESPACES.includes(namespace)) return problem(`has the id "${id}", in the namespace "${namespace}" of the built-in checks; choose another namespace`);
  const own = (why: string): RuleProblem => ({ problem: `${label} ("${id}") ${why}` });
  const why = metaProblem(meta);
  if (why !== undefined) return own(why);
  if (typeof value.create !== 'function') return own('has no create function');
  return value as unknown as Rule;
}

/** The first problem of a rule's metadata other than its id, or undefined. */
function metaProblem(meta: Loose): string | undefined {
  if (typeof meta.description !== 'string' || meta.description.trim() === '') return 'has no meta.description (one sentence)';
  if (!SEVERITIES.includes(meta.severity as never)) return `has the meta.severity ${JSON.stringify(meta.severity)}; use ${SEVERITIES.map((s) => `"${s}"`).join(', ')}`;
  if (!isStringList(meta.tags)) return 'has no meta.tags (a list of strings, which may be empty)';
  if (meta.environments !== undefined) {
    if (!isObject(meta.environments)) return 'has a meta.environments that is not an object of levels per environment';
    for (const [environment, level] of Object.entries(meta.environments)) {
      if (!ENVIRONMENTS.includes(environment as never)) return `has meta.environments.${environment}, which is no environment (${ENVIRONMENTS.join(', ')})`;
      if (!LEVELS.includes(level as string)) return `has the level ${JSON.stringify(level)} in meta.environments.${environment}; use ${LEVELS.map((l) => `"${l}"`).join(', ')}`;
    }
  }
  if (meta.securitySeverity !== undefined && !(typeof meta.securitySeverity === 'number' && meta.securitySeverity > 0 && meta.securitySeverity <= 10)) {
    return 'has a meta.securitySeverity that is not a number in (0, 10]';
  }
  if (meta.references !== undefined && !(isObject(meta.references) && Object.values(meta.references).every(isStringList))) {
    return 'has a meta.references that is not an object of lists of strings ({ cwe: ["CWE-770"], urls: [...] })';
  }
  if (meta.docs !== undefined && typeof meta.docs !== 'string') return 'has a meta.docs that is not a string (a URL, or a path in the plugin\'s package)';
  if (meta.reportsAbsence !== undefined && typeof meta.reportsAbsence !== 'boolean') return 'has a meta.reportsAbsence that is not true or false';
  if (meta.options !== undefined) return optionsProblem(meta as unknown as RuleMeta);
  return undefined;
}

/** The problem of a rule's `meta.options`: its schema must compile, and its defaults match it. */
function optionsProblem(meta: RuleMeta): string | undefined {
  const options: unknown = meta.options;
  if (!isObject(options) || !isObject(options.schema)) return 'has a meta.options without a schema (a JSON Schema object)';
  if (!isObject(options.defaults)) return 'has a meta.options without defaults (an object)';
  let validate;
  try {
    validate = optionsValidator(meta);
  } catch (error) {
    // Ajv lists every complaint about a schema; the first says enough.
    const why = describeThrown(error).replace(/^Error: schema is invalid: /, '').split(', ')[0];
    return `has a meta.options.schema that is no valid JSON Schema: ${why}`;
  }
  if (!validate(options.defaults)) {
    const first = validate.errors?.[0];
    return `has meta.options.defaults that its schema refuses: defaults${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}`;
  }
  return undefined;
}
