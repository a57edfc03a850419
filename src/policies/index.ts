import { ConfigError, keyPath } from '../config/load.js';
import { ENVIRONMENTS, type Environment, type Level, type RuleMeta } from '../engine/meta.js';
import type { Rule } from '../engine/rule.js';
import { secretTests } from '../model/secret-names.js';
import type { Complain } from './check.js';
import { compileCondition, evaluate, type CompiledCondition, type Outcome } from './condition.js';
import { checkTemplate, messageOf, secretOf } from './message.js';
import { compileSelect } from './select.js';
import type { PolicyCondition, PolicyData, PolicySource } from './types.js';

export type { PolicyCheck, PolicyCondition, PolicyData, PolicyItemCheck, PolicySelect, PolicySource } from './types.js';

/** The rules of a configuration's `policies`: one per policy, its id the policy's key. */
export function policyRules(policies: Readonly<Record<string, PolicyData>>, source: PolicySource): Rule[] {
  return Object.entries(policies).map(([id, policy]) => policyRule(id, policy, source));
}

/** One or a list, as `assert` and `when` take conditions: each with its key path in the policy. */
function conditions(list: PolicyCondition | PolicyCondition[] | undefined, key: string): [PolicyCondition, (string | number)[]][] {
  if (list === undefined) return [];
  return Array.isArray(list) ? list.map((c, i) => [c, [key, i]]) : [[list, [key]]];
}

/** Compiles a policy: its selectors, regular expressions, operands and paths are read once, and any problem is a `ConfigError` at its key. */
export function policyRule(id: string, policy: PolicyData, source: PolicySource): Rule {
  const complain: Complain = (segments, what) => {
    throw new ConfigError(`${source.where(['policies', id, ...segments])}: policy "${id}": ${keyPath(segments)} ${what}`);
  };
  const compile = ([data, at]: [PolicyCondition, (string | number)[]]) => compileCondition(data, at, complain);
  checkTemplate(policy.message, ['message'], complain);
  const when = conditions(policy.when, 'when').map(compile);
  const assert = conditions(policy.assert, 'assert').map(compile);
  const selected = compileSelect(policy.select);
  return {
    meta: metaOf(id, policy, assert),
    create: (context) => {
      const secrets = secretTests(context.project.policy);
      return {
        service(service) {
          if (!selected(service) || !when.every((c) => holds(evaluate(c, service), c))) return;
          for (const failure of assert.flatMap((c) => evaluate(c, service).failures)) {
            const secret = secretOf(failure, secrets);
            context.report({ at: failure.at, message: messageOf(failure, service.name, policy.message, secret !== undefined), ...(secret ? { secret } : {}) });
          }
        },
      };
    },
  };
}

/** A `when` condition holds when nothing fails, and a condition on values holds only where its path reaches a value. */
function holds(outcome: Outcome, condition: CompiledCondition): boolean {
  return outcome.failures.length === 0 && (condition.present === false || outcome.reached > 0);
}

function metaOf(id: string, policy: PolicyData, assert: readonly CompiledCondition[]): RuleMeta {
  const listed = policy.environments;
  // A list names the environments the policy runs in: it is off in the others.
  const environments: Partial<Record<Environment, Level>> | undefined = Array.isArray(listed)
    ? Object.fromEntries(ENVIRONMENTS.filter((e) => !listed.includes(e)).map((e) => [e, 'off']))
    : listed;
  return {
    id,
    description: policy.description,
    severity: policy.severity ?? 'warning',
    ...(environments && Object.keys(environments).length > 0 ? { environments } : {}),
    tags: policy.tags ?? ['policy'],
    ...(policy.securitySeverity !== undefined ? { securitySeverity: policy.securitySeverity } : {}),
    ...(assert.some((c) => c.present === true) ? { reportsAbsence: true } : {}),
    docs: policy.docs ?? '',
  };
}
