import { describe, expect, it } from 'vitest';
import { durationOf } from '../../src/model/duration.js';
import { Text } from '../../src/model/text.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { get, type YScalar } from '../../src/parse/tree.js';

function seconds(value: string): number | undefined {
  const { root } = parseYaml({ name: 'd.yml', absPath: '/d.yml', text: `d: ${value}\n` });
  return durationOf(Text.of(get(root, 'd') as YScalar));
}

describe('durationOf', () => {
  it('reads Go durations, one part or several', () => {
    expect(seconds('45s')).toBe(45);
    expect(seconds('1m30s')).toBe(90);
    expect(seconds('1h')).toBe(3600);
    expect(seconds('1h5m10s')).toBe(3910);
    expect(seconds('1.5m')).toBe(90);
    expect(seconds('300ms')).toBeCloseTo(0.3);
    expect(seconds('2s500ms')).toBeCloseTo(2.5);
    expect(seconds('10us')).toBeCloseTo(0.00001);
    expect(seconds('"0"')).toBe(0);
    expect(seconds('" 30s "')).toBe(30);
    expect(seconds('-1m')).toBe(-60);
  });

  it('refuses what Go refuses', () => {
    for (const bad of ['"30"', '30 s', '1d', 'abc', '"1m30"', '""', 's', '"-"']) expect(seconds(bad), bad).toBeUndefined();
  });
});
