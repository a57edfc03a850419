import { bytesOf } from '../model/amount.js';
import { appDurationOf } from '../model/duration.js';

/** How the operand of `gt`, `gte`, `lt` and `lte`, and the values compared with it, are read. */
export type QuantityKind = 'number' | 'duration' | 'size';

/** An operand as read: its kind and its amount (seconds for a duration, bytes for a size). */
export interface Quantity {
  readonly kind: QuantityKind;
  readonly amount: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** A duration's units are lower case (`15m` is minutes); a size's may be either (`512M`, `1g`, `2GiB`). */
const DURATION_UNIT = /[a-zµμ]$/;

const READERS: Readonly<Record<QuantityKind, (value: string) => number | undefined>> = {
  number: (value) => (NUMBER.test(value.trim()) ? Number(value.trim()) : undefined),
  duration: (value) => appDurationOf({ value }),
  size: (value) => bytesOf({ value }),
};

/** A value read as a kind of quantity; undefined when it is no such quantity. */
export function quantityOf(kind: QuantityKind, value: string): number | undefined {
  return READERS[kind](value);
}

/**
 * An operand as the configuration writes it: a number is a number; a string is the kind its form
 * says (a number, else a duration, else a size), unless `as` names the kind. Undefined when it is
 * no quantity of that kind.
 */
export function operandOf(operand: number | string, as?: QuantityKind): Quantity | undefined {
  if (typeof operand === 'number') return as === undefined || as === 'number' ? { kind: 'number', amount: operand } : undefined;
  const kinds: readonly QuantityKind[] = as ? [as] : DURATION_UNIT.test(operand.trim()) && !/[A-Z]/.test(operand) ? ['number', 'duration', 'size'] : ['number', 'size'];
  for (const kind of kinds) {
    const amount = quantityOf(kind, operand);
    if (amount !== undefined) return { kind, amount };
  }
  return undefined;
}

