import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isUnspecifiedAddress } from '../../../src/engine/api.js';
import { lint } from '../../../src/lint.js';
import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const dev = 'docker-compose.dev.yml';
const fix = '; put a single host address in front of it, such as "127.0.0.1:"';
const longFix = '; add "host_ip: 127.0.0.1" (or another single address)';
const oneAddress = '; use a single address, such as 127.0.0.1 or ::1';
const backend = (ports: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n    ports:\n${ports}`;

ruleTester(rule, {
  valid: [
    { name: 'IPv4 loopback', filename: dev, code: backend('      - "127.0.0.1:5432:5432"\n') },
    { name: 'another loopback address', filename: dev, code: backend('      - 127.0.0.2:5432:5432\n') },
    { name: 'IPv6 loopback', filename: dev, code: backend('      - "[::1]:6379:6379"\n') },
    { name: 'one interface of the host', filename: dev, code: backend('      - "10.0.0.5:8080:80"\n') },
    { name: 'address without host port', filename: dev, code: backend('      - "127.0.0.1::5000"\n') },
    { name: 'loopback range', filename: dev, code: backend('      - "127.0.0.1:9000-9010:9000-9010/udp"\n') },
    { name: 'address from a variable default', filename: dev, code: backend('      - "${BIND:-127.0.0.1}:5432:5432"\n') },
    { name: 'long syntax with host_ip', filename: dev, code: backend('      - target: 5432\n        published: 5432\n        host_ip: 127.0.0.1\n') },
    { name: 'long syntax with an IPv6 host_ip', filename: dev, code: backend('      - target: 5432\n        host_ip: "::1"\n') },
    { name: 'the ingress may listen everywhere', filename: dev, code: 'services:\n  nginx:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n      - 0.0.0.0:443:443\n' },
    { name: 'network_mode host ignores ports', filename: dev, code: 'services:\n  exporter:\n    image: prom/node-exporter:v1.8.2\n    network_mode: host\n    ports:\n      - "9100:9100"\n' },
    { name: 'expose publishes nothing', filename: dev, code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    expose: ["5000"]\n' },
    { name: 'off in prod: compose/ingress-only-ports reports the port there', code: backend('      - "5000:5000"\n') },
    { name: 'off in a prod file by name', filename: 'docker-compose.prod.yml', code: backend('      - 0.0.0.0:5000:5000\n') },
    { name: 'the configured ingress may listen everywhere', filename: dev, policy: { ingress: ['gateway'] }, code: 'services:\n  gateway:\n    build: ./gateway\n    ports:\n      - "8443:8443"\n' },
  ],
  invalid: [
    {
      name: 'no host address',
      filename: dev,
      code: backend('      - "5000:5000"\n'),
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 20, severity: 'warning', message: `service "backend" publishes port 5000 to the host on every host interface${fix}` }],
    },
    {
      name: 'container port alone: an ephemeral host port on every interface',
      filename: dev,
      code: backend('      - 3000\n'),
      errors: [{ line: 5, column: 9, endColumn: 13, message: `service "backend" publishes container port 3000 to an ephemeral host port on every host interface${fix}` }],
    },
    {
      name: '0.0.0.0 written out points at the address',
      filename: dev,
      code: backend('      - "0.0.0.0:5000:5000"\n'),
      errors: [{ line: 5, column: 10, endColumn: 17, message: `service "backend" publishes port 5000 to the host on 0.0.0.0: "0.0.0.0" is every host interface${oneAddress}` }],
    },
    {
      name: 'IPv6 [::] written out',
      filename: dev,
      code: backend('      - "[::]:5000:5000"\n'),
      errors: [{ line: 5, column: 11, endColumn: 13, message: `service "backend" publishes port 5000 to the host on ::: "::" is every host interface${oneAddress}` }],
    },
    {
      name: 'IPv6 all zeros in full',
      filename: dev,
      code: backend("      - '[0:0:0:0:0:0:0:0]:8080:80'\n"),
      errors: [{ line: 5, column: 11, endColumn: 26 }],
    },
    {
      name: 'range without address',
      filename: dev,
      code: backend('      - "9000-9010:9000-9010"\n'),
      errors: [{ line: 5, column: 9, endColumn: 30, message: `service "backend" publishes port 9000-9010 to the host on every host interface${fix}` }],
    },
    {
      name: 'udp',
      filename: dev,
      code: backend('      - 5353:5353/udp\n'),
      errors: [{ line: 5, column: 9, endColumn: 22, message: /publishes port 5353\/udp to the host on every host interface/ }],
    },
    {
      name: 'host port from an unset variable, no address',
      filename: dev,
      code: backend('      - "${PORT}:5000"\n'),
      errors: [{ line: 5, column: 9, endColumn: 23, message: `service "backend" publishes container port 5000 to a host port not fixed in the file on every host interface${fix}` }],
    },
    {
      name: 'host address from an unset variable points at the variable',
      filename: dev,
      code: backend('      - "${BIND}:5432:5432"\n'),
      errors: [{ line: 5, column: 10, endColumn: 17, message: `service "backend" publishes port 5432 to the host on every host interface: the host address \${BIND} is empty here; give it a single address, such as 127.0.0.1` }],
    },
    {
      name: 'address from a variable whose default is every interface',
      filename: dev,
      code: backend('      - ${BIND:-0.0.0.0}:5432:5432\n'),
      errors: [{ line: 5, column: 17, endColumn: 24, message: /on 0\.0\.0\.0: "0\.0\.0\.0" is every host interface/ }],
    },
    {
      name: 'long syntax without host_ip points at published',
      filename: dev,
      code: backend('      - target: 5432\n        published: "5432"\n        protocol: tcp\n'),
      errors: [{ line: 6, column: 20, endLine: 6, endColumn: 26, message: `service "backend" publishes port 5432 to the host on every host interface${longFix}` }],
    },
    {
      name: 'long syntax without published points at target',
      filename: dev,
      code: backend('      - target: 5432\n'),
      errors: [{ line: 5, column: 17, endColumn: 21 }],
    },
    {
      name: 'long syntax with host_ip 0.0.0.0 points at it',
      filename: dev,
      code: backend('      - target: 5432\n        published: 5432\n        host_ip: 0.0.0.0\n'),
      errors: [{ line: 7, column: 18, endColumn: 25 }],
    },
    {
      name: 'long syntax with host_ip "::"',
      filename: dev,
      code: backend('      - target: 5432\n        host_ip: "::"\n'),
      errors: [{ line: 6, column: 19, endColumn: 21, message: /"::" is every host interface/ }],
    },
    {
      name: 'long syntax with host_ip from an unset variable',
      filename: dev,
      code: backend('      - target: 5432\n        host_ip: ${BIND}\n'),
      errors: [{ line: 6, column: 18, endColumn: 25, message: /the host address \$\{BIND\} is empty here/ }],
    },
    {
      name: 'ports from an anchor: once for each service that uses it, at the anchor',
      filename: dev,
      code: 'x-debug: &debug\n  ports:\n    - "9229:9229"\nservices:\n  api:\n    <<: *debug\n    image: escashop/backend:1.0.0\n  worker:\n    <<: *debug\n    image: escashop/worker:1.0.0\n',
      errors: [
        { line: 3, column: 7, endColumn: 18, message: /^service "api" publishes port 9229/ },
        { line: 3, column: 7, endColumn: 18, message: /^service "worker" publishes port 9229/ },
      ],
    },
    {
      name: 'a data store in a test stack',
      filename: 'docker-compose.test.yml',
      code: 'services:\n  postgres:\n    image: postgres:16-alpine\n    ports: ["5432:5432", "127.0.0.1:5433:5432"]\n',
      errors: [{ line: 4, column: 13, endColumn: 24, severity: 'warning' }],
    },
    {
      name: 'an exporter of nginx is not the ingress',
      filename: dev,
      code: 'services:\n  metrics:\n    image: nginx/nginx-prometheus-exporter:1.3.0\n    ports:\n      - "9113:9113"\n',
      errors: [{ line: 5, column: 9, endColumn: 20 }],
    },
    {
      name: 'nginx is no ingress when the configuration names another',
      filename: dev,
      policy: { ingress: ['gateway'] },
      code: 'services:\n  nginx:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      errors: [{ line: 5, column: 9, endColumn: 18, message: `service "nginx" publishes container port 80 to host port 8080 on every host interface${fix}` }],
    },
  ],
});

describe('addresses that mean every interface', () => {
  it('knows 0.0.0.0 and the spellings of ::', () => {
    for (const a of ['0.0.0.0', '::', '[::]', '::0', '0::0', '0:0:0:0:0:0:0:0', ' :: ']) expect(isUnspecifiedAddress(a), a).toBe(true);
    for (const a of ['127.0.0.1', '::1', '[::1]', '10.0.0.0', '0.0.0.1', '0', '', ':', 'fe80::']) expect(isUnspecifiedAddress(a), a).toBe(false);
  });
});

describe('a dev project of several files (-f)', () => {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'ports-bind-host-ip-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'docker-compose.dev.yml'), backend('      - "127.0.0.1:5000:5000"\n'));
  writeFileSync(path.join(dir, 'docker-compose.debug.yml'), 'services:\n  backend:\n    ports:\n      - "9229:9229"\n');
  writeFileSync(path.join(dir, 'docker-compose.local.yml'), 'services:\n  backend:\n    ports: !override\n      - "5000:5000"\n');

  it('reports a port an override adds, in the override', async () => {
    const result = await lint([{ files: ['docker-compose.dev.yml', 'docker-compose.debug.yml'] }], { cwd: dir, rules: [rule], useConfig: false });
    expect(result.findings.map((f) => `${f.file} ${f.range.start.line}:${f.range.start.column}`)).toEqual(['docker-compose.debug.yml 4:9']);
  });

  it('reports the unbound port an override puts in place of a bound one', async () => {
    const result = await lint([{ files: ['docker-compose.dev.yml', 'docker-compose.local.yml'] }], { cwd: dir, rules: [rule], useConfig: false });
    expect(result.findings.map((f) => `${f.file} ${f.range.start.line}:${f.range.start.column}`)).toEqual(['docker-compose.local.yml 4:9']);
  });

  it('runs nowhere in a project with a prod file: compose/ingress-only-ports has those ports', async () => {
    writeFileSync(path.join(dir, 'docker-compose.yml'), backend('      - "5000:5000"\n'));
    const result = await lint([{ files: ['docker-compose.yml', 'docker-compose.debug.yml'] }], { cwd: dir, rules: [rule], useConfig: false });
    expect(result.findings).toEqual([]);
  });
});
