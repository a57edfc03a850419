import type { YEntry, YMap, YNode, YScalar, YSeq } from '../parse/tree.js';
import { keyText } from '../parse/tree.js';
import { Text } from '../model/text.js';
import type { FixSources, FixText, Located } from './sources.js';
import { edits, refuse, type EditResult, type TextEdit } from './types.js';
import { blockLayout, collectionText, where, type CollectionText } from './yaml-layout.js';
import { blockEntry, blockItem, flowValue, formatScalar, plainSafe, quoted, type YamlScalarValue, type YamlValue } from './yaml-values.js';

/**
 * Edits of compose YAML made on the tree: each builder takes nodes of the effective model, whose
 * origins name the file and exact range they were written at, and changes only the span it must.
 * Comments, anchors, key order, quoting, indentation and line endings around it stay as they are.
 * A node pulled in through an alias is edited at the anchored text (every alias of it changes too).
 * A builder refuses (`{ refused }`) rather than guess: a value made by `${VAR}` interpolation, a
 * collection written in another form than the model's, a file that is not among the sources.
 */

/** A `$` that starts a variable expression (`$$` is a literal `$`). */
function hasVariable(written: string): boolean {
  return /\$(?:\{|[A-Za-z_])/.test(written.replace(/\$\$/g, ''));
}

/** A scalar's file text and offsets, when the file holds it as the tree says. */
function scalarAt(node: YScalar, sources: FixSources): Located | string {
  const origin = node.sliceOf ? Text.of(node).origin : node.origin;
  const at = sources.locate(origin);
  if (typeof at === 'string') return at;
  const style = node.sliceOf?.scalar.style ?? node.style;
  const open = at.text.text[at.start];
  if (!node.sliceOf && ((style === 'single' && open !== "'") || (style === 'double' && open !== '"'))) return `the value at ${where(node)} is not written there as the tree says`;
  if (node.sliceOf) {
    const whole = node.sliceOf.scalar.origin.range;
    const fallback = whole.start.line === origin.range.start.line && whole.start.column === origin.range.start.column && whole.end.column === origin.range.end.column;
    if (fallback && Text.of(node).value !== Text.of(node.sliceOf.scalar).value) return `the part of the value at ${where(node)} cannot be located exactly`;
  }
  return at;
}

/**
 * Sets a scalar's value, keeping its quoting when the new value allows it: a plain value that would
 * read as something else is quoted, a block scalar becomes a one-line one. A part of a list item
 * (`A=1`) is written in the item's own quoting. Refused when the value is interpolated from a
 * variable. No edit when the value is already this one.
 */
export function setScalar(node: YScalar, value: YamlScalarValue, sources: FixSources): EditResult {
  return writeScalar(node, value, sources, true);
}

function writeScalar(node: YScalar, value: YamlScalarValue, sources: FixSources, interpolated: boolean): EditResult {
  if (node.value === value && !node.sliceOf) return edits();
  const at = scalarAt(node, sources);
  if (typeof at === 'string') return refuse(at);
  const { text, start, end } = at;
  if (interpolated && hasVariable(text.text.slice(start, end))) return refuse(`the value at ${where(node)} comes from a variable; set it where the variable is defined`);
  if (node.sliceOf) return setSlice(node, value, at);
  if (start === end) return edits(besideKey(text, start, end, formatScalar(value)));
  const style = node.style === 'block' ? 'plain' : node.style;
  return edits(text.edit(start, end, typeof value === 'string' ? formatScalar(value, style) : formatScalar(value)));
}

/** A one-line value in place of an empty one (`key:`, `key: # why`): a blank between it and the colon, and before a comment. */
function besideKey(text: FixText, start: number, end: number, value: string): TextEdit {
  const before = /\s/.test(text.text[start - 1] ?? ' ') ? '' : ' ';
  const after = start === end && !/\s/.test(text.text[start] ?? '\n') ? ' ' : '';
  return text.edit(start, end, `${before}${value}${after}`);
}

/** Writes part of a scalar, in the quoting of the scalar it is part of. */
function setSlice(node: YScalar, value: YamlScalarValue, at: Located): EditResult {
  const written = value === null ? '' : String(value);
  if (Text.of(node).value === written) return edits();
  const style = node.sliceOf!.scalar.style;
  let out: string;
  if (style === 'single') out = quoted(written, 'single').slice(1, -1);
  else if (style === 'double') out = quoted(written, 'double').slice(1, -1);
  else if (style === 'plain' && (written === '' || plainSafe(`x${written}x`))) out = written;
  else return refuse(`the new value cannot be written inside the value at ${where(node)} without changing its quoting`);
  return edits(at.text.edit(at.start, at.end, out));
}

/** Renames a mapping key, keeping its quoting. Keys are never interpolated. The caller checks the mapping has no key of that name. */
export function renameKey(entry: YEntry, newKey: string, sources: FixSources): EditResult {
  return writeScalar(entry.key, newKey, sources, false);
}

/**
 * Adds `key: value` at the end of a mapping: in a block mapping on a new line at its keys' indent,
 * after the last entry's line (and its comment), a list or mapping value below it as the file lays
 * out blocks; in a flow mapping `, key: value` before the `}` (`{key: value}` in an empty one).
 * Refused when the mapping has the key (see `ensureMapEntry`).
 */
export function addMapEntry(map: YMap, key: string, value: YamlValue, sources: FixSources): EditResult {
  if (map.index.has(key)) return refuse(`the mapping at ${where(map)} already has "${key}"`);
  const at = collectionText(map, sources);
  if (typeof at === 'string') return refuse(at);
  if (at.flow) return insertFlow(at, `${formatScalar(key)}: ${flowValue(value)}`);
  const indent = at.start - at.text.lineStart(at.start);
  return insertBlockLine(at, indent, blockEntry(key, value, indent, blockLayout(at.text)));
}

/**
 * Sets an entry's value: a scalar as `setScalar` does; a list or mapping only in place of an empty
 * value (`environment:`, `key: ~`), written below the key (after a comment on its line), one layout
 * step in. An entry that has a value is refused: fixes add to it instead.
 */
export function setEntryValue(entry: YEntry, value: YamlValue, sources: FixSources): EditResult {
  const current = entry.value;
  if (current.kind === 'scalar' && (value === null || typeof value !== 'object')) return setScalar(current, value, sources);
  if (current.kind !== 'scalar' || current.value !== null) return refuse(`"${keyText(entry.key)}" at ${where(entry.key)} already has a value`);
  const key = sources.locate(entry.key.origin);
  const empty = scalarAt(current, sources);
  if (typeof key === 'string') return refuse(key);
  if (typeof empty === 'string' || empty.text !== key.text) return refuse(`the value of "${keyText(entry.key)}" at ${where(entry.key)} is not written beside its key`);
  const { text } = key;
  const indent = key.start - text.lineStart(key.start);
  const below = blockEntry(keyText(entry.key), value, indent, blockLayout(text)).slice(formatScalar(keyText(entry.key)).length + 1);
  const point = text.lineEnd(Math.max(key.end, empty.end));
  if (!below.startsWith('\n')) return edits(besideKey(text, empty.start, empty.end, below.trimStart()));
  const out = [text.edit(point, point, below)];
  // An explicit null (`~`, `null`) goes, with the blanks before it; the key's colon stays.
  let from = empty.start;
  while (empty.start !== empty.end && text.text[from - 1] === ' ') from--;
  if (empty.start !== empty.end) out.unshift(text.edit(from, empty.end, ''));
  return edits(...out);
}

/** Appends an item to a list: a `- item` line at its items' indent, or `, item` before a flow list's `]`. */
export function appendSeqItem(seq: YSeq, item: YamlValue, sources: FixSources): EditResult {
  const at = collectionText(seq, sources);
  if (typeof at === 'string') return refuse(at);
  if (at.flow) return insertFlow(at, flowValue(item));
  const indent = at.start - at.text.lineStart(at.start);
  return insertBlockLine(at, indent, `- ${blockItem(item, indent, blockLayout(at.text))}`);
}

/** A new line after the block collection's last line (after a comment on it), at `indent`. */
function insertBlockLine(at: CollectionText, indent: number, line: string): EditResult {
  const point = at.text.lineEnd(at.end);
  return edits(at.text.insert(point, `\n${' '.repeat(indent)}${line}`));
}

/** Inserts an item into a flow collection before its closing bracket, on its own line when the items are on theirs. */
function insertFlow(at: CollectionText, item: string): EditResult {
  const source = at.text.text;
  const close = at.end - 1;
  let last = close - 1;
  while (last > at.start && /\s/.test(source[last]!)) last--;
  if (last === at.start) {
    // Empty: `[]` gets `[item]`, `[ ]` gets `[ item ]`.
    const pad = source.slice(at.start + 1, close).length > 0 ? ' ' : '';
    return edits(at.text.edit(at.start + 1, close, `${pad}${item}${pad}`));
  }
  const comma = source[last] === ',';
  const ownLine = at.text.lineStart(last) !== at.text.lineStart(close);
  if (ownLine) {
    const pad = ' '.repeat(at.text.indentAt(last));
    return edits(at.text.insert(last + 1, comma ? `\n${pad}${item},` : `,\n${pad}${item}`));
  }
  return edits(at.text.insert(last + 1, comma ? ` ${item},` : `, ${item}`));
}

/**
 * Sets `key` of a mapping to a scalar: no edit when it has that value, the value replaced when it has
 * another, the entry added when it is missing. What a fix that must be idempotent uses.
 */
export function ensureMapEntry(map: YMap, key: string, value: YamlScalarValue, sources: FixSources): EditResult {
  const entry = map.index.get(key);
  if (!entry) return addMapEntry(map, key, value, sources);
  if (entry.value.kind !== 'scalar') return refuse(`"${key}" at ${where(entry.key)} is not a single value`);
  return setScalar(entry.value, value, sources);
}

/** Appends a scalar item to a list unless it already holds it (compared as text: `80` is "80"). */
export function ensureSeqItem(seq: YSeq, item: YamlScalarValue, sources: FixSources): EditResult {
  const wanted = item === null ? '' : String(item);
  if (seq.items.some((node) => node.kind === 'scalar' && Text.of(node).value === wanted)) return edits();
  return appendSeqItem(seq, item, sources);
}

/**
 * Replaces a node (a list item written as a mapping, a flow collection) by a value written on one
 * line in its place. Comments inside the replaced span go with it; those after it stay.
 */
export function replaceNode(node: YNode, value: YamlValue, sources: FixSources): EditResult {
  if (node.kind === 'scalar' && (value === null || typeof value !== 'object')) return setScalar(node, value, sources);
  const at = sources.locate(node.origin);
  if (typeof at === 'string') return refuse(at);
  if (hasVariable(at.text.text.slice(at.start, at.end))) return refuse(`the value at ${where(node)} uses variables`);
  return edits(at.text.edit(at.start, at.end, flowValue(value)));
}

/**
 * Removes a mapping's entry: its key, its value and the comments inside its value's block (comment
 * lines right after it, indented deeper than the key, included). Comments above the key stay: they
 * may speak of more than this entry. In a flow mapping the entry and one comma go. No edit when the
 * mapping has no such key.
 */
export function removeMapEntry(map: YMap, key: string, sources: FixSources): EditResult {
  const entry = map.index.get(key);
  if (!entry) return edits();
  const at = collectionText(map, sources);
  // A flow mapping's entry may stand first on its line, like a block one: the mapping tells which.
  const flow = typeof at !== 'string' && at.flow && at.text.source.name === entry.key.origin.file;
  return removeEntry(entry, sources, flow);
}

/**
 * Removes one entry, found by its nodes alone: it may sit in another file than the mapping the model
 * merged it into. An entry first on its line is taken for a block one unless `flow` says otherwise.
 */
export function removeEntry(entry: YEntry, sources: FixSources, flow = false): EditResult {
  const at = sources.locate(entry.key.origin);
  if (typeof at === 'string') return refuse(at);
  const valueAt = sources.locate(entry.value.origin);
  const end = typeof valueAt !== 'string' && valueAt.text === at.text ? Math.max(at.end, valueAt.end) : at.end;
  const what = `"${keyText(entry.key)}" at ${where(entry.key)}`;
  const prefix = at.text.text.slice(at.text.lineStart(at.start), at.start);
  if (flow || !/^[ -]*$/.test(prefix)) return removeFlow(at.text, at.start, end, what);
  return prefix.trim() === '' ? removeLines(at.text, at.start, end) : removeFirstOfItem(at.text, at.start, end, what);
}

/** Removes a list item (block: its `-` line or lines; flow: the item and one comma). */
export function removeSeqItem(item: YNode, sources: FixSources): EditResult {
  const at = sources.locate(item.origin);
  if (typeof at === 'string') return refuse(at);
  const source = at.text.text;
  let dash = at.start - 1;
  while (dash >= 0 && source[dash] === ' ') dash--;
  const what = `the item at ${where(item)}`;
  if (source[dash] !== '-') return removeFlow(at.text, at.start, at.end, what);
  const prefix = source.slice(at.text.lineStart(dash), dash);
  return prefix.trim() === '' ? removeLines(at.text, dash, at.end) : removeFirstOfItem(at.text, dash, at.end, what);
}

/**
 * Removes the lines of text[start, end), which starts its line, and the comment lines below it indented
 * deeper. The line break before them goes, not the one after: an entry added after the last line left
 * (at its end) does not meet the removal.
 */
function removeLines(text: FixText, start: number, end: number): EditResult {
  const source = text.text;
  const lineStart = text.lineStart(start);
  const indent = start - lineStart;
  let last = end;
  for (let next = text.nextLine(end); next < source.length; next = text.nextLine(next)) {
    const line = /^( *)#/.exec(source.slice(next, text.lineEnd(next)));
    if (!line || line[1]!.length <= indent) break;
    last = next;
  }
  if (lineStart === 0) return edits(text.edit(0, text.nextLine(last), ''));
  const breakStart = source[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
  return edits(text.edit(breakStart, text.lineEnd(last), ''));
}

/** In a flow collection: the item and the comma after it, or the comma before it when it is the last. */
function removeFlow(text: FixText, start: number, end: number, what: string): EditResult {
  const source = text.text;
  let before = start - 1;
  while (before >= 0 && /\s/.test(source[before]!)) before--;
  if (source[before] !== '{' && source[before] !== '[' && source[before] !== ',') return refuse(`${what} is not where a flow collection's item would be`);
  let after = end;
  while (after < source.length && /\s/.test(source[after]!)) after++;
  if (source[after] === ',') {
    let next = after + 1;
    while (next < source.length && /\s/.test(source[next]!)) next++;
    return edits(text.edit(start, next, ''));
  }
  if (source[before] === ',') return edits(text.edit(before, end, ''));
  // The only item: the collection is left empty, `{}` or `[]`.
  return edits(text.edit(before + 1, after, ''));
}

/**
 * The first key of a mapping that is a list item (`- a: 1`): the next key of the item moves up in its
 * place. The only key of an item is refused: the item would be left empty.
 */
function removeFirstOfItem(text: FixText, start: number, end: number, what: string): EditResult {
  const source = text.text;
  const column = start - text.lineStart(start);
  for (let line = text.nextLine(end); line < source.length; line = text.nextLine(line)) {
    const content = /^( *)([^ \r\n])/.exec(source.slice(line, text.nextLine(line)));
    if (!content || content[2] === '#') continue;
    if (content[1]!.length !== column) break;
    return edits(text.edit(start, line + column, ''));
  }
  return refuse(`${what} is the only key of its list item`);
}
