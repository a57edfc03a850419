/**
 * nginx's units, as its configuration reader reads them (src/core/ngx_parse.c): sizes (`8k`, `10m`,
 * `1g`) and times (`30s`, `1h 30m`, `500ms`, `1d`). Values with variables, or units nginx does not
 * know, read as undefined: a rule then does not judge them.
 */

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** An nginx size in bytes: digits and an optional `k`, `m` or `g` (any case). */
export function nginxSize(value: string): number | undefined {
  const match = /^(\d+)([kmg]?)$/i.exec(value);
  return match ? Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]! : undefined;
}

/** Seconds in each time unit nginx reads, longest first (a month is 30 days, a year 365). */
const TIME_UNITS: readonly [string, number][] = [
  ['y', 365 * 86400],
  ['M', 30 * 86400],
  ['w', 7 * 86400],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
  ['ms', 0.001],
];

/**
 * An nginx time in seconds: number-and-unit parts, each unit at most once and longest first, with
 * optional spaces between them (`1h 30m`, `1d2h`), units case-sensitive (`m` minutes, `M` months); a
 * last number without a unit counts as seconds (`90`, `1h30`). nginx takes `M` and `y` only where
 * the value is in seconds (not in the timeouts, which it keeps in milliseconds); they are read here
 * wherever they appear.
 */
export function nginxTime(value: string): number | undefined {
  const parts = [...value.matchAll(/(\d+)(ms|[yMwdhms]?)\s*/gy)];
  if (parts.length === 0 || parts.reduce((n, p) => n + p[0].length, 0) !== value.length) return undefined;
  let seconds = 0;
  let last = -1;
  for (const [i, part] of parts.entries()) {
    const unit = part[2]!;
    const rank = unit === '' ? TIME_UNITS.length : TIME_UNITS.findIndex(([u]) => u === unit);
    if (rank <= last || (unit === '' && i !== parts.length - 1)) return undefined;
    last = rank;
    seconds += Number(part[1]) * (unit === '' ? 1 : TIME_UNITS[rank]![1]);
  }
  return seconds;
}

/** A number of seconds in the largest whole unit that fits: `3600` → "1 hour", `90` → "90 seconds", `172800` → "2 days". */
export function describeSeconds(seconds: number): string {
  const units: [string, number][] = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const [name, size] = units.find(([, size]) => seconds >= size && seconds % size === 0) ?? ['second', 1];
  const count = seconds / size;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}
