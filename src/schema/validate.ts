import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA } from '../findings/core.js';
import type { Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { PACKAGE_ROOT } from '../package-info.js';
import { FILE_START, type Origin } from '../parse/position.js';
import { isMap, toJS, type YNode } from '../parse/tree.js';
import { describePath, nodeAt, TOP_LEVEL_KINDS, type PathSegment } from './paths.js';
import { precompiledValidator } from './precompiled.js';
import { suggest } from './suggest.js';

/** An Ajv error as the precompiled validator reports it. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

let schemaJson: Record<string, unknown> | undefined;
function composeSchema(): Record<string, unknown> {
  schemaJson ??= JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/compose-spec/compose-spec.json'), 'utf8')) as Record<string, unknown>;
  return schemaJson;
}

/** A file with nothing but blank lines, comments and document markers. */
function isBlank(text: string): boolean {
  return text.split('\n').every((line) => /^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*(#.*)?$/.test(line));
}

/**
 * Validates a compose document against the compose-spec schema. Every problem is reported once,
 * at the key or value it is about, in words: Ajv's combinator noise is collapsed first. Messages
 * name keys and what the schema allows, never the value found (it may be a secret).
 */
export function validateCompose(root: YNode, file: SourceFile): Finding[] {
  if (root.kind === 'scalar' && root.value === null && isBlank(file.text)) {
    const message = 'the file is empty (or holds only comments); Compose rejects an empty compose file';
    return [{ ruleId: CORE_SCHEMA.id, severity: 'error', message, file: file.name, range: FILE_START, related: [] }];
  }
  const validate = precompiledValidator('compose-spec');
  const data = toJS(root);
  if (validate(data)) return [];
  const errors = collapse(validate.errors ?? []);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const error of errors) {
    const problem = explain(error, root);
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

function typesOf(error: SchemaError): string[] {
  const type = error.params.type;
  return Array.isArray(type) ? type.map(String) : String(type).split(',');
}

/**
 * Ajv reports a failed `oneOf`/`anyOf` after the errors of each of its branches, which all sit at
 * the combinator's value or below it. Each such group becomes what matters to a person:
 *
 * - a branch whose `type` does not match the value is dropped whole, with the `enum` or `const`
 *   that Ajv also checks against the wrong type (`gpus: 5` is not "must be one of all");
 * - if some branch had the value's type and failed deeper, only its errors remain
 *   (`environment: [A=1, [x]]` is one error at the second item);
 * - if every branch failed on the type alone, one error lists the accepted types
 *   (`environment: 5` "must be a mapping or a list").
 *
 * Groups nest: an inner combinator is collapsed before the one around it sees its errors.
 */
export function collapse(errors: readonly SchemaError[]): SchemaError[] {
  const out: SchemaError[] = [];
  for (const error of withoutMootChecks(errors)) {
    if (error.keyword === 'if') continue;
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') {
      out.push(error);
      continue;
    }
    let start = out.length;
    while (start > 0 && within(out[start - 1]!.instancePath, error.instancePath)) start--;
    const group = out.splice(start);
    if (group.length === 0) {
      out.push(error);
      continue;
    }
    const typeErrors = group.filter((e) => e.keyword === 'type' && e.instancePath === error.instancePath);
    // The schema of each branch whose type check failed: everything Ajv says under it is moot.
    const wrongType = typeErrors.map((e) => e.schemaPath.replace(/\/type$/, '/'));
    // Only at the combinator's own value: Ajv never looks inside a value of the wrong type, and deeper
    // errors may come from a shared `$ref` whose schema path looks the same.
    const moot = (e: SchemaError) => e.instancePath === error.instancePath && wrongType.some((prefix) => e.schemaPath.startsWith(prefix));
    const rest = group.filter((e) => !typeErrors.includes(e) && !moot(e));
    if (rest.length > 0) out.push(...rest);
    else {
      const types = [...new Set(typeErrors.flatMap(typesOf))];
      out.push({ ...error, keyword: 'type', params: { type: types } });
    }
  }
  return out;
}

/**
 * Leaves out what Ajv checks against a value whose type its schema already rejected: `cgroup: 5`
 * is "must be a string", not also "must be one of host, private".
 */
function withoutMootChecks(errors: readonly SchemaError[]): SchemaError[] {
  const failedTypes = new Set(errors.filter((e) => e.keyword === 'type').map((e) => `${e.instancePath}#${e.schemaPath.replace(/\/type$/, '')}`));
  return errors.filter((e) => {
    if (e.keyword === 'type' || e.keyword === 'oneOf' || e.keyword === 'anyOf') return true;
    return !failedTypes.has(`${e.instancePath}#${e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'))}`);
  });
}

const TYPE_ORDER = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];
const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'a boolean',
  null: 'empty',
};

/** `a mapping or a list`; a single `boolean` reads `true or false`. */
function typeWords(types: readonly string[]): string {
  const known = [...new Set(types)].sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
  // A whole number is a number: say "a number" once when both are allowed.
  const shown = known.includes('number') ? known.filter((t) => t !== 'integer') : known;
  if (shown.length === 1 && shown[0] === 'boolean') return 'true or false';
  const words = shown.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? 'valid') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

interface Problem {
  message: string;
  origin: Origin;
}

/**
 * Where an error about a value points: the value itself when it sits on one line; a value over
 * several lines (a block mapping or list) or an empty value by the key that names it.
 */
function placeOf(root: YNode, segments: readonly PathSegment[]): Origin {
  const found = nodeAt(root, segments);
  const { range } = found.node.origin;
  const empty = range.start.line === range.end.line && range.start.column === range.end.column;
  if (found.key && (empty || range.start.line !== range.end.line)) return found.key.origin;
  return found.node.origin;
}

function isEmptyValue(root: YNode, segments: readonly PathSegment[]): boolean {
  const found = nodeAt(root, segments);
  return found.node.kind === 'scalar' && found.node.value === null;
}

function explain(error: SchemaError, root: YNode): Problem {
  const segments = segmentsOf(error.instancePath);
  const subject = describePath(segments);
  const at = () => placeOf(root, segments);
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(String(error.params.additionalProperty), segments, subject, root);
    case 'type': {
      const types = typeWords(typesOf(error));
      if (isEmptyValue(root, segments)) return { message: `${subject} is empty; it must be ${types}`, origin: at() };
      return { message: `${subject} must be ${types}`, origin: at() };
    }
    case 'enum':
      return { message: `${subject} must be one of ${quoteList(error.params.allowedValues as unknown[])}`, origin: at() };
    case 'const':
      return { message: `${subject} must be ${JSON.stringify(error.params.allowedValue)}`, origin: at() };
    case 'required':
      return { message: `${subject} is missing the required key "${String(error.params.missingProperty)}"`, origin: at() };
    case 'uniqueItems': {
      const first = Math.min(Number(error.params.i), Number(error.params.j));
      const repeat = Math.max(Number(error.params.i), Number(error.params.j));
      return { message: `${subject} lists the same value twice (items ${first + 1} and ${repeat + 1})`, origin: placeOf(root, [...segments, repeat]) };
    }
    case 'pattern':
      return { message: `${subject} must match the pattern ${String(error.params.pattern)}`, origin: at() };
    case 'minItems':
    case 'minProperties':
      return { message: `${subject} must not be empty`, origin: at() };
    case 'maxItems':
    case 'maxProperties':
      return { message: `${subject} has more than ${String(error.params.limit)} items`, origin: at() };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[error.keyword];
      return { message: `${subject} must be ${bound} ${String(error.params.limit)}`, origin: at() };
    }
    case 'not':
      return { message: `${subject} is not allowed here`, origin: at() };
    case 'oneOf':
      return { message: `${subject} matches more than one of its allowed forms`, origin: at() };
    case 'dependencies':
    case 'dependentRequired':
      return { message: `${subject} needs "${String(error.params.missingProperty)}" when "${String(error.params.property)}" is set`, origin: at() };
    default:
      return { message: `${subject} is not valid (${error.keyword})`, origin: at() };
  }
}

