import type { Text } from './text.js';

/** Seconds in one of each unit Compose's durations accept (Go's `time.ParseDuration`). */
const UNITS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * A Compose duration (`stop_grace_period`, `healthcheck.interval`, …) in seconds: one or more
 * number-and-unit parts written together, as Go reads them (`1m30s`, `1.5h`, `45s`, `300ms`, `0`).
 * Undefined for anything else: a bare number other than 0, an unknown unit, a blank.
 */
export function durationOf(text: Text): number | undefined {
  const value = text.value.trim();
  if (/^[+-]?0$/.test(value)) return 0;
  const body = /^[+-]/.test(value) ? value.slice(1) : value;
  if (body === '') return undefined;
  let seconds = 0;
  let rest = body;
  while (rest !== '') {
    const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!part) return undefined;
    seconds += Number(part[1]) * UNITS[part[2]!]!;
    rest = rest.slice(part[0].length);
  }
  return value.startsWith('-') ? -seconds : seconds;
}
