import type { Service } from '../model/service.js';
import { Text } from '../model/text.js';
import type { Target } from '../engine/rule.js';
import { isMap, isSeq } from '../parse/tree.js';
import { compileCheck, splitItems, type CompiledCheck, type Complain } from './check.js';
import { parsePath, PathError, type PolicyPath } from './path.js';
import type { QuantityKind } from './quantity.js';
import { reach, valueOf, type Reached, type Value } from './reach.js';
import type { PolicyCondition } from './types.js';

/** A condition of `assert` or `when`, compiled once. */
export interface CompiledCondition {
  readonly path: PolicyPath;
  readonly present?: boolean;
  readonly check: CompiledCheck;
}

/** Why a value does not meet a condition. */
export type Problem =
  | { readonly kind: 'absent' }
  | { readonly kind: 'present' }
  | { readonly kind: 'value' }
  | { readonly kind: 'unreadable'; readonly as: QuantityKind }
  | { readonly kind: 'shape'; readonly shape: 'a mapping' | 'a list' };

/** One place where a service does not meet a condition. */
export interface Failure {
  readonly at: Target;
  readonly path: string;
  /** The last key on the way, for the secret test. */
  readonly name?: string;
  readonly value?: Text;
  readonly problem: Problem;
  readonly expected: string;
  readonly message?: string;
}

/** What a condition found in a service: how many things its path reached, and the failures. */
export interface Outcome {
  readonly reached: number;
  readonly failures: readonly Failure[];
}

export function compileCondition(data: PolicyCondition, at: readonly (string | number)[], complain: Complain): CompiledCondition {
  let path: PolicyPath;
  try {
    path = parsePath(data.path);
  } catch (error) {
    if (!(error instanceof PathError)) throw error;
    return complain([...at, 'path'], `is not a path: ${error.message}`);
  }
  const check = compileCheck(data, at, complain);
  const checks = check.tests.length > 0 || check.each !== undefined;
  if (data.present === undefined && !checks) complain(at, 'checks nothing: give it present, equals, oneOf, matches, notMatches, gt, gte, lt, lte or each');
  if (data.present === false && checks) complain([...at, 'present'], 'is false, and a path that must reach nothing has no value to check');
  return { path, check, ...(data.present !== undefined ? { present: data.present } : {}) };
}

/** Checks a condition on a service. */
export function evaluate(condition: CompiledCondition, service: Service): Outcome {
  const { found, nearest } = reach(service, condition.path);
  const failures: Failure[] = [];
  const fail: Fail = (at, target, problem, expected, message, value) =>
    failures.push({ at: target, path: at.path, ...(at.name !== undefined ? { name: at.name } : {}), ...(value ? { value } : {}), problem, expected, ...(message !== undefined ? { message } : {}) });
  const { message } = condition.check;
  if (condition.present === true && found.length === 0) fail({ path: condition.path.source }, nearest.key, { kind: 'absent' }, 'it set', message);
  if (condition.present === false) for (const r of found) fail(r, r.key, { kind: 'present' }, 'it not set', message, r.value instanceof Text ? r.value : undefined);
  for (const r of found) checkValue(condition.check, r, r.value, message, fail);
  return { reached: found.length, failures };
}

/** Where a failure is in words: the path as it reached the value, and the last key on the way. */
type Place = Pick<Reached, 'path' | 'name'>;
type Fail = (at: Place, target: Target, problem: Problem, expected: string, message: string | undefined, value?: Text) => void;

/** Checks one value, and with `each` its items: a list's items, or the parts of a text. */
function checkValue(check: CompiledCheck, at: Place, value: Value | undefined, inherited: string | undefined, fail: Fail): void {
  if (value === undefined) return;
  const message = check.message ?? inherited;
  for (const test of check.tests) {
    if (!(value instanceof Text)) fail(at, value, { kind: 'shape', shape: isMap(value) ? 'a mapping' : 'a list' }, test.expected, message);
    else {
      const verdict = test.test(value.value);
      if (verdict !== true) fail(at, value, verdict === false ? { kind: 'value' } : { kind: 'unreadable', as: verdict.unreadable }, test.expected, message, value);
    }
  }
  const { each } = check;
  if (!each) return;
  if (value instanceof Text) {
    const parts = splitItems(value, check.split);
    parts.forEach((part, i) => checkValue(each, check.split === undefined ? at : { ...at, path: `${at.path}[${i}]` }, part, message, fail));
  } else if (isSeq(value)) {
    value.items.forEach((item, i) => checkValue(each, { ...at, path: `${at.path}[${i}]` }, valueOf(item).value, message, fail));
  } else fail(at, value, { kind: 'shape', shape: 'a mapping' }, 'a list', message);
}
