import type { Text } from './text.js';

/** A capability as Docker reads it in `cap_add`/`cap_drop`: any case, with or without the `CAP_` prefix. */
export function capabilityName(capability: Text): string {
  return capability.value.trim().toUpperCase().replace(/^CAP_/, '');
}
