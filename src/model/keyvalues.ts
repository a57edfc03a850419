import { isMap, isScalar, isSeq, type YNode } from '../parse/tree.js';
import { Text } from './text.js';

/** One `NAME=value` pair of `environment`, `labels`, `build.args` and the like, in map or list form. */
export interface KeyValue {
  /** The node of the pair: the map value, or the list item. */
  readonly item: YNode;
  readonly name: Text;
  /** Absent for `NAME` alone or `NAME:` with no value (the value is taken from the environment). */
  readonly value?: Text;
  readonly form: 'map' | 'list';
}

export function keyValues(node: YNode | undefined): KeyValue[] {
  const out: KeyValue[] = [];
  if (isMap(node)) {
    for (const { key, value } of node.entries) {
      if (!isScalar(value)) continue;
      out.push({ item: value, name: Text.of(key), ...(value.value === null ? {} : { value: Text.of(value) }), form: 'map' });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (!isScalar(item) || item.value === null) continue;
      const text = Text.of(item);
      const eq = text.value.indexOf('=');
      if (eq === -1) out.push({ item, name: text, form: 'list' });
      else out.push({ item, name: text.slice(0, eq), value: text.slice(eq + 1), form: 'list' });
    }
  }
  return out;
}
