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

const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/**
 * A Docker memory amount in bytes (`768M`, `2g`, `512mb`, `1GiB`, `1073741824`): units are binary and
 * case-insensitive, with an optional `b` or `ib`, as Docker reads `mem_limit` and
 * `deploy.resources.limits.memory`. Undefined for anything else.
 */
export function bytesOf(text: { readonly value: string }): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)(?:i?b)?\s*$/i.exec(text.value);
  const unit = match ? BYTE_UNITS[match[2]!.toLowerCase()] : undefined;
  return match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : undefined;
}
