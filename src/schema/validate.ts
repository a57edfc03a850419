import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CORE_SCHEMA } from '../findings/core.js';
import type { Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { PACKAGE_ROOT } from '../package-info.js';
import type { Origin } from '../parse/position.js';
import { isMap, toJS, type YNode } from '../parse/tree.js';
import { describePath, nodeAt, type PathSegment } from './paths.js';
import { suggest } from './suggest.js';

/** An Ajv error as the precompiled validator reports it. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type ValidateFn = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

let validator: ValidateFn | undefined;

/** The precompiled compose-spec validator, loaded once per process. */
function composeValidator(): ValidateFn {
  validator ??= createRequire(import.meta.url)('./generated/compose-spec.validate.cjs') as ValidateFn;
  return validator;
}

let schemaJson: Record<string, unknown> | undefined;
function composeSchema(): Record<string, unknown> {
  schemaJson ??= JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/compose-spec/compose-spec.json'), 'utf8')) as Record<string, unknown>;
  return schemaJson;
}

/**
 * Validates a compose document against the compose-spec schema. Every problem is reported once,
 * at the key or value it is about, in words: Ajv's combinator noise is collapsed first.
 */
export function validateCompose(root: YNode, file: SourceFile): Finding[] {
  const validate = composeValidator();
  const data = toJS(root);
  if (validate(data)) return [];
  const errors = collapse(validate.errors ?? []);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const error of errors) {
    const problem = explain(error, root, data);
    const key = `${problem.origin.range.start.line}:${problem.origin.range.start.column}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ruleId: CORE_SCHEMA.id, severity: 'error', message: problem.message, file: file.name, range: problem.origin.range, related: [] });
  }
  return findings;
}

function segmentsOf(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}

/**
 * Ajv reports a failed `oneOf`/`anyOf` after the errors of each branch. Replace each such group
 * with what matters: if some branch matched the value's type and failed deeper, only its errors;
 * if every branch failed on the type alone, one error listing the accepted types.
 */
export function collapse(errors: readonly SchemaError[]): SchemaError[] {
  const out: SchemaError[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') {
      out.push(error);
      continue;
    }
    let start = out.length;
    while (start > 0 && within(out[start - 1]!.instancePath, error.instancePath)) start--;
    const branch = out.splice(start);
    if (branch.length === 0) {
      out.push(error);
      continue;
    }
    const typeErrors = branch.filter((e) => e.keyword === 'type' && e.instancePath === error.instancePath);
    const rest = branch.filter((e) => !typeErrors.includes(e));
    if (rest.length > 0) out.push(...rest);
    else {
      const types = [...new Set(typeErrors.flatMap((e) => String(e.params.type).split(',')))];
      out.push({ ...error, keyword: 'type', params: { type: types.join(',') } });
    }
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

function typeWords(types: string): string {
  const words = [...new Set(types.split(',').map((t) => TYPE_WORDS[t] ?? t))];
  return words.length <= 1 ? words[0] ?? types : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

interface Problem {
  message: string;
  origin: Origin;
}

/** Where an error points: a scalar value itself; a collection by its key, which is one line. */
function placeOf(root: YNode, segments: readonly PathSegment[]): Origin {
  const found = nodeAt(root, segments);
  if (found.node.kind === 'scalar' || !found.key) return found.node.origin;
  return found.key.origin;
}

function explain(error: SchemaError, root: YNode, data: unknown): Problem {
  const segments = segmentsOf(error.instancePath);
  const subject = describePath(segments);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const container = nodeAt(root, segments).node;
      const entry = isMap(container) ? container.index.get(key) : undefined;
      const origin = entry ? entry.key.origin : placeOf(root, segments);
      const allowed = allowedKeys(segments, data);
      if (allowed.length === 0) return { message: `"${key}" is not a valid name in ${subject}`, origin };
      const hint = suggest(key, allowed);
      return { message: `unknown key "${key}" in ${subject}${hint ? ` (did you mean "${hint}"?)` : ''}`, origin };
    }
    case 'type':
      return { message: `${capitalize(subject)} must be ${typeWords(String(error.params.type))}`, origin: placeOf(root, segments) };
    case 'enum':
      return { message: `${capitalize(subject)} must be one of ${quoteList(error.params.allowedValues as unknown[])}`, origin: placeOf(root, segments) };
    case 'const':
      return { message: `${capitalize(subject)} must be ${JSON.stringify(error.params.allowedValue)}`, origin: placeOf(root, segments) };
    case 'required': {
      const missing = String(error.params.missingProperty);
      return { message: `${capitalize(subject)} needs "${missing}"`, origin: placeOf(root, segments) };
    }
    case 'uniqueItems': {
      const j = Number(error.params.j);
      const i = Number(error.params.i);
      return { message: `${capitalize(subject)} lists the same value twice (items ${j + 1} and ${i + 1})`, origin: placeOf(root, [...segments, i]) };
    }
    case 'pattern':
      return { message: `${capitalize(subject)} must match the pattern ${String(error.params.pattern)}`, origin: placeOf(root, segments) };
    case 'minItems':
    case 'minProperties':
      return { message: `${capitalize(subject)} must not be empty`, origin: placeOf(root, segments) };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `${capitalize(subject)} must be ${error.keyword.includes('inimum') ? 'at least' : 'at most'} ${String(error.params.limit)}`, origin: placeOf(root, segments) };
    case 'not':
      return { message: `${capitalize(subject)} is not allowed here`, origin: placeOf(root, segments) };
    case 'oneOf':
      return { message: `${capitalize(subject)} matches more than one of its allowed forms`, origin: placeOf(root, segments) };
    case 'dependencies':
    case 'dependentRequired':
      return { message: `${capitalize(subject)} needs "${String(error.params.missingProperty)}" when "${String(error.params.property)}" is set`, origin: placeOf(root, segments) };
    default:
      return { message: `${capitalize(subject)} is invalid (${error.keyword})`, origin: placeOf(root, segments) };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type SchemaObject = Record<string, unknown>;

/** The keys the schema allows at an object location, following refs and picking object branches. */
function allowedKeys(segments: readonly PathSegment[], data: unknown): string[] {
  const root = composeSchema();
  const deref = (schema: SchemaObject | undefined): SchemaObject | undefined => {
    let s = schema;
    for (let guard = 0; s && typeof s.$ref === 'string' && guard < 20; guard++) {
      const ref = s.$ref as string;
      s = ref.startsWith('#/') ? (ref.slice(2).split('/').reduce<unknown>((o, k) => (o as SchemaObject | undefined)?.[k], root) as SchemaObject | undefined) : undefined;
    }
    return s;
  };
  const objectBranch = (schema: SchemaObject | undefined): SchemaObject | undefined => {
    const s = deref(schema);
    if (!s) return undefined;
    if (s.properties || s.patternProperties || s.additionalProperties !== undefined) return s;
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      for (const branch of (s[key] as SchemaObject[] | undefined) ?? []) {
        const found = objectBranch(branch);
        if (found && (found.type === 'object' || found.properties)) return found;
      }
    }
    return s;
  };
  let schema = objectBranch(root);
  let value = data;
  for (const segment of segments) {
    if (!schema) return [];
    if (typeof segment === 'number') {
      schema = objectBranch(schema.items as SchemaObject | undefined);
      value = Array.isArray(value) ? value[segment] : undefined;
      continue;
    }
    const props = schema.properties as Record<string, SchemaObject> | undefined;
    let next = props?.[segment];
    if (!next) {
      const patterns = (schema.patternProperties as Record<string, SchemaObject> | undefined) ?? {};
      for (const [pattern, sub] of Object.entries(patterns)) if (new RegExp(pattern, 'u').test(segment)) next = sub;
    }
    schema = objectBranch(next);
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return Object.keys((schema?.properties as object | undefined) ?? {});
}

