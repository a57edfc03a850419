import {
  isAlias,
  isMap as isYamlMap,
  isPair,
  isScalar as isYamlScalar,
  isSeq as isYamlSeq,
  LineCounter,
  parseDocument,
  Scalar,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { CORE_YAML } from '../findings/core.js';
import type { Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { FILE_START, LineIndex, type Origin } from './position.js';
import { makeMap, type YEntry, type YMap, type YNode, type YScalar, type YSeq } from './tree.js';

/** The tags Compose gives meaning to; any other explicit tag is reported. */
const COMPOSE_TAGS = new Set(['!reset', '!override']);

/** Node count past which alias expansion is treated as an attack ("billion laughs"), not a config. */
export const MAX_EXPANDED_NODES = 1_000_000;

export interface ParsedYaml {
  /** The document tree; undefined when the file is empty or could not be read as YAML at all. */
  root?: YNode;
  findings: Finding[];
  /** Offsets to positions, for stages that need to locate text inside the file. */
  lines: LineIndex;
}

class AliasBomb extends Error {}

/**
 * Parses YAML into the position-keeping tree. Reports every syntax error yaml finds, each at its own
 * place with the parser's message; a document with errors still yields what could be read.
 */
export function parseYaml(file: SourceFile): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, {
    lineCounter,
    merge: true,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    stringKeys: false,
  });
  const lines = LineIndex.fromStarts(lineCounter.lineStarts);
  const findings: Finding[] = [];
  const report = (message: string, origin: Origin) =>
    findings.push({
      ruleId: CORE_YAML.id,
      severity: 'error',
      message,
      file: origin.file,
      range: origin.range,
      related: [],
    });
  const at = (start: number, end: number): Origin => ({ file: file.name, range: lines.range(start, end) });

  for (const error of doc.errors) report(yamlMessage(error.code, error.message), at(error.pos[0], error.pos[1]));
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.has(warning.message.replace('Unresolved tag: ', ''))) continue;
    report(yamlMessage(warning.code, warning.message), at(warning.pos[0], warning.pos[1]));
  }
  if (doc.contents === null) return { findings, lines };

  const converter = new Converter(doc, file.text, at);
  try {
    const root = converter.convert(doc.contents);
    return { root, findings, lines };
  } catch (error) {
    if (!(error instanceof AliasBomb)) throw error;
    report(error.message, converter.bombSite ?? { file: file.name, range: FILE_START });
    return { findings, lines };
  }
}

function yamlMessage(code: string, message: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  if (code === 'DUPLICATE_KEY') return 'duplicate key: map keys must be unique';
  return text.charAt(0).toLowerCase() + text.slice(1);
}

