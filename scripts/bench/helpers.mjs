// The pure parts of the benchmark (scripts/bench/index.mjs): statistics, the targets and how a
// figure is checked against one, the printed table and the comparison with the previous run.
// test/bench/bench.test.ts tests them; nothing here measures time.

/** The median of a list of numbers (the mean of the two middle ones for an even count); NaN for none. */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A number rounded to `digits` significant figures at most, never in exponent form: 1234.5 → "1235", 0.01234 → "0.0123". */
export function fmt(value, digits = 3) {
  if (value === undefined || value === null || !Number.isFinite(value)) return 'n/a';
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(decimals);
}

/**
 * The issue's targets. `at most`: the figure must not exceed `limit`; `within`: |figure − 1| ≤ limit.
 * `figure` names the key of the results' `figures` that the target checks.
 */
export const TARGETS = [
  { id: 'dclint-ratio', figure: 'corpus.oursOverDclint', label: 'corpus: our time / DCLint time', kind: 'at most', limit: 1 / 30, shown: '≤ 1/30 (30x faster)' },
  { id: 'parse-floor', figure: 'floor.overheadRatio', label: 'corpus compose: our lint / parse-only floor', kind: 'at most', limit: 2, shown: '≤ 2x' },
  { id: 'cold-start', figure: 'cold.ratio', label: 'one small file cold / node -e 0', kind: 'at most', limit: 1.5, shown: '≤ 1.5x' },
  { id: 'rss', figure: 'corpus.peakRssMB', label: 'corpus lint peak RSS (MB)', kind: 'at most', limit: 200, shown: '≤ 200 MB' },
  { id: 'scaling', figure: 'scaling.marginalRatio', label: 'ms per added service, 1,000→10,000 / 100→1,000', kind: 'within', limit: 0.2, shown: '1 ± 0.2' },
  { id: 'cache-hit', figure: 'cache.hitOverStartup', label: "cached re-run, small file / the CLI's startup (--version)", kind: 'at most', limit: 1.2, shown: '≤ 1.2x' },
];

/**
 * What each service between two sizes of generated project added to the lint time, in ms:
 * (ms at `b` − ms at `a`) / (`b` − `a`). The fixed costs of a run (starting, compiling the linter's
 * code) cancel out, which dominate ms/service at small sizes. Undefined when a size was not measured.
 */
export function marginalPerService(sizes, a, b) {
  if (!sizes[a] || !sizes[b] || b <= a) return undefined;
  return (sizes[b].ms - sizes[a].ms) / (b - a);
}

/** Whether a figure meets a target: true, false, or undefined when the figure was not measured. */
export function meets(target, value) {
  if (value === undefined || value === null || !Number.isFinite(value)) return undefined;
  if (target.kind === 'at most') return value <= target.limit;
  if (target.kind === 'within') return Math.abs(value - 1) <= target.limit;
  throw new TypeError(`unknown target kind ${target.kind}`);
}

/** The verdict column: "met", "NOT MET" or "not measured". */
export function verdict(target, value) {
  const ok = meets(target, value);
  return ok === undefined ? 'not measured' : ok ? 'met' : 'NOT MET';
}

/** Text table rows, columns padded to the widest cell (the last column unpadded). */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? String(cell) : String(cell).padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

/** The target table: one row per target with the figure, the target and the verdict. */
export function targetRows(figures) {
  return [['target', 'figure', 'target', 'verdict'], ...TARGETS.map((t) => [t.label, fmt(figures[t.figure]), t.shown, verdict(t, figures[t.figure])])];
}

/**
 * How each figure moved since the previous run: rows of [name, previous, now, change in %] for the
 * figures both runs have, in the order of `now`.
 */
export function deltas(previous, now) {
  const rows = [];
  for (const [name, value] of Object.entries(now)) {
    const before = previous[name];
    if (!Number.isFinite(value) || !Number.isFinite(before)) continue;
    const change = before === 0 ? (value === 0 ? 0 : Number.NaN) : ((value - before) / before) * 100;
    rows.push([name, fmt(before), fmt(value), Number.isFinite(change) ? `${change >= 0 ? '+' : ''}${change.toFixed(1)}%` : 'n/a']);
  }
  return rows;
}
