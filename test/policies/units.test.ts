import { describe, expect, it } from 'vitest';
import { appDurationOf, durationOf } from '../../src/model/duration.js';
import { imageSpans, parseImage } from '../../src/model/image.js';
import { parsePath, pathKey } from '../../src/policies/path.js';
import { operandOf, quantityOf } from '../../src/policies/quantity.js';

describe('parsePath', () => {
  it('keys, *, indexes and quoted keys', () => {
    expect(parsePath('deploy.resources.limits.memory').steps).toEqual(['deploy', 'resources', 'limits', 'memory'].map((name) => ({ kind: 'key', name })));
    expect(parsePath('ports[0].*').steps).toEqual([{ kind: 'key', name: 'ports' }, { kind: 'index', index: 0 }, { kind: 'any' }]);
    expect(parsePath('labels."com.example.tier"').steps).toEqual([{ kind: 'key', name: 'labels' }, { kind: 'key', name: 'com.example.tier' }]);
    expect(parsePath('labels."say \\"hi\\"\\\\"[2][10]').steps).toEqual([{ kind: 'key', name: 'labels' }, { kind: 'key', name: 'say "hi"\\' }, { kind: 'index', index: 2 }, { kind: 'index', index: 10 }]);
  });

  it('refuses what is no path, naming the character', () => {
    expect(() => parsePath('')).toThrow('a key is missing at character 1');
    expect(() => parsePath('environment.')).toThrow('a key is missing at character 13');
    expect(() => parsePath('a b')).toThrow('" " cannot follow a key at character 2');
    expect(() => parsePath('a.""')).toThrow('an empty quoted key at character 5');
    expect(() => parsePath('a[-1]')).toThrow('an index is a number in brackets, like [0], at character 2');
  });

  it('pathKey quotes what a bare key cannot hold, and parses back', () => {
    for (const name of ['NODE_ENV', 'com.example.tier', 'a b', 'x*', 'q"uote\\']) {
      expect(parsePath(`labels.${pathKey(name)}`).steps[1]).toEqual({ kind: 'key', name });
    }
    expect(pathKey('NODE_ENV')).toBe('NODE_ENV');
    expect(pathKey('com.example.tier')).toBe('"com.example.tier"');
  });
});

describe('operands and values', () => {
  it('the operand\'s form says the kind: m is minutes, M megabytes; as overrides', () => {
    expect(operandOf(12)).toEqual({ kind: 'number', amount: 12 });
    expect(operandOf('12')).toEqual({ kind: 'number', amount: 12 });
    expect(operandOf('15m')).toEqual({ kind: 'duration', amount: 900 });
    expect(operandOf('1h30m')).toEqual({ kind: 'duration', amount: 5400 });
    expect(operandOf('500ms')).toEqual({ kind: 'duration', amount: 0.5 });
    expect(operandOf('7d')).toEqual({ kind: 'duration', amount: 604_800 });
    expect(operandOf('2w')).toEqual({ kind: 'duration', amount: 1_209_600 });
    expect(operandOf('512M')).toEqual({ kind: 'size', amount: 512 * 1024 ** 2 });
    expect(operandOf('1g')).toEqual({ kind: 'size', amount: 1024 ** 3 });
    expect(operandOf('2GiB')).toEqual({ kind: 'size', amount: 2 * 1024 ** 3 });
    expect(operandOf('100kb')).toEqual({ kind: 'size', amount: 102_400 });
    expect(operandOf('512m', 'size')).toEqual({ kind: 'size', amount: 512 * 1024 ** 2 });
    expect(operandOf('900', 'duration')).toEqual({ kind: 'duration', amount: 900 });
    expect(operandOf('15 minutes')).toBeUndefined();
    expect(operandOf(12, 'size')).toBeUndefined();
    expect(operandOf('1g', 'duration')).toBeUndefined();
  });

  it('values are read as the operand\'s kind: a duration without a unit is seconds', () => {
    expect(quantityOf('duration', '900')).toBe(900);
    expect(quantityOf('duration', ' 24h ')).toBe(86_400);
    expect(quantityOf('duration', '1 day')).toBeUndefined();
    expect(quantityOf('size', '512m')).toBe(512 * 1024 ** 2);
    expect(quantityOf('number', '1e3')).toBe(1000);
    expect(quantityOf('number', '12abc')).toBeUndefined();
  });

  it('appDurationOf adds days, weeks and bare seconds; durationOf keeps Go\'s reading', () => {
    expect(appDurationOf({ value: '1w2d' })).toBe(604_800 + 172_800);
    expect(appDurationOf({ value: '-15m' })).toBe(-900);
    expect(durationOf({ value: '7d' })).toBeUndefined();
    expect(durationOf({ value: '900' })).toBeUndefined();
    expect(durationOf({ value: '1m30s' })).toBe(90);
  });
});

describe('imageSpans', () => {
  it('the offsets of name, tag and digest as written', () => {
    const cut = (image: string) => Object.fromEntries(Object.entries(imageSpans(image)).map(([k, [s, e]]) => [k, image.slice(s, e)]));
    expect(cut('prom/prometheus:v2.53.1')).toEqual({ name: 'prom/prometheus', tag: 'v2.53.1' });
    expect(cut('registry.local:5000/team/api')).toEqual({ name: 'registry.local:5000/team/api' });
    expect(cut(' nginx:1.27@sha256:abc ')).toEqual({ name: 'nginx', tag: '1.27', digest: 'sha256:abc' });
    expect(cut('grafana/grafana@sha256:abc')).toEqual({ name: 'grafana/grafana', digest: 'sha256:abc' });
    expect(parseImage('docker.io/library/Nginx:1.27@sha256:abc')).toEqual({ path: 'nginx', name: 'nginx', tag: '1.27', digest: 'sha256:abc' });
  });
});
