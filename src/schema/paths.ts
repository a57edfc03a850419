import { isMap, isSeq, type YNode, type YScalar } from '../parse/tree.js';

export type PathSegment = string | number;

/** The node at a path, and the key that names it (if it is a map value). Stops at the deepest node found. */
export function nodeAt(root: YNode, segments: readonly PathSegment[]): { node: YNode; key?: YScalar } {
  let node = root;
  let key: YScalar | undefined;
  for (const segment of segments) {
    if (typeof segment === 'number' && isSeq(node) && node.items[segment]) {
      node = node.items[segment]!;
      key = undefined;
    } else if (isMap(node) && node.index.has(String(segment))) {
      const entry = node.index.get(String(segment))!;
      node = entry.value;
      key = entry.key;
    } else break;
  }
  return key ? { node, key } : { node };
}

const TOP_LEVEL_KINDS: Record<string, string> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
};

/**
 * A path in words: `service "web"`, `"ports" in service "web"`, `item 2 of "ports" in service "web"`,
 * `"deploy.resources.limits.memory" in service "web"`, `the top level`.
 */
export function describePath(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return 'the top level';
  const [top, name, ...rest] = segments;
  const kind = TOP_LEVEL_KINDS[String(top)];
  let owner: string;
  let inner: readonly PathSegment[];
  if (kind && name !== undefined) {
    owner = `${kind} "${String(name)}"`;
    inner = rest;
  } else {
    owner = '';
    inner = segments;
  }
  if (inner.length === 0) return owner;
  const lastKey = inner.length - 1;
  let words = '';
  let keys: string[] = [];
  for (let i = 0; i <= lastKey; i++) {
    const seg = inner[i]!;
    if (typeof seg === 'number') {
      words = `item ${seg + 1} of "${keys.join('.')}"`;
      keys = [];
    } else keys.push(seg);
  }
  const keyWords = keys.length > 0 ? `"${keys.join('.')}"` : '';
  const subject = words && keyWords ? `${keyWords} of ${words}` : words || keyWords;
  return owner ? `${subject} in ${owner}` : subject;
}

