import type { Text } from '../model/text.js';
import { checkTemplate } from './message.js';
import type { PolicyCheck } from './types.js';
import { operandOf, quantityOf, type QuantityKind } from './quantity.js';

/** A key path inside one policy (`['assert', 0, 'lte']`) and what is wrong there: throws a configuration error. */
export type Complain = (segments: readonly (string | number)[], what: string) => never;

/** What a value must be, in words (`at most 15m`), and the test. */
export interface ValueTest {
  readonly expected: string;
  /** `true` when the value passes; else the kind it could not be read as, or `false`. */
  test(value: string): true | false | { readonly unreadable: QuantityKind };
}

/** The checks of a condition (or of its `each`), compiled once. */
export interface CompiledCheck {
  readonly tests: readonly ValueTest[];
  /** The message of its findings, when it has its own. */
  readonly message?: string;
  readonly split?: string;
  readonly each?: CompiledCheck;
}

/** Each comparison: what it wants in words, and the test of a value against the operand. */
const COMPARISONS = {
  gt: ['more than', (a: number, b: number) => a > b],
  gte: ['at least', (a: number, b: number) => a >= b],
  lt: ['less than', (a: number, b: number) => a < b],
  lte: ['at most', (a: number, b: number) => a <= b],
} as const;
type Comparison = keyof typeof COMPARISONS;
const COMPARISON_KEYS = Object.keys(COMPARISONS) as Comparison[];

/** Whether a value equals an operand: a number as a number (`12.0` is 12), a boolean in any case (`True`), a string as written. */
function equalsTest(operand: string | number | boolean): (value: string) => boolean {
  if (typeof operand === 'number') return (value) => quantityOf('number', value) === operand;
  if (typeof operand === 'boolean') return (value) => value.trim().toLowerCase() === String(operand);
  return (value) => value === operand;
}

/** A regular expression of a policy: JavaScript syntax in unicode mode, as `secrets.allowValues` takes them. */
function regexOf(source: string, at: readonly (string | number)[], complain: Complain): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch (error) {
    return complain(at, `is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: .*: /, '')}`);
  }
}

/** Compiles the checks of a condition written at `at` (its key path inside the policy). */
export function compileCheck(data: PolicyCheck, at: readonly (string | number)[], complain: Complain): CompiledCheck {
  checkTemplate(data.message, [...at, 'message'], complain);
  const tests: ValueTest[] = [];
  if (data.equals !== undefined) {
    const test = equalsTest(data.equals);
    tests.push({ expected: String(data.equals), test });
  }
  if (data.oneOf !== undefined) {
    const each = data.oneOf.map(equalsTest);
    tests.push({ expected: `one of ${data.oneOf.join(', ')}`, test: (value) => each.some((t) => t(value)) });
  }
  if (data.matches !== undefined) {
    const re = regexOf(data.matches, [...at, 'matches'], complain);
    tests.push({ expected: `a value matching ${data.matches}`, test: (value) => re.test(value) });
  }
  if (data.notMatches !== undefined) {
    const re = regexOf(data.notMatches, [...at, 'notMatches'], complain);
    tests.push({ expected: `a value not matching ${data.notMatches}`, test: (value) => !re.test(value) });
  }
  const compared = COMPARISON_KEYS.filter((key) => data[key] !== undefined);
  for (const key of compared) tests.push(comparison(key, data[key]!, data.as, [...at, key], complain));
  if (data.as !== undefined && compared.length === 0) complain([...at, 'as'], 'applies to gt, gte, lt and lte, and this condition has none');
  if (data.split !== undefined && data.each === undefined) complain([...at, 'split'], 'cuts a value into items for each, and this condition has no each');
  const each = data.each && compileCheck(data.each, [...at, 'each'], complain);
  if (each && each.tests.length === 0 && !each.each) complain([...at, 'each'], 'checks nothing: give it equals, oneOf, matches, notMatches, gt, gte, lt or lte');
  return { tests, ...(data.message !== undefined ? { message: data.message } : {}), ...(data.split !== undefined ? { split: data.split } : {}), ...(each ? { each } : {}) };
}

function comparison(key: Comparison, operand: number | string, as: QuantityKind | undefined, at: readonly (string | number)[], complain: Complain): ValueTest {
  const quantity = operandOf(operand, as);
  if (!quantity) complain(at, `is ${JSON.stringify(operand)}, which is no ${as ?? 'number, duration or size'}`);
  const { kind, amount } = quantity!;
  const [words, holds] = COMPARISONS[key];
  return {
    expected: `${words} ${operand}`,
    test: (value) => {
      const read = quantityOf(kind, value);
      return read === undefined ? { unreadable: kind } : holds(read, amount);
    },
  };
}

/** The items `each` checks in a text: the parts between separators, trimmed, blanks left out; the text itself without `split`. */
export function splitItems(text: Text, split: string | undefined): Text[] {
  if (split === undefined || split === '') return [text];
  const items: Text[] = [];
  let start = 0;
  for (;;) {
    const end = text.value.indexOf(split, start);
    const part = text.value.slice(start, end === -1 ? undefined : end);
    const lead = part.length - part.trimStart().length;
    const trimmed = part.trim();
    if (trimmed !== '') items.push(text.slice(start + lead, start + lead + trimmed.length));
    if (end === -1) return items;
    start = end + split.length;
  }
}
