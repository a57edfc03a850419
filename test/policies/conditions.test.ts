import { describe, expect, it } from 'vitest';
import { lintPolicies } from './helpers.js';

const policy = (assert: unknown, extra: Record<string, unknown> = {}) => ({ 'team/p': { description: 'A team policy', assert, ...extra } });
const compose = (body: string) => ({ 'compose.yaml': `services:\n${body}` });

describe('conditions', () => {
  const api = `  api:
    image: node:20
    environment:
      LOG_LEVEL: debug
      BCRYPT_ROUNDS: 10
      NODE_ENV: production
      EMPTY:
`;

  it('present: true reports at the nearest key that exists, else at the service key', async () => {
    expect(await lintPolicies(policy([{ path: 'environment.PASSWORD_MIN_LENGTH', present: true }, { path: 'deploy.resources.limits.memory', present: true }]), compose(api))).toEqual([
      'team/p 1:3-1:6 compose.yaml service "api": deploy.resources.limits.memory is not set; the policy wants it set',
      'team/p 4:5-4:16 compose.yaml service "api": environment.PASSWORD_MIN_LENGTH is not set; the policy wants it set',
    ].map((l) => l.replace('1:3-1:6', '2:3-2:6')));
  });

  it('present: false reports each key the path reaches', async () => {
    expect(await lintPolicies(policy({ path: 'environment.*', present: false }), compose(`  api:\n    image: node:20\n    environment: [A=1, B]\n`))).toEqual([
      'team/p 4:19-4:20 compose.yaml service "api": environment.A is set; the policy wants it not set',
      'team/p 4:24-4:25 compose.yaml service "api": environment.B is set; the policy wants it not set',
    ]);
  });

  it('equals compares numbers as numbers and booleans in any case', async () => {
    const files = compose(`  api:\n    image: node:20\n    environment:\n      ROUNDS: "12.0"\n      FLAG: "True"\n      LEVEL: Info\n`);
    expect(await lintPolicies(policy([{ path: 'environment.ROUNDS', equals: 12 }, { path: 'environment.FLAG', equals: true }, { path: 'environment.LEVEL', equals: 'info' }]), files)).toEqual([
      'team/p 7:14-7:18 compose.yaml service "api": environment.LEVEL is Info; the policy wants info',
    ]);
  });

  it('oneOf, matches and notMatches', async () => {
    expect(await lintPolicies(policy([
      { path: 'environment.LOG_LEVEL', oneOf: ['info', 'warn'] },
      { path: 'environment.NODE_ENV', matches: '^prod' },
      { path: 'environment.NODE_ENV', notMatches: 'tion$' },
    ]), compose(api))).toEqual([
      'team/p 5:18-5:23 compose.yaml service "api": environment.LOG_LEVEL is debug; the policy wants one of info, warn',
      'team/p 7:17-7:27 compose.yaml service "api": environment.NODE_ENV is production; the policy wants a value not matching tion$',
    ]);
  });

  it('a check of values applies only where the path reaches a value: absent and empty keys pass', async () => {
    expect(await lintPolicies(policy([{ path: 'environment.MISSING', equals: 'x' }, { path: 'environment.EMPTY', gte: 3 }]), compose(api))).toEqual([]);
  });

  it('present: true with a check: a missing key and a bad value are both findings', async () => {
    const files = compose(`  a:\n    image: node:20\n    environment: {BCRYPT_ROUNDS: 10}\n  b:\n    image: node:20\n`);
    expect(await lintPolicies(policy({ path: 'environment.BCRYPT_ROUNDS', present: true, gte: 12 }), files)).toEqual([
      'team/p 4:34-4:36 compose.yaml service "a": environment.BCRYPT_ROUNDS is 10; the policy wants at least 12',
      'team/p 5:3-5:4 compose.yaml service "b": environment.BCRYPT_ROUNDS is not set; the policy wants it set',
    ]);
  });

  it('a check of a value on a mapping or a list is a finding saying so', async () => {
    expect(await lintPolicies(policy({ path: 'environment', equals: 'x' }), compose(api))).toEqual([
      'team/p 5:7-8:13 compose.yaml service "api": environment is a mapping; the policy wants x',
    ]);
  });
});

