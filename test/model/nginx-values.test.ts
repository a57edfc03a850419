import { describe, expect, it } from 'vitest';
import { describeSeconds, nginxSize, nginxTime } from '../../src/model/nginx-values.js';

describe('nginxTime', () => {
  it('reads units as nginx does, case-sensitively, longest first, a bare last number in seconds', () => {
    expect(nginxTime('60')).toBe(60);
    expect(nginxTime('75s')).toBe(75);
    expect(nginxTime('500ms')).toBe(0.5);
    expect(nginxTime('10m')).toBe(600);
    expect(nginxTime('1h 30m')).toBe(5400);
    expect(nginxTime('1d2h')).toBe(93600);
    expect(nginxTime('1h30')).toBe(3630);
    expect(nginxTime('2w')).toBe(14 * 86400);
    expect(nginxTime('1M')).toBe(30 * 86400);
    expect(nginxTime('1y')).toBe(365 * 86400);
    expect(nginxTime('1s500ms')).toBe(1.5);
  });

  it('refuses what nginx refuses: units out of order or twice, unknown or upper-case units, a bare number before a unit, variables', () => {
    for (const value of ['1m1h', '1s1s', '10S', '1H', '30 1m', '1.5h', '', '${TIMEOUT}', '$t', '-1s', '1 x']) expect(nginxTime(value), value).toBeUndefined();
  });
});

describe('nginxSize', () => {
  it('reads k, m and g in any case; refuses anything else', () => {
    expect(nginxSize('0')).toBe(0);
    expect(nginxSize('8k')).toBe(8192);
    expect(nginxSize('10M')).toBe(10 * 1024 ** 2);
    expect(nginxSize('2g')).toBe(2 * 1024 ** 3);
    for (const value of ['1.5m', '10mb', '1t', '', '${SIZE}']) expect(nginxSize(value), value).toBeUndefined();
  });
});

describe('describeSeconds', () => {
  it('uses the largest whole unit', () => {
    expect(describeSeconds(86400)).toBe('1 day');
    expect(describeSeconds(7200)).toBe('2 hours');
    expect(describeSeconds(600)).toBe('10 minutes');
    expect(describeSeconds(301)).toBe('301 seconds');
    expect(describeSeconds(0.5)).toBe('0.5 seconds');
  });
});
