import { parseDocument } from 'yaml';

/**
 * Writing values as YAML text: scalars in the style a fix keeps (plain when it reads back the same,
 * else quoted), and new values (a key's mapping or list) as block or flow collections.
 */

/** A line of YAML written as it is (`[ALL]`), for a value whose form the fix chooses itself. */
export class RawYaml {
  constructor(readonly raw: string) {}
}

export function raw(text: string): RawYaml {
  return new RawYaml(text);
}

export type YamlScalarValue = string | number | boolean | null;
export type YamlValue = YamlScalarValue | RawYaml | readonly YamlValue[] | { readonly [key: string]: YamlValue };

export type QuoteStyle = 'plain' | 'single' | 'double';

/** The words YAML 1.1 readers (Compose's older ones among them) take for booleans or null: kept quoted. */
const YAML11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|~)$/;
/**
 * Digits and colons: YAML 1.1 reads some as base-60 numbers (`22:22` is 1342), so a port mapping is
 * written quoted, as Compose's documentation asks.
 */
const SEXAGESIMAL = /^[-+]?\d[\d_]*(?::\d+)+(?:\.\d*)?$/;

/** True when `text` written plain reads back as this string, in a block and in a flow collection alike. */
export function plainSafe(text: string): boolean {
  if (text === '' || text !== text.trim() || /[\u0000-\u001f\u007f,[\]{}]|: | #|:$/.test(text)) return false;
  if (YAML11_WORDS.test(text) || SEXAGESIMAL.test(text)) return false;
  const doc = parseDocument(`k: ${text}`);
  return doc.errors.length === 0 && doc.warnings.length === 0 && doc.get('k') === text;
}

/** A string in quotes: double quotes as JSON writes them (every JSON string is a YAML one). */
export function quoted(text: string, style: 'single' | 'double'): string {
  if (style === 'single' && !/[\u0000-\u001f\u007f]/.test(text)) return `'${text.replace(/'/g, "''")}'`;
  return JSON.stringify(text);
}

/**
 * A scalar as YAML text. A string is written in `style` when it can be and reads back as the same
 * string (a plain one that would read as a number, a boolean or null, or break the syntax, is quoted,
 * in double quotes); numbers, booleans and null are written plain.
 */
export function formatScalar(value: YamlScalarValue, style: QuoteStyle = 'plain'): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (style === 'plain') return plainSafe(value) ? value : quoted(value, 'double');
  return quoted(value, style);
}

/** A compose value whose `$` Compose must not interpolate: `$` is written `$$`. */
export function composeLiteral(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

/** How block collections are laid out in a file. */
export interface BlockLayout {
  /** Spaces a nested mapping is indented by. */
  step: number;
  /** Spaces a list's `-` is indented by under its key: 0 (`key:\n- a`) or the step. */
  seqIndent: number;
}

function isScalarValue(value: YamlValue): value is YamlScalarValue {
  return value === null || typeof value !== 'object';
}

/** A value on one line: a scalar, raw YAML, or a flow collection. */
export function flowValue(value: YamlValue): string {
  if (isScalarValue(value)) return formatScalar(value);
  if (value instanceof RawYaml) return value.raw;
  if (Array.isArray(value)) return `[${(value as readonly YamlValue[]).map(flowValue).join(', ')}]`;
  return `{${Object.entries(value).map(([key, item]) => `${formatScalar(key)}: ${flowValue(item)}`).join(', ')}}`;
}

/** True for a value written on its own lines below its key (a non-empty list or mapping). */
function isBlock(value: YamlValue): boolean {
  if (isScalarValue(value) || value instanceof RawYaml) return false;
  return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
}

/**
 * `key: value` at `indent` spaces (the first line without them: the caller puts it where it goes),
 * a list or mapping below it, each level one layout step in. Lines are joined with `\n`.
 */
export function blockEntry(key: string, value: YamlValue, indent: number, layout: BlockLayout): string {
  const head = `${formatScalar(key)}:`;
  if (!isBlock(value)) return `${head} ${flowValue(value)}`;
  const inner = Array.isArray(value) ? indent + layout.seqIndent : indent + layout.step;
  return `${head}\n${' '.repeat(inner)}${blockBody(value, inner, layout)}`;
}

/** A list item's text after `- `, at an item indent of `indent` spaces (the dash's column). */
export function blockItem(value: YamlValue, indent: number, layout: BlockLayout): string {
  return isBlock(value) ? blockBody(value, indent + 2, layout) : flowValue(value);
}

/** The lines of a block list or mapping whose first line starts at `indent` (its indent not written). */
function blockBody(value: YamlValue, indent: number, layout: BlockLayout): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) return (value as readonly YamlValue[]).map((item) => `- ${blockItem(item, indent, layout)}`).join(`\n${pad}`);
  return Object.entries(value as { [key: string]: YamlValue }).map(([key, item]) => blockEntry(key, item, indent, layout)).join(`\n${pad}`);
}
