import type { Text } from './text.js';

/** A number with an optional unit (`512m`, `1.5G`, `0.5`, `-1`): its numeric part; undefined for anything else. */
export function amountOf(text: Text): number | undefined {
  const match = /^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*[a-z]*\s*$/i.exec(text.value);
  return match ? Number(match[1]) : undefined;
}

/**
 * True when a cgroup limit's value switches the limit off: zero or less (`0`, `"0"`, `0m`, `-1`).
 * Docker reads a memory, CPU or PIDs limit of 0 as "not set" and -1 as "unlimited".
 */
export function isUnlimited(text: Text): boolean {
  const value = amountOf(text);
  return value !== undefined && value <= 0;
}
