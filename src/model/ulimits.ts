import { get, isMap, isScalar, keyText, type YNode, type YScalar } from '../parse/tree.js';
import { Text } from './text.js';

/** One entry of a service's `ulimits`: `nofile: 65536` (one value for both) or `nofile: {soft, hard}`. */
export interface Ulimit {
  readonly name: string;
  /** The entry's key: where a finding about the entry as a whole points. */
  readonly key: YScalar;
  /** The soft limit: the single value when only one is written. */
  readonly soft?: Text;
  /** The hard limit: the single value when only one is written. */
  readonly hard?: Text;
}

const textOf = (node: YNode | undefined): Text | undefined => (isScalar(node) && node.value !== null ? Text.of(node) : undefined);

export function ulimitsOf(node: YNode | undefined): Ulimit[] {
  if (!isMap(node)) return [];
  return node.entries.map(({ key, value }) => {
    const single = textOf(value);
    const soft = single ?? textOf(get(value, 'soft'));
    const hard = single ?? textOf(get(value, 'hard'));
    return { name: keyText(key), key, ...(soft ? { soft } : {}), ...(hard ? { hard } : {}) };
  });
}