describe('numbers, durations and sizes', () => {
  const files = compose(`  api:
    image: node:20
    stop_grace_period: 1m30s
    environment:
      - JWT_EXPIRES_IN=24h
      - REFRESH=7d
      - TIMEOUT=900
      - SHORT=500ms
      - LONG=1h30m
      - ODD=1 day
    deploy:
      resources:
        limits: {memory: 512M}
`);

  it('the operand says the kind: 15m is minutes, a bare value is seconds, 2w weeks', async () => {
    expect(await lintPolicies(policy([
      { path: 'environment.JWT_EXPIRES_IN', lte: '15m' },
      { path: 'environment.REFRESH', lt: '2w' },
      { path: 'environment.TIMEOUT', lte: '15m' },
      { path: 'environment.SHORT', gte: '1s' },
      { path: 'environment.LONG', gt: '90m' },
      { path: 'stop_grace_period', gt: '90s' },
    ]), files)).toEqual([
      'team/p 4:24-4:29 compose.yaml service "api": stop_grace_period is 1m30s; the policy wants more than 90s',
      'team/p 6:24-6:27 compose.yaml service "api": environment.JWT_EXPIRES_IN is 24h; the policy wants at most 15m',
      'team/p 9:15-9:20 compose.yaml service "api": environment.SHORT is 500ms; the policy wants at least 1s',
      'team/p 10:14-10:19 compose.yaml service "api": environment.LONG is 1h30m; the policy wants more than 90m',
    ]);
  });

  it('sizes: 512M, 1g, 2GiB and 100kb are bytes in binary units; as: size reads 512m as a size', async () => {
    expect(await lintPolicies(policy([
      { path: 'deploy.resources.limits.memory', lte: '256M' },
      { path: 'deploy.resources.limits.memory', gte: '1g' },
      { path: 'deploy.resources.limits.memory', lt: '2GiB' },
      { path: 'deploy.resources.limits.memory', gt: '100kb' },
      { path: 'deploy.resources.limits.memory', lt: '512m', as: 'size' },
    ]), files)).toEqual([
      'team/p 14:26-14:30 compose.yaml service "api": deploy.resources.limits.memory is 512M; the policy wants at least 1g',
      'team/p 14:26-14:30 compose.yaml service "api": deploy.resources.limits.memory is 512M; the policy wants at most 256M',
      'team/p 14:26-14:30 compose.yaml service "api": deploy.resources.limits.memory is 512M; the policy wants less than 512m',
    ]);
  });

  it('a value that cannot be read as the kind is a finding that says so', async () => {
    expect(await lintPolicies(policy([
      { path: 'environment.ODD', lte: '15m' },
      { path: 'environment.JWT_EXPIRES_IN', gte: 12 },
      { path: 'environment.REFRESH', lte: '1g' },
    ]), files)).toEqual([
      'team/p 6:24-6:27 compose.yaml service "api": environment.JWT_EXPIRES_IN is 24h, which is no number; the policy wants at least 12',
      'team/p 7:17-7:19 compose.yaml service "api": environment.REFRESH is 7d, which is no size; the policy wants at most 1g',
      'team/p 11:13-11:18 compose.yaml service "api": environment.ODD is 1 day, which is no duration; the policy wants at most 15m',
    ]);
  });
});

describe('each', () => {
  it('split cuts a value into trimmed parts, each reported at its own characters', async () => {
    const files = compose(`  api:\n    image: node:20\n    environment:\n      CORS_ORIGINS: "https://a.ph, http://b.ph,,https://c.ph ,ftp://d"\n`);
    expect(await lintPolicies(policy({ path: 'environment.CORS_ORIGINS', split: ',', each: { matches: '^https://' } }), files)).toEqual([
      'team/p 5:36-5:47 compose.yaml service "api": environment.CORS_ORIGINS[1] is http://b.ph; the policy wants a value matching ^https://',
      'team/p 5:63-5:70 compose.yaml service "api": environment.CORS_ORIGINS[3] is ftp://d; the policy wants a value matching ^https://',
    ]);
  });

  it('checks every item of a list, a mapping item reported as one; a string without split is one item', async () => {
    const files = compose(`  api:\n    image: node:20\n    ports: ["127.0.0.1:80:80", "8080:80", {target: 443}]\n    dns: 8.8.8.8\n`);
    expect(await lintPolicies(policy([{ path: 'ports', each: { matches: '^127\\.' } }, { path: 'dns', each: { notMatches: '^8\\.' } }]), files)).toEqual([
      'team/p 4:33-4:40 compose.yaml service "api": ports[1] is 8080:80; the policy wants a value matching ^127\\.',
      'team/p 4:43-4:56 compose.yaml service "api": ports[2] is a mapping; the policy wants a value matching ^127\\.',
      'team/p 5:10-5:17 compose.yaml service "api": dns is 8.8.8.8; the policy wants a value not matching ^8\\.',
    ]);
  });
});
