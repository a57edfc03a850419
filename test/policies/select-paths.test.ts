import { describe, expect, it } from 'vitest';
import { line, lintPolicies, policyFindings } from './helpers.js';

const policy = (select: unknown, assert: unknown = { path: 'image', present: false }) => ({ 'team/p': { description: 'A team policy', select, assert } });

describe('select', () => {
  const files = {
    'compose.yaml': `services:
  prometheus:
    image: prom/prometheus:v2.53.1
    profiles: [monitoring]
    labels:
      - com.example.tier=metrics
  grafana:
    image: docker.io/grafana/grafana@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    profiles: [monitoring, dashboards]
    labels:
      com.example.tier: ui
      com.example.public: ""
  api-worker:
    image: nginx
    labels: [com.example.tier]
  built:
    build: .
`,
  };
  const selected = async (select: unknown) => (await lintPolicies(policy(select), files)).map((l) => /service "([^"]+)"/.exec(l)![1]);

  it('services: name globs, case-insensitive', async () => {
    expect(await selected({ services: ['*-WORKER', 'grafana'] })).toEqual(['grafana', 'api-worker']);
  });

  it('images: globs on the image as written, without its tag or digest, and as Docker names it; * crosses /', async () => {
    expect(await selected({ images: ['prom/*'] })).toEqual(['prometheus']);
    expect(await selected({ images: ['*prometheus*'] })).toEqual(['prometheus']);
    expect(await selected({ images: ['grafana/grafana'] })).toEqual(['grafana']);
    expect(await selected({ images: ['docker.io/grafana/*'] })).toEqual(['grafana']);
    expect(await selected({ images: ['prom/prometheus:v2.*'] })).toEqual(['prometheus']);
    expect(await selected({ images: ['nginx', 'library/nginx'] })).toEqual(['api-worker']);
  });

  it('labels: a key that is set, or key=glob on its value, in list or mapping form', async () => {
    expect(await selected({ labels: ['com.example.tier'] })).toEqual(['prometheus', 'grafana', 'api-worker']);
    expect(await selected({ labels: ['com.example.tier=m*'] })).toEqual(['prometheus']);
    expect(await selected({ labels: ['com.example.public='] })).toEqual(['grafana']);
  });

  it('profiles: the service is in one of them', async () => {
    expect(await selected({ profiles: ['dashboards', 'other'] })).toEqual(['grafana']);
  });

  it('every selector given must match', async () => {
    expect(await selected({ profiles: ['monitoring'], labels: ['com.example.tier=ui'] })).toEqual(['grafana']);
    expect(await selected({ services: ['built'], images: ['*'] })).toEqual([]);
  });
});

