import { isScalar, type YNode, type YScalar } from '../parse/tree.js';

/**
 * True when a boolean option (`privileged`, `read_only`, `init`…) reads as true the way Compose reads
 * it: YAML `true`, or a string (quoted, or from `${VAR}`) that is `true` in any case; Compose also
 * still takes the YAML 1.1 words `yes`, `y` and `on`, with a warning.
 */
export function isTrue(node: YNode | undefined): node is YScalar {
  if (!isScalar(node)) return false;
  if (typeof node.value === 'boolean') return node.value;
  return typeof node.value === 'string' && ['true', 'yes', 'y', 'on'].includes(node.value.toLowerCase());
}
