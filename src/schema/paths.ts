import { isMap, isReset, isSeq, type YNode, type YScalar } from '../parse/tree.js';

export type PathSegment = string | number;

/**
 * The node at a path of the validated data, and the key that names it (if it is a map value). Stops
 * at the deepest node found. List indexes skip items tagged `!reset`, which validation did not see.
 */
export function nodeAt(root: YNode, segments: readonly PathSegment[]): { node: YNode; key?: YScalar } {
  let node = root;
  let key: YScalar | undefined;
  for (const segment of segments) {
    const item = typeof segment === 'number' && isSeq(node) ? node.items.filter((i) => !isReset(i))[segment] : undefined;
    if (item) {
      node = item;
      key = undefined;
    } else if (isMap(node) && node.index.has(String(segment))) {
      const entry = node.index.get(String(segment))!;
      node = entry.value;
      key = entry.key;
    } else break;
  }
  return key ? { node, key } : { node };
}

export const TOP_LEVEL_KINDS: Readonly<Record<string, string>> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
};

/**
 * A path in words: `service "web"`, `"ports" in service "web"`, `item 2 of "ports" in service "web"`,
 * `"deploy.resources.limits.memory" in service "web"`,
 * `item 1 of "capabilities" in item 2 of "deploy.resources.reservations.devices" in service "web"`,
 * `the top level`.
 */
export function describePath(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return 'the top level';
  const [top, name, ...rest] = segments;
  const kind = TOP_LEVEL_KINDS[String(top)];
  const owned = kind !== undefined && name !== undefined && typeof name === 'string';
  const owner = owned ? `${kind} "${name}"` : '';
  const inner = owned ? rest : segments;
  // Keys run together with dots up to each list index; the innermost part is named first.
  const parts: string[] = [];
  let keys: string[] = [];
  for (const segment of inner) {
    if (typeof segment === 'number') {
      if (keys.length > 0) parts.push(`item ${segment + 1} of "${keys.join('.')}"`);
      else parts.push(`item ${segment + 1} of ${parts.pop() ?? 'the list'}`);
      keys = [];
    } else keys.push(segment);
  }
  if (keys.length > 0) parts.push(`"${keys.join('.')}"`);
  if (owner) parts.unshift(owner);
  return parts.reverse().join(' in ');
}
