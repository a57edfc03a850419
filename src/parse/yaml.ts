import {
  isAlias,
  isMap as isYamlMap,
  isPair,
  isScalar as isYamlScalar,
  isSeq as isYamlSeq,
  parseDocument,
  Scalar,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { CORE_YAML } from '../findings/core.js';
import type { Finding, RelatedLocation, Severity } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { FILE_START, LineIndex, type Origin } from './position.js';
import { keyText, makeMap, type YEntry, type YMap, type YNode, type YScalar, type YSeq } from './tree.js';

/** The tags Compose gives meaning to; any other explicit tag is reported. */
const COMPOSE_TAGS = new Set(['!reset', '!override']);

/**
 * Nodes that aliases and merge keys may copy into the tree, past which the file is treated as an
 * alias bomb ("billion laughs") rather than a configuration. Real compose files copy a few thousand.
 */
export const MAX_ALIAS_NODES = 50_000;

export interface ParsedYaml {
  /**
   * The document tree. An empty file (or one with only comments) gives a null scalar at 1:1, which the
   * schema check reports; undefined when nothing could be read (an alias bomb, or errors and no content).
   */
  root?: YNode;
  findings: Finding[];
  /** Offsets to positions, for stages that need to locate text inside the file. */
  lines: LineIndex;
  /** Nodes copied into the tree through aliases and merge keys; never more than `MAX_ALIAS_NODES`. */
  aliasNodes: number;
  /**
   * True when the parser found no syntax error, so the tree is the whole file as written. Findings
   * about a well-formed file (a duplicate key, a broken alias) leave it true.
   */
  wellFormed: boolean;
}

class AliasBomb extends Error {
  constructor(readonly site: Origin) {
    super(`aliases expand to more than ${MAX_ALIAS_NODES} nodes; the file is refused as an alias bomb ("billion laughs")`);
  }
}

/**
 * Parses YAML into the position-keeping tree. Reports every problem yaml finds, each at its own place
 * with the parser's message, plus what Compose's YAML reader rejects and the parser lets through
 * (duplicate keys, aliases without an anchor, merge keys that merge no mapping, keys that are not
 * strings). A document with errors still yields what could be read.
 */
export function parseYaml(file: SourceFile): ParsedYaml {
  const doc = parseDocument(file.text, {
    merge: true,
    prettyErrors: false,
    // Duplicate keys are found while converting, where the key text is known.
    uniqueKeys: false,
    strict: true,
    stringKeys: false,
    keepSourceTokens: false,
  });
  // Lines from the text itself: yaml's LineCounter misses a line break inside a plain scalar that
  // runs on in a broken flow collection, which put later positions past the end of their line.
  const lines = new LineIndex(file.text);
  const findings: Finding[] = [];
  const at = (start: number, end: number): Origin => ({ file: file.name, range: lines.range(start, end) });
  const report = (message: string, origin: Origin, related: RelatedLocation[] = [], severity: Severity = 'error') =>
    findings.push({ ruleId: CORE_YAML.id, severity, message, file: origin.file, range: origin.range, related });

  // The parser puts problems found at the end of the file (an unclosed quote) after its last
  // character; point at that character instead, on a line that exists.
  const contentEnd = file.text.trimEnd().length;
  const atError = (start: number, end: number): Origin => {
    if (start < contentEnd) return at(start, Math.min(end, contentEnd));
    return at(Math.max(0, contentEnd - 1), contentEnd);
  };
  for (const error of doc.errors) {
    if (error.code === 'MULTIPLE_DOCS') {
      const start = error.pos[0];
      const marker = file.text.startsWith('---', start) ? 3 : 1;
      report(
        'the file holds more than one YAML document: Compose merges them in order, but only the first is checked here; put each in its own file',
        at(start, start + marker),
      );
      continue;
    }
    report(yamlMessage(error.message), atError(error.pos[0], error.pos[1]));
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      const tag = warning.message.replace(/^Unresolved tag: /, '');
      if (COMPOSE_TAGS.has(tag)) continue;
      report(`unknown tag "${tag}": Compose only knows "!reset" and "!override"`, atError(warning.pos[0], warning.pos[1]));
      continue;
    }
    report(yamlMessage(warning.message), atError(warning.pos[0], warning.pos[1]));
  }
  const wellFormed = doc.errors.every((error) => error.code === 'MULTIPLE_DOCS');
  if (doc.contents === null) {
    // Nothing but comments: an empty document, which the schema check reports. With errors: nothing read.
    return findings.length === 0 ? { root: emptyRoot(file.name), findings, lines, aliasNodes: 0, wellFormed } : { findings, lines, aliasNodes: 0, wellFormed };
  }

  const converter = new Converter(file, at, report);
  try {
    const root = converter.convert(doc.contents as YamlNode);
    // Errors and no value at all (a stray `]`): there is nothing to check further.
    if (!wellFormed && root.kind === 'scalar' && root.value === null) return { findings, lines, aliasNodes: converter.aliasNodes, wellFormed };
    return { root, findings, lines, aliasNodes: converter.aliasNodes, wellFormed };
  } catch (error) {
    if (!(error instanceof AliasBomb)) throw error;
    report(error.message, error.site);
    return { findings, lines, aliasNodes: converter.aliasNodes, wellFormed };
  }
}