describe('paths', () => {
  const files = {
    'compose.yaml': `services:
  api:
    image: registry.local:5000/team/api:1.4.2
    labels:
      com.example.tier: backend
      plain: x
    environment:
      - NODE_ENV=development
      - NODE_ENV=production
    ports:
      - "8080:80"
      - target: 443
        published: 8443
    build:
      context: .
      args: [VERSION=1.0, "COMMIT"]
`,
  };
  const run = async (assert: unknown) => lintPolicies(policy(undefined, assert), files);

  it('quoted keys hold dots; a bare key does not reach into them', async () => {
    expect(await run([{ path: 'labels."com.example.tier"', equals: 'frontend' }, { path: 'labels.com.example.tier', present: true }])).toEqual([
      'team/p 4:5-4:11 compose.yaml service "api": labels.com.example.tier is not set; the policy wants it set',
      'team/p 5:25-5:32 compose.yaml service "api": labels."com.example.tier" is backend; the policy wants frontend',
    ]);
  });

  it('list-form environment reads as the mapping form, the last of a key written twice, at the value\'s characters', async () => {
    expect(await run({ path: 'environment.NODE_ENV', equals: 'staging' })).toEqual([
      'team/p 9:18-9:28 compose.yaml service "api": environment.NODE_ENV is production; the policy wants staging',
    ]);
  });

  it('* is any key or item, [n] an item; a key without a value has nothing to check', async () => {
    expect(await run([{ path: 'ports[1].published', lt: 1024 }, { path: 'ports.*.target', equals: 80 }, { path: 'build.args.*', matches: '^1\\.' }, { path: 'ports[5]', present: true }])).toEqual([
      'team/p 10:5-10:10 compose.yaml service "api": ports[5] is not set; the policy wants it set',
      'team/p 12:17-12:20 compose.yaml service "api": ports[1].target is 443; the policy wants 80',
      'team/p 13:20-13:24 compose.yaml service "api": ports[1].published is 8443; the policy wants less than 1024',
    ]);
  });

  it('image.name, image.tag and image.digest are slices of the image, at their own characters', async () => {
    expect(await run([{ path: 'image.tag', equals: 'latest' }, { path: 'image.name', notMatches: '^registry' }, { path: 'image.digest', present: true }, { path: 'image.*', present: false }])).toEqual([
      'team/p 3:12-3:40 compose.yaml service "api": image.name is set; the policy wants it not set',
      'team/p 3:12-3:40 compose.yaml service "api": image.name is registry.local:5000/team/api; the policy wants a value not matching ^registry',
      'team/p 3:5-3:10 compose.yaml service "api": image.digest is not set; the policy wants it set',
      'team/p 3:41-3:46 compose.yaml service "api": image.tag is set; the policy wants it not set',
      'team/p 3:41-3:46 compose.yaml service "api": image.tag is 1.4.2; the policy wants latest',
    ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });
});

describe('the effective model', () => {
  it('a value set by an override file (two -f files) is reported in that file', async () => {
    const files = {
      'compose.yaml': 'services:\n  api:\n    image: node:20\n    environment:\n      JWT_EXPIRES_IN: 15m\n',
      'compose.prod.yaml': 'services:\n  api:\n    environment:\n      - JWT_EXPIRES_IN=24h\n',
    };
    expect(await lintPolicies({ 'team/p': { description: 'x', assert: { path: 'environment.JWT_EXPIRES_IN', lte: '15m' } } }, files, [{ files: ['compose.yaml', 'compose.prod.yaml'] }])).toEqual([
      'team/p 4:24-4:27 compose.prod.yaml service "api": environment.JWT_EXPIRES_IN is 24h; the policy wants at most 15m',
    ]);
  });

  it('a value pulled in through an alias is reported at the anchored text', async () => {
    const files = { 'compose.yaml': 'x-env: &env\n  LOG_LEVEL: debug\nservices:\n  a:\n    image: node:20\n    environment: *env\n  b:\n    image: node:20\n    environment:\n      <<: *env\n' };
    const findings = await policyFindings({ 'team/p': { description: 'x', assert: { path: 'environment.LOG_LEVEL', equals: 'info' } } }, files);
    expect(findings.map((f) => f.related.map((r) => `${r.message} ${r.range.start.line}:${r.range.start.column}`))).toEqual([['pulled in through this alias 6:18'], ['pulled in through this alias 10:11']]);
    expect(findings.map(line)).toEqual([
      'team/p 2:14-2:19 compose.yaml service "a": environment.LOG_LEVEL is debug; the policy wants info',
      'team/p 2:14-2:19 compose.yaml service "b": environment.LOG_LEVEL is debug; the policy wants info',
    ]);
  });

  it('a value from a ${VAR:-default} points at the default\'s characters; a variable\'s value at the expression, with the env file line', async () => {
    const files = {
      'compose.yaml': 'services:\n  api:\n    image: node:20\n    environment:\n      FRONTEND_URL: ${FRONTEND_URL:-http://shop.ph}\n      WS_URL: "${WS_URL}"\n',
      '.env': 'WS_URL=ws://shop.ph\n',
    };
    const findings = await policyFindings({ 'team/p': { description: 'x', assert: { path: 'environment.*', matches: '^(https|wss)://' } } }, files);
    expect(findings[1]!.related).toEqual([{ message: 'value of ${WS_URL} set here', file: '.env', range: { start: { line: 1, column: 8 }, end: { line: 1, column: 20 } } }]);
    expect(findings.map(line)).toEqual([
      'team/p 5:37-5:51 compose.yaml service "api": environment.FRONTEND_URL is http://shop.ph; the policy wants a value matching ^(https|wss)://',
      'team/p 6:16-6:25 compose.yaml service "api": environment.WS_URL is ws://shop.ph; the policy wants a value matching ^(https|wss)://',
    ]);
  });
});