class Converter {
  /** Converted anchored nodes, shared by every alias to them so expansion costs nothing. */
  private readonly memo = new Map<YamlNode, YNode>();
  /** Expanded node count of each converted node, counting what aliases pull in. */
  private readonly sizes = new WeakMap<YNode, number>();
  bombSite?: Origin;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly at: (start: number, end: number) => Origin,
  ) {}

  convert(node: YamlNode, via?: Origin): YNode {
    if (isAlias(node)) {
      const aliasOrigin = this.origin(node);
      const target = node.resolve(this.doc);
      if (!target) return this.scalar(null, aliasOrigin, 'plain');
      const resolved = this.memo.get(target) ?? this.convert(target);
      return this.withVia(resolved, aliasOrigin);
    }
    const cached = this.memo.get(node);
    if (cached) return via ? this.withVia(cached, via) : cached;
    let result: YNode;
    if (isYamlScalar(node)) result = this.convertScalar(node);
    else if (isYamlSeq(node)) result = this.convertSeq(node);
    else if (isYamlMap(node)) result = this.convertMap(node);
    else result = this.scalar(null, this.origin(node), 'plain');
    if (node.anchor) this.memo.set(node, result);
    return result;
  }

  private origin(node: YamlNode): Origin {
    const [start, valueEnd] = node.range ?? [0, 0];
    return this.at(start, valueEnd);
  }

  private tagOf(node: YamlNode): string | undefined {
    return node.tag?.startsWith('!') ? node.tag : undefined;
  }

  private count(node: YNode, size: number): YNode {
    this.sizes.set(node, size);
    if (size > MAX_EXPANDED_NODES) {
      this.bombSite ??= node.origin;
      throw new AliasBomb(`aliases expand to more than ${MAX_EXPANDED_NODES} nodes; refusing to expand (alias bomb?)`);
    }
    return node;
  }

  private sizeOf(node: YNode): number {
    return this.sizes.get(node) ?? 1;
  }

  private withVia(node: YNode, via: Origin): YNode {
    const copy = { ...node, origin: { ...node.origin, via } } as YNode;
    return this.count(copy, this.sizeOf(node));
  }

  private scalar(value: YScalar['value'], origin: Origin, style: YScalar['style'], source?: string, tag?: string): YScalar {
    const node: YScalar = { kind: 'scalar', value, style, origin, ...(source === undefined ? {} : { source }), ...(tag ? { tag } : {}) };
    return this.count(node, 1) as YScalar;
  }

  private convertScalar(node: Scalar): YScalar {
    const origin = this.origin(node);
    const raw = node.value;
    const value: YScalar['value'] =
      raw === null || raw === undefined ? null : typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : typeof raw === 'bigint' ? Number(raw) : String(raw);
    const style: YScalar['style'] =
      node.type === Scalar.QUOTE_SINGLE ? 'single' : node.type === Scalar.QUOTE_DOUBLE ? 'double' : node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL ? 'block' : 'plain';
    const single = origin.range.start.line === origin.range.end.line;
    const [start, end] = node.range ?? [0, 0];
    const quote = style === 'plain' ? 0 : 1;
    const source = single && style !== 'block' ? this.text.slice(start + quote, end - quote) : undefined;
    return this.scalar(value, origin, style, source, this.tagOf(node));
  }

  private convertSeq(node: YamlNode & { items: unknown[] }): YSeq {
    const items: YNode[] = [];
    let size = 1;
    for (const item of node.items) {
      const converted = this.convert(item as YamlNode);
      size += this.sizeOf(converted);
      items.push(converted);
    }
    const tag = this.tagOf(node);
    const seq: YSeq = tag ? { kind: 'seq', items, origin: this.origin(node), tag } : { kind: 'seq', items, origin: this.origin(node) };
    return this.count(seq, size) as YSeq;
  }

  private convertMap(node: YamlNode & { items: unknown[] }): YMap {
    const explicit: YEntry[] = [];
    const merged: YEntry[] = [];
    const seen = new Set<string>();
    let size = 1;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      if (isYamlScalar(keyNode) && keyNode.source === '<<' && keyNode.type === Scalar.PLAIN) {
        const sources = isYamlSeq(pair.value) ? (pair.value.items as YamlNode[]) : pair.value ? [pair.value as YamlNode] : [];
        for (const source of sources) {
          const target = this.convert(source);
          if (target.kind !== 'map') continue;
          const via = isAlias(source) ? this.origin(source) : undefined;
          for (const entry of target.entries) merged.push(via ? { key: entry.key, value: this.withVia(entry.value, via) } : entry);
        }
        continue;
      }
      const key = keyNode && isYamlScalar(keyNode) ? this.convertScalar(keyNode) : this.scalar(null, keyNode ? this.origin(keyNode) : this.origin(node), 'plain');
      const value = pair.value ? this.convert(pair.value as YamlNode) : this.scalar(null, key.origin, 'plain');
      explicit.push({ key, value });
      seen.add(key.value === null ? '' : String(key.value));
    }
    const entries = [...explicit];
    for (const entry of merged) {
      const name = entry.key.value === null ? '' : String(entry.key.value);
      if (seen.has(name)) continue;
      seen.add(name);
      entries.push(entry);
    }
    for (const entry of entries) size += 1 + this.sizeOf(entry.value);
    const map = makeMap(entries, this.origin(node), this.tagOf(node));
    return this.count(map, size) as YMap;
  }
}
