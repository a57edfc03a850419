import { scalarString, type YScalar } from '../parse/tree.js';
import type { Service } from './service.js';

/** How many containers Compose runs for a service, and the value that says so. */
export interface Replicas {
  readonly count: number;
  readonly node: YScalar;
  /** The key it was read from: `deploy.replicas` or `scale`. */
  readonly key: string;
}

/**
 * The number of containers the file asks Compose to run for a service: `deploy.replicas`, else
 * `scale`, when it is a whole number. Undefined when neither is set (one container), when the value
 * is not a number, and for `deploy.mode: global` (one container per node).
 */
export function replicasOf(service: Service): Replicas | undefined {
  if (scalarString(service.get(['deploy', 'mode']))?.trim() === 'global') return undefined;
  for (const key of ['deploy.replicas', 'scale']) {
    const node = service.get(key.split('.'));
    const text = scalarString(node)?.trim();
    if (node?.kind === 'scalar' && text !== undefined && /^\d+$/.test(text)) return { count: Number(text), node, key };
  }
  return undefined;
}
