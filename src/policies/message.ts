import { parseConnectionUrl } from '../model/client-credentials.js';
import type { SecretTests } from '../model/secret-names.js';
import type { Text } from '../model/text.js';
import type { Complain } from './check.js';
import type { Failure, Problem } from './condition.js';

/** What `{{value}}` shows instead of a value that could be a secret. */
export const SECRET_WORD = '(secret)';

const PLACEHOLDERS = ['service', 'path', 'value', 'expected'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Checks a message template's placeholders when the policy is compiled. */
export function checkTemplate(template: string | undefined, at: readonly (string | number)[], complain: Complain): void {
  for (const m of template?.matchAll(PLACEHOLDER) ?? []) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) complain(at, `has the placeholder {{${m[1]}}}; the placeholders are ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
  }
}

/**
 * The part of a value that could be a secret: the whole value of a key that names a secret (and no
 * allowlist exempts), or the password of a connection URL. Undefined when nothing in it could be.
 */
export function secretOf(failure: Failure, secrets: SecretTests): Text | undefined {
  const { value, name } = failure;
  if (!value) return undefined;
  // A key that names a secret hides its value whatever it looks like (a short password is one too).
  if (name !== undefined && secrets.name(name) && value.value !== '') return value;
  const password = parseConnectionUrl(value)?.password;
  return password && secrets.value(password.value) ? password : undefined;
}

/** The finding's message: the condition's or policy's template filled in, else one made from the failure. */
export function messageOf(failure: Failure, service: string, template: string | undefined, secret: boolean): string {
  const value = failure.value === undefined ? '' : secret ? SECRET_WORD : failure.value.value;
  const fills: Record<Placeholder, string> = { service, path: failure.path, value, expected: failure.expected };
  const chosen = failure.message ?? template;
  if (chosen !== undefined) return chosen.replace(PLACEHOLDER, (whole, name: string) => fills[name as Placeholder] ?? whole);
  return `service "${service}": ${failure.path} ${said(failure.problem, value)}; the policy wants ${failure.expected}`;
}

/** What the value is, in words. */
function said(problem: Problem, value: string): string {
  const shown = value === '' ? 'empty' : value;
  switch (problem.kind) {
    case 'absent':
      return 'is not set';
    case 'present':
      return 'is set';
    case 'value':
      return `is ${shown}`;
    case 'unreadable':
      return `is ${shown}, which is no ${problem.as}`;
    case 'shape':
      return `is ${problem.shape}`;
  }
}