function emptyRoot(file: string): YScalar {
  return { kind: 'scalar', value: null, style: 'plain', origin: { file, range: FILE_START } };
}

/**
 * The parser's message, in the sentence case of every other finding. Messages that quote the file's
 * text lose the quote: it may be part of a secret.
 */
function yamlMessage(message: string): string {
  let text = message.replace(/\s+/g, ' ').trim();
  text = text
    .replace(/^(Invalid escape sequence).*$/, '$1')
    .replace(/^(Block scalar header includes extra characters).*$/, '$1')
    .replace(/^(Unexpected \S+ token in YAML (?:document|stream)): .*$/, '$1')
    // The parser ran out of stack on deep nesting (`[[[[…`) and stopped here.
    .replace(/^Maximum call stack size exceeded$/i, 'collections nest too deeply here for the file to be read');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Adds `outer` at the end of an origin's chain of aliases. */
function chainVia(via: Origin | undefined, outer: Origin): Origin {
  return via ? { ...via, via: chainVia(via.via, outer) } : outer;
}

function describeNode(node: YNode): string {
  return node.kind === 'map' ? 'a mapping' : node.kind === 'seq' ? 'a list' : node.value === null ? 'empty' : 'a single value';
}

type Report = (message: string, origin: Origin, related?: RelatedLocation[], severity?: Severity) => void;

/**
 * Turns yaml's document into the tree. Walks the document in order, so an alias always finds the
 * last anchor of its name before it, as YAML says. An alias or merge key copies the anchored subtree
 * with `via` set to the alias; the copies are counted, and the walk stops once they pass
 * `MAX_ALIAS_NODES`, before any copy past that is made.
 */
class Converter {
  /** The anchored node of each name defined so far, and its converted tree once it is done. */
  private readonly anchors = new Map<string, { node: YamlNode; origin: Origin; tree?: YNode }>();
  /** Sizes in nodes (keys included) of collections, to check a copy against the budget before making it; a scalar is 1. */
  private readonly sizes = new Map<YNode, number>();
  aliasNodes = 0;
  /** The empty values that stand for aliases already reported as broken, so a merge of one is not reported twice. */
  private readonly brokenAliases = new WeakSet<YNode>();
  /** Where each block collection ends (`endOf`), once computed. */
  private readonly ends = new Map<YamlNode, number>();

  constructor(
    private readonly file: SourceFile,
    private readonly at: (start: number, end: number) => Origin,
    private readonly report: Report,
  ) {}

  convert(node: YamlNode | null | undefined, fallback?: Origin): YNode {
    if (!node) return this.nullAt(fallback ?? { file: this.file.name, range: FILE_START });
    if (isAlias(node)) return this.alias(node);
    let anchor: { node: YamlNode; origin: Origin; tree?: YNode } | undefined;
    if (node.anchor) {
      const origin = this.origin(node);
      const previous = this.anchors.get(node.anchor);
      if (previous) {
        this.report(
          `anchor "&${node.anchor}" is defined again; aliases after this point get this value, not the first one`,
          origin,
          [{ message: `"&${node.anchor}" first defined here`, file: previous.origin.file, range: previous.origin.range }],
          // YAML 1.2 and Compose accept a redefined anchor; it is a trap, not an error.
          'warning',
        );
      }
      anchor = { node, origin };
      this.anchors.set(node.anchor, anchor);
    }
    let result: YNode;
    if (isYamlScalar(node)) result = this.convertScalar(node);
    else if (isYamlSeq(node)) result = this.convertSeq(node);
    else if (isYamlMap(node)) result = this.convertMap(node);
    else result = this.nullAt(this.origin(node));
    if (anchor) anchor.tree = result;
    return result;
  }

  private alias(node: YamlNode & { source: string }): YNode {
    const origin = this.origin(node);
    const anchor = this.anchors.get(node.source);
    if (!anchor) {
      this.report(`alias "*${node.source}" has no anchor "&${node.source}" before it`, origin);
      return this.broken(origin);
    }
    if (!anchor.tree) {
      this.report(`alias "*${node.source}" is inside the node it refers to, which would make it infinitely deep`, origin);
      return this.broken(origin);
    }
    return this.copy(anchor.tree, origin);
  }

  private broken(origin: Origin): YScalar {
    const node = this.nullAt(origin);
    this.brokenAliases.add(node);
    return node;
  }

  /** The span of a node in the file: a block collection ends where its last item does, not at the next line. */
  private origin(node: YamlNode): Origin {
    const [start] = node.range ?? [0, 0, 0];
    return this.at(start, Math.max(start, this.endOf(node)));
  }

  private endOf(node: YamlNode): number {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    if ((isYamlSeq(node) || isYamlMap(node)) && !node.flow && node.items.length > 0) {
      // Remembered per collection: each nested block collection would otherwise walk down its last items again.
      const known = this.ends.get(node);
      if (known !== undefined) return known;
      const end = this.lastItemEnd(node.items[node.items.length - 1]);
      if (end !== undefined) {
        this.ends.set(node, end);
        return end;
      }
    }
    let end = valueEnd;
    while (end > start && /\s/.test(this.file.text[end - 1]!)) end--;
    return end;
  }

  private lastItemEnd(last: unknown): number | undefined {
    if (isPair(last)) {
      const item = ((last.value as YamlNode | null) ?? (last.key as YamlNode | null)) as YamlNode | null;
      return item?.range ? this.endOf(item) : undefined;
    }
    return (last as YamlNode).range ? this.endOf(last as YamlNode) : undefined;
  }

  private tagOf(node: YamlNode): string | undefined {
    return node.tag?.startsWith('!') && !node.tag.startsWith('!!') ? node.tag : undefined;
  }

  private sized<T extends YNode>(node: T, size: number): T {
    if (size !== 1) this.sizes.set(node, size);
    return node;
  }

  private sizeOf(node: YNode): number {
    return this.sizes.get(node) ?? 1;
  }

  private nullAt(origin: Origin): YScalar {
    return this.sized({ kind: 'scalar', value: null, style: 'plain', origin }, 1);
  }

  /** A copy of `node` and everything under it, each origin chained `via` the alias that pulled it in. */
  private copy<T extends YNode>(node: T, via: Origin): T {
    const size = this.sizeOf(node);
    if (this.aliasNodes + size > MAX_ALIAS_NODES) throw new AliasBomb(via);
    this.aliasNodes += size;
    return this.copyTree(node, via, new Map());
  }

  /** Copies a subtree; `chains` shares one extended chain among the nodes that had the same one. */
  private copyTree<T extends YNode>(node: T, via: Origin, chains: Map<Origin | undefined, Origin>): T {
    let chain = chains.get(node.origin.via);
    if (!chain) {
      chain = chainVia(node.origin.via, via);
      chains.set(node.origin.via, chain);
    }
    const origin: Origin = { ...node.origin, via: chain };
    let copy: YNode;
    switch (node.kind) {
      case 'scalar':
        copy = { ...node, origin };
        break;
      case 'seq':
        copy = { ...node, origin, items: node.items.map((item) => this.copyTree(item, via, chains)) };
        break;
      case 'map': {
        const entries = node.entries.map((entry) => ({ key: this.copyTree(entry.key, via, chains), value: this.copyTree(entry.value, via, chains) }));
        copy = makeMap(entries, origin, node.tag);
        break;
      }
    }
    return this.sized(copy as T, this.sizeOf(node));
  }

  private convertScalar(node: Scalar): YScalar {
    const origin = this.origin(node);
    const raw = node.value;
    const value: YScalar['value'] =
      typeof raw === 'symbol'
        ? (node.source ?? String(raw.description))
        : raw === null || raw === undefined
        ? null
        : typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
          ? raw
          : typeof raw === 'bigint'
            ? Number(raw)
            : String(raw);
    const style: YScalar['style'] =
      node.type === Scalar.QUOTE_SINGLE
        ? 'single'
        : node.type === Scalar.QUOTE_DOUBLE
          ? 'double'
          : node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL
            ? 'block'
            : 'plain';
    const oneLine = origin.range.start.line === origin.range.end.line;
    const [start, end] = node.range ?? [0, 0];
    const quote = style === 'plain' ? 0 : 1;
    const source = oneLine && style !== 'block' && end - start >= 2 * quote ? this.file.text.slice(start + quote, end - quote) : undefined;
    const tag = this.tagOf(node);
    const scalar: YScalar = { kind: 'scalar', value, style, origin, ...(source === undefined ? {} : { source }), ...(tag ? { tag } : {}) };
    return this.sized(scalar, 1);
  }

  private convertSeq(node: YAMLSeq): YSeq {
    const items: YNode[] = [];
    let size = 1;
    for (const item of node.items as unknown[]) {
      // `!!omap` and `!!pairs` hold pairs: each is a one-entry mapping.
      const converted = isPair(item) ? this.pairAsMap(item) : this.convert(item as YamlNode);
      size += this.sizeOf(converted);
      items.push(converted);
    }
    const tag = this.tagOf(node);
    const seq: YSeq = { kind: 'seq', items, origin: this.origin(node), ...(tag ? { tag } : {}) };
    return this.sized(seq, size);
  }

  private pairAsMap(pair: Pair): YNode {
    const map = { items: [pair], range: (pair.key as YamlNode | null)?.range ?? undefined } as unknown as YAMLMap;
    const entries: YEntry[] = [];
    const size = this.collectEntries(map, entries);
    const origin = (pair.key as YamlNode | null)?.range ? this.origin(pair.key as YamlNode) : { file: this.file.name, range: FILE_START };
    return this.sized(makeMap(entries, origin), size);
  }

  private convertMap(node: YAMLMap): YMap {
    const entries: YEntry[] = [];
    const size = this.collectEntries(node, entries);
    return this.sized(makeMap(entries, this.origin(node), this.tagOf(node)), size);
  }

  /**
   * The entries of a mapping: its own keys, then those merged in by `<<` (a mapping, or a list of
   * them, earlier ones first), each only where no key before it has the same name. Returns the size.
   */
  private collectEntries(node: YAMLMap, entries: YEntry[]): number {
    const own = new Map<string, YScalar>();
    const merged: YEntry[] = [];
    let mergeKey: YScalar | undefined;
    for (const pair of node.items as Pair[]) {
      const keyNode = pair.key as YamlNode | null;
      if (isYamlScalar(keyNode) && keyNode.source === '<<' && keyNode.type === Scalar.PLAIN && !keyNode.tag) {
        const key = this.convertScalar(keyNode);
        if (mergeKey) this.duplicate(key, mergeKey);
        mergeKey = key;
        merged.push(...this.mergeSources(pair.value as YamlNode | null, key.origin));
        continue;
      }
      const key = this.convertKey(keyNode, node);
      const value = this.convert(pair.value as YamlNode | null, key ? this.afterKey(key) : undefined);
      if (!key) continue;
      const name = keyText(key);
      const first = own.get(name);
      if (first) {
        this.duplicate(key, first);
        continue;
      }
      own.set(name, key);
      entries.push({ key, value });
    }
    const seen = new Set(own.keys());
    for (const entry of merged) {
      const name = keyText(entry.key);
      if (seen.has(name)) continue;
      seen.add(name);
      entries.push(entry);
    }
    let size = 1;
    for (const entry of entries) size += this.sizeOf(entry.key) + this.sizeOf(entry.value);
    return size;
  }

  private duplicate(key: YScalar, first: YScalar): void {
    this.report(`duplicate key "${keyText(key)}": a mapping may have each key once`, key.origin, [
      { message: `"${keyText(first)}" first set here`, file: first.origin.file, range: first.origin.range },
    ]);
  }

  /** Where an empty value after a key is: right after the key. */
  private afterKey(key: YScalar): Origin {
    return { file: key.origin.file, range: { start: key.origin.range.end, end: key.origin.range.end } };
  }

  /** The entries a `<<` merge key pulls in: from a mapping, or a list of mappings; anything else is reported. */
  private mergeSources(value: YamlNode | null, keyOrigin: Origin): YEntry[] {
    const sources = isYamlSeq(value) ? (value.items as YamlNode[]) : [value];
    const out: YEntry[] = [];
    for (const source of sources) {
      const tree = this.convert(source, keyOrigin);
      if (tree.kind !== 'map') {
        if (this.brokenAliases.has(tree)) continue;
        this.report(`"<<" merges mappings only; this is ${describeNode(tree)}`, source ? this.origin(source) : keyOrigin);
        continue;
      }
      // An alias's entries already carry it in `via`; an inline mapping's are written here.
      out.push(...tree.entries);
    }
    return out;
  }

  /** A mapping key as Compose reads it: its text. Keys that are lists or mappings are reported and dropped. */
  private convertKey(keyNode: YamlNode | null, map: YAMLMap): YScalar | undefined {
    if (!keyNode) return this.nullAt(this.origin(map as unknown as YamlNode));
    const key = this.convert(keyNode);
    if (key.kind !== 'scalar') {
      this.report(`a mapping key must be a string, not ${describeNode(key)}`, this.origin(keyNode));
      return undefined;
    }
    // Compose reads keys as strings: `1.0:` is the key "1.0", not the number 1.
    if (typeof key.value === 'number' || typeof key.value === 'boolean') {
      return this.sized({ ...key, value: key.source ?? String(key.value) }, 1);
    }
    return key;
  }
}