/** A key the schema does not allow, at the key: with the closest allowed key, or the naming rule for names. */
function unknownKey(key: string, segments: readonly PathSegment[], subject: string, root: YNode): Problem {
  const container = nodeAt(root, segments).node;
  const entry = isMap(container) ? container.index.get(key) : undefined;
  const origin = entry ? entry.key.origin : placeOf(root, segments);
  const schema = objectSchemaAt(segments);
  const allowed = Object.keys((schema?.properties as object | undefined) ?? {});
  if (allowed.length === 0) {
    const patterns = Object.keys((schema?.patternProperties as object | undefined) ?? {}).filter((p) => p !== '^x-');
    const kind = segments.length === 1 ? TOP_LEVEL_KINDS[String(segments[0])] : undefined;
    const what = kind ? `a valid ${kind} name` : `a valid key in ${subject}`;
    const rule = patterns.length === 1 ? ` (names must match ${patterns[0]})` : '';
    return { message: `"${key}" is not ${what}${rule}`, origin };
  }
  const hint = suggest(key, allowed);
  return { message: `unknown key "${key}" in ${subject}${hint ? ` (did you mean "${hint}"?)` : ''}`, origin };
}

type SchemaObject = Record<string, unknown>;

/** The object schema that applies at a path, following `$ref`s and, in a `oneOf`, the branch that fits the path. */
function objectSchemaAt(segments: readonly PathSegment[]): SchemaObject | undefined {
  const root = composeSchema();
  const deref = (schema: SchemaObject | undefined): SchemaObject | undefined => {
    let s = schema;
    for (let guard = 0; s && typeof s.$ref === 'string' && guard < 20; guard++) {
      const ref = s.$ref as string;
      s = ref.startsWith('#/') ? (ref.slice(2).split('/').reduce<unknown>((o, k) => (o as SchemaObject | undefined)?.[k], root) as SchemaObject | undefined) : undefined;
    }
    return s;
  };
  /** The schema itself, or the first branch of its combinators, that satisfies `fits`. */
  const branch = (schema: SchemaObject | undefined, fits: (s: SchemaObject) => boolean): SchemaObject | undefined => {
    const s = deref(schema);
    if (!s) return undefined;
    if (fits(s)) return s;
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      for (const option of (s[key] as SchemaObject[] | undefined) ?? []) {
        const found = branch(option, fits);
        if (found) return found;
      }
    }
    return undefined;
  };
  const isObject = (s: SchemaObject) => s.properties !== undefined || s.patternProperties !== undefined || s.additionalProperties !== undefined;
  const isArray = (s: SchemaObject) => s.items !== undefined;
  let schema: SchemaObject | undefined = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      schema = branch(schema, isArray)?.items as SchemaObject | undefined;
      continue;
    }
    const object = branch(schema, isObject);
    let next = (object?.properties as Record<string, SchemaObject> | undefined)?.[segment];
    if (!next) {
      const patterns = (object?.patternProperties as Record<string, SchemaObject> | undefined) ?? {};
      for (const [pattern, sub] of Object.entries(patterns)) if (new RegExp(pattern, 'u').test(segment)) next = sub;
    }
    schema = next;
  }
  return branch(schema, isObject);
}
