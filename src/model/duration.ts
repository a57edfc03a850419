/** Seconds in one of each unit Compose's durations accept (Go's `time.ParseDuration`). */
const UNITS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const GO_PART = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

/** Go's units and days and weeks (`7d`, `2w`), as applications write token lifetimes and retention. */
const LONG_UNITS: Readonly<Record<string, number>> = { ...UNITS, d: 86_400, w: 604_800 };
const LONG_PART = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w)/;

/**
 * A Compose duration (`stop_grace_period`, `healthcheck.interval`, …) in seconds: one or more
 * number-and-unit parts written together, as Go reads them (`1m30s`, `1.5h`, `45s`, `300ms`, `0`).
 * Undefined for anything else: a bare number other than 0, an unknown unit, a blank.
 */
export function durationOf(text: { readonly value: string }): number | undefined {
  const value = text.value.trim();
  if (/^[+-]?0$/.test(value)) return 0;
  return partsOf(value, GO_PART, UNITS);
}

/**
 * A duration as applications write one (`JWT_EXPIRES_IN: 15m`, `7d`, `900`), in seconds: Go's
 * units plus `d` and `w`, and a bare number read as seconds. Undefined for anything else.
 */
export function appDurationOf(text: { readonly value: string }): number | undefined {
  const value = text.value.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) return Number(value);
  return partsOf(value, LONG_PART, LONG_UNITS);
}

/** The sum of number-and-unit parts written together, with an optional sign; undefined when a part is no such pair. */
function partsOf(value: string, part: RegExp, units: Readonly<Record<string, number>>): number | undefined {
  const body = /^[+-]/.test(value) ? value.slice(1) : value;
  if (body === '') return undefined;
  let seconds = 0;
  let rest = body;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m) return undefined;
    seconds += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return value.startsWith('-') ? -seconds : seconds;
}
