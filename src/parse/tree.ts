import type { Origin } from './position.js';

/**
 * The document tree every later stage works on: YAML with aliases and merge keys resolved,
 * every node carrying the exact place in a real file it came from.
 */
export type YNode = YMap | YSeq | YScalar;

export type ScalarValue = string | number | boolean | null;

interface NodeBase {
  readonly origin: Origin;
  /** Explicit YAML tag such as `!reset` or `!override`. */
  readonly tag?: string;
}

/**
 * A run of an interpolated value and where it came from. A variable that gave an empty string (or is
 * unset) still has its span, with `valueStart === valueEnd`, so every `${...}` of the raw text shows.
 */
export interface Span {
  valueStart: number;
  valueEnd: number;
  /** The text before interpolation this run was made from (for a variable: its whole `${...}` expression). */
  rawStart: number;
  rawEnd: number;
  /** `file`: written in the compose file (literal text or a default); `variable`: a variable's value. */
  from: 'file' | 'variable';
  variable?: string;
}

export interface YScalar extends NodeBase {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** Set when interpolation changed the value: the text as written, and where each part of `value` came from. */
  readonly interpolation?: { readonly raw: string; readonly spans: readonly Span[] };
  /** How the scalar was written: plain, quoted or block. Needed to map offsets inside it back to the file. */
  readonly style: 'plain' | 'single' | 'double' | 'block';
  /** The raw source text of the scalar (without quotes), when it sits on one line. */
  readonly source?: string;
  /**
   * Set on a scalar made of part of another one's value, such as the `A` and the `1` of a list item
   * `A=1` turned into a mapping entry when forms are merged: that scalar, and where in its value this
   * one starts. `Text.of()` reads such a scalar as that slice, so it keeps exact columns.
   */
  readonly sliceOf?: { readonly scalar: YScalar; readonly start: number };
}

export interface YSeq extends NodeBase {
  readonly kind: 'seq';
  readonly items: readonly YNode[];
}

export interface YEntry {
  readonly key: YScalar;
  readonly value: YNode;
}

export interface YMap extends NodeBase {
  readonly kind: 'map';
  readonly entries: readonly YEntry[];
  /** Entry lookup by key text (the last entry of a key wins). */
  readonly index: EntryIndex;
}

/** Finds a mapping's entries by key text. */
export interface EntryIndex {
  get(key: string): YEntry | undefined;
  has(key: string): boolean;
}

/** Up to this many entries a lookup scans them; a larger mapping gets a hash map on its first lookup. */
const SCAN_LIMIT = 8;

/**
 * Most mappings are small and many are looked up rarely or never (a tree is copied by interpolation,
 * merging and profiles): scanning a few keys costs less than building a hash map for each.
 */
class Entries implements EntryIndex {
  private map: Map<string, YEntry> | undefined;

  constructor(private readonly entries: readonly YEntry[]) {}

  get(key: string): YEntry | undefined {
    const { entries } = this;
    if (entries.length <= SCAN_LIMIT) {
      for (let i = entries.length - 1; i >= 0; i--) if (keyText(entries[i]!.key) === key) return entries[i];
      return undefined;
    }
    if (!this.map) {
      this.map = new Map();
      for (const entry of entries) this.map.set(keyText(entry.key), entry);
    }
    return this.map.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

export function isMap(node: YNode | undefined): node is YMap {
  return node?.kind === 'map';
}

export function isSeq(node: YNode | undefined): node is YSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: YNode | undefined): node is YScalar {
  return node?.kind === 'scalar';
}

export function keyText(key: YScalar): string {
  return key.value === null ? '' : String(key.value);
}

export function makeMap(entries: YEntry[], origin: Origin, tag?: string): YMap {
  const index = new Entries(entries);
  return tag === undefined ? { kind: 'map', entries, index, origin } : { kind: 'map', entries, index, origin, tag };
}

/** The value under `key`, if `node` is a mapping that has it. */
export function get(node: YNode | undefined, key: string): YNode | undefined {
  return node?.kind === 'map' ? node.index.get(key)?.value : undefined;
}

/** A path of keys and indexes down the tree. */
export function getPath(node: YNode | undefined, path: readonly (string | number)[]): YNode | undefined {
  let current = node;
  for (const step of path) {
    if (current === undefined) return undefined;
    if (typeof step === 'number') current = current.kind === 'seq' ? current.items[step] : undefined;
    else current = get(current, step);
  }
  return current;
}

/** The scalar's value as a string (numbers and booleans as YAML wrote them); undefined for collections and null. */
export function scalarString(node: YNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** True for a value tagged `!reset`: Compose removes it (and its key) before anything else reads the file. */
export function isReset(node: YNode): boolean {
  return node.tag === '!reset';
}

/** Plain JavaScript value of a subtree, as Compose validates it: values tagged `!reset` are left out. */
export function toJS(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.filter((item) => !isReset(item)).map(toJS);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of node.entries) if (!isReset(value)) out[keyText(key)] = toJS(value);
      return out;
    }
  }
}
