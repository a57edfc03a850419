import { describe, expect, it } from 'vitest';
import { deltas, fmt, marginalPerService, median, meets, table, TARGETS, targetRows, verdict } from '../../scripts/bench/helpers.mjs';

describe('bench helpers', () => {
  it('median: the middle value, the mean of the two middle ones for an even count, NaN for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('median does not reorder its argument', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('fmt: three significant figures, no exponent, n/a for a missing figure', () => {
    expect(fmt(1234.5)).toBe('1235');
    expect(fmt(12.345)).toBe('12.3');
    expect(fmt(0.012345)).toBe('0.0123');
    expect(fmt(1 / 30)).toBe('0.0333');
    expect(fmt(0)).toBe('0');
    expect(fmt(-2.5)).toBe('-2.50');
    expect(fmt(3.14159, 2)).toBe('3.1');
    expect(fmt(undefined)).toBe('n/a');
    expect(fmt(Number.NaN)).toBe('n/a');
  });

  it('meets: "at most" includes the limit; "within" is |figure - 1| <= limit; a missing figure is not measured', () => {
    const atMost = { kind: 'at most' as const, limit: 2 };
    expect(meets(atMost, 2)).toBe(true);
    expect(meets(atMost, 2.01)).toBe(false);
    expect(meets(atMost, undefined)).toBeUndefined();
    const within = { kind: 'within' as const, limit: 0.2 };
    expect(meets(within, 1.2)).toBe(true);
    expect(meets(within, 0.8)).toBe(true);
    expect(meets(within, 1.21)).toBe(false);
    expect(meets(within, 0.79)).toBe(false);
    expect(verdict(within, 1)).toBe('met');
    expect(verdict(within, 2)).toBe('NOT MET');
    expect(verdict(within, Number.NaN)).toBe('not measured');
  });

  it('the targets are the issue\'s', () => {
    const limits = Object.fromEntries(TARGETS.map((t) => [t.id, [t.figure, t.kind, t.limit]]));
    expect(limits).toEqual({
      'dclint-ratio': ['corpus.oursOverDclint', 'at most', 1 / 30],
      'parse-floor': ['floor.overheadRatio', 'at most', 2],
      'cold-start': ['cold.ratio', 'at most', 1.5],
      rss: ['corpus.peakRssMB', 'at most', 200],
      scaling: ['scaling.marginalRatio', 'within', 0.2],
      'cache-hit': ['cache.hitOverStartup', 'at most', 1.2],
    });
  });

  it('targetRows: each target with its figure, the target and the verdict', () => {
    const rows = targetRows({ 'corpus.oursOverDclint': 0.02, 'floor.overheadRatio': 3.391, 'cold.ratio': 1.5, 'corpus.peakRssMB': 215 });
    expect(rows).toEqual([
      ['target', 'figure', 'target', 'verdict'],
      ['corpus: our time / DCLint time', '0.0200', '≤ 1/30 (30x faster)', 'met'],
      ['corpus compose: our lint / parse-only floor', '3.39', '≤ 2x', 'NOT MET'],
      ['one small file cold / node -e 0', '1.50', '≤ 1.5x', 'met'],
      ['corpus lint peak RSS (MB)', '215', '≤ 200 MB', 'NOT MET'],
      ['ms per added service, 1,000→10,000 / 100→1,000', 'n/a', '1 ± 0.2', 'not measured'],
      ["cached re-run, small file / the CLI's startup (--version)", 'n/a', '≤ 1.2x', 'not measured'],
    ]);
  });

  it('marginalPerService: the ms each service between two sizes added', () => {
    const sizes = { 100: { ms: 700 }, 1000: { ms: 2500 }, 10000: { ms: 20500 } };
    expect(marginalPerService(sizes, 100, 1000)).toBe(2);
    expect(marginalPerService(sizes, 1000, 10000)).toBe(2);
    expect(marginalPerService(sizes, 10, 100)).toBeUndefined();
    expect(marginalPerService(sizes, 1000, 100)).toBeUndefined();
  });

  it('table pads every column but the last to its widest cell', () => {
    expect(table([['a', 'bb', 'c'], ['ccc', 'd', 'eeee']])).toBe('a    bb  c\nccc  d   eeee');
  });

  it('deltas: the figures both runs have, in the new run\'s order, with the change in percent', () => {
    expect(deltas({ a: 100, b: 2, c: 0, gone: 1 }, { b: 3, a: 90, c: 0, fresh: 5, d: Number.NaN })).toEqual([
      ['b', '2.00', '3.00', '+50.0%'],
      ['a', '100', '90.0', '-10.0%'],
      ['c', '0', '0', '+0.0%'],
    ]);
    expect(deltas({ x: 0 }, { x: 4 })).toEqual([['x', '0', '4.00', 'n/a']]);
  });
});
