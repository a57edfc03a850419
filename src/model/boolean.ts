import { isScalar, type YNode, type YScalar } from '../parse/tree.js';

/**
 * The scalar, when a boolean option (`privileged`, `read_only`, `init`…) reads as true the way Compose
 * reads it: YAML `true`, or a string (quoted, or from `${VAR}`) that is `true` in any case; Compose also
 * still takes the YAML 1.1 words `yes`, `y` and `on`, with a warning. Undefined otherwise.
 */
export function trueScalar(node: YNode | undefined): YScalar | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value ? node : undefined;
  return typeof node.value === 'string' && ['true', 'yes', 'y', 'on'].includes(node.value.toLowerCase()) ? node : undefined;
}

/** Whether a boolean option reads as true (see `trueScalar`). */
export function isTrue(node: YNode | undefined): boolean {
  return trueScalar(node) !== undefined;
}
