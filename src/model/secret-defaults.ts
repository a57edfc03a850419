import { variableExpressions, type VariableExpression } from './interpolate.js';
import type { SecretTests } from './secret-names.js';
import { rawText, type Text } from './text.js';
import type { YScalar } from '../parse/tree.js';

/** `KEY=` at the start of a list item (`- DB_PASSWORD=${DB_PASSWORD:-x}`): the name the value is for. */
const ASSIGNMENT = /^\s*([A-Za-z_][\w.-]*)=/;

/**
 * The defaults written for secret variables in one scalar: the expression, the name that makes it
 * secret, and its default. `secrets` (the project policy's `secretTests`) says which names and values are secrets.
 */
export function secretDefaults(raw: string, key: string | undefined, secrets: SecretTests): { expression: VariableExpression; secretBy: string }[] {
  const assigned = key === undefined ? ASSIGNMENT.exec(raw) : null;
  const owner = key ?? assigned?.[1];
  const valueStart = assigned ? assigned[0].length : 0;
  const all = variableExpressions(raw);
  const found: { expression: VariableExpression; secretBy: string }[] = [];
  for (const expression of all) {
    if (expression.operator !== ':-' && expression.operator !== '-') continue;
    // Secret by its own name, by an expression it is the default of (`${DB_PASSWORD:-${FALLBACK:-x}}`),
    // or by the key whose whole value it is (`MYSQL_ROOT_PASSWORD: ${ROOT:-x}`).
    const enclosing = all.filter((outer) => outer !== expression && outer.wordStart <= expression.start && expression.end <= outer.wordEnd);
    const whole = expression.start === valueStart && expression.end === raw.length;
    const secretBy = [expression, ...enclosing].map((e) => e.name).find(secrets.name) ?? (whole && owner !== undefined && secrets.name(owner) ? owner : undefined);
    if (secretBy === undefined) continue;
    // What the default writes itself: nested expressions and `$$` are not literal secrets.
    const nested = all.filter((inner) => inner !== expression && expression.wordStart <= inner.start && inner.end <= expression.wordEnd);
    let literal = raw.slice(expression.wordStart, expression.wordEnd);
    for (const inner of [...nested].reverse()) {
      literal = literal.slice(0, inner.start - expression.wordStart) + literal.slice(inner.end - expression.wordStart);
    }
    if (secrets.value(literal.replaceAll('$$', ''))) found.push({ expression, secretBy });
  }
  return found;
}

/**
 * The literal defaults of secret variables written in a scalar (`${DB_PASSWORD:-changeme}` →
 * `changeme`), as texts of the file; `key` is the mapping key the scalar is the value of.
 */
export function secretDefaultTexts(node: YScalar, key: string | undefined, secrets: SecretTests): Text[] {
  const raw = rawText(node);
  if (!raw.value.includes('${')) return [];
  return secretDefaults(raw.value, key, secrets).map(({ expression }) => raw.slice(expression.wordStart, expression.wordEnd));
}
