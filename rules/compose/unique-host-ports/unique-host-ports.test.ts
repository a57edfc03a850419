import { describe, expect, it } from 'vitest';
import { fixtureTests, ruleTester, runRule } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const two = (a: string, b: string) => `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - ${a}\n  api:\n    image: escashop/api:1.0.0\n    ports:\n      - ${b}\n`;
const tail = '; the engine binds a host port once, and the container started second fails ("port is already allocated")';

ruleTester(rule, {
  valid: [
    { name: 'different host ports', code: two('"8080:80"', '"8081:80"') },
    { name: 'same container port, different host ports', code: two('"80:80"', '"8000:80"') },
    { name: 'tcp and udp', code: two('"53:53/tcp"', '"53:53/udp"') },
    { name: 'tcp and udp in one service', code: 'services:\n  dns:\n    image: coredns/coredns:1.11.1\n    ports:\n      - "127.0.0.1:8388:8388/tcp"\n      - "127.0.0.1:8388:8388/udp"\n' },
    { name: 'two loopback addresses', code: two('"127.0.0.1:5432:5432"', '"127.0.0.2:5432:5432"') },
    { name: 'IPv4 and IPv6 wildcards', code: 'services:\n  vault:\n    image: hashicorp/vault:1.17\n    ports:\n      - "0.0.0.0:8200:8200"\n      - "[::]:8200:8200"\n' },
    { name: 'IPv4 loopback and IPv6 loopback', code: two('"127.0.0.1:6379:6379"', '"[::1]:6379:6379"') },
    { name: 'IPv4 wildcard and an IPv6 address', code: two('"0.0.0.0:80:80"', '"[::1]:80:80"') },
    { name: 'ranges that do not overlap', code: two('"9000-9009:9000-9009"', '"9010-9019:9000-9009"') },
    { name: 'a host range for one container port takes any free port of it', code: two('"5000-5999:80"', '"5000-5999:80"') },
    { name: 'ephemeral host ports', code: two('"3000"', '"3000"') },
    { name: 'host port 0 is ephemeral', code: two('"0:3000"', '"0:3000"') },
    { name: 'host address without host port', code: two('"127.0.0.1::5000"', '"127.0.0.1::5000"') },
    { name: 'an unset variable leaves no host port', code: two('"${WEB_PORT}:80"', '"${API_PORT}:80"') },
    { name: 'one mapping in two spellings in one service', code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n      - target: 80\n        published: 80\n' },
    { name: 'services in different profiles are alternatives', code: 'services:\n  web-dev:\n    image: nginx:1.27\n    profiles: [dev]\n    ports:\n      - "80:80"\n  web-prod:\n    image: nginx:1.27\n    profiles: [prod]\n    ports:\n      - "80:80"\n' },
    { name: 'network_mode host ignores ports', code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n  exporter:\n    image: prom/node-exporter:v1.8.2\n    network_mode: host\n    ports:\n      - "80:80"\n' },
    { name: 'not an IP address (Compose refuses it; no guess)', code: two('"80:80"', '"localhost:80:80"') },
  ],
  invalid: [
    {
      name: 'the same host port in two services, at the second',
      code: two('"8080:80"', '"8080:3000"'),
      errors: [{ line: 9, column: 9, endLine: 9, endColumn: 20, severity: 'error', message: `service "api" publishes host port 8080, which service "web" publishes too${tail}` }],
    },
    {
      name: 'all interfaces and one address',
      code: two('"5432:5432"', '"127.0.0.1:5432:5432"'),
      errors: [{ line: 9, column: 9, endColumn: 30, message: `service "api" publishes host port 5432 on 127.0.0.1, which service "web" publishes too${tail}` }],
    },
    {
      name: 'all interfaces and an IPv6 address',
      code: two('"80:80"', '"[::1]:80:8080"'),
      errors: [{ line: 9, column: 9, endColumn: 24, message: `service "api" publishes host port 80 on ::1, which service "web" publishes too${tail}` }],
    },
    {
      name: 'the IPv4 wildcard and an IPv4 address',
      code: two('"0.0.0.0:80:80"', '"10.0.0.5:80:80"'),
      errors: [{ line: 9, column: 9, message: /host port 80 on 10\.0\.0\.5, which service "web"/ }],
    },
    {
      name: 'one IPv6 address in two spellings',
      code: two('"[::1]:80:80"', '"[0:0:0:0:0:0:0:1]:80:80"'),
      errors: [{ line: 9, column: 9, message: /host port 80 on 0:0:0:0:0:0:0:1/ }],
    },
    {
      name: 'overlapping ranges',
      code: two('"9000-9010:9000-9010"', '"9005:80"'),
      errors: [{ line: 9, column: 9, endColumn: 18, message: `service "api" publishes host port 9005, which service "web" publishes too${tail}` }],
    },
    {
      name: 'udp clashes with udp',
      code: two('"53:53/udp"', '"53:5353/udp"'),
      errors: [{ line: 9, column: 9, message: /host port 53\/udp, which/ }],
    },
    {
      name: 'long syntax points at published, protocol and host_ip read',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8443:443"\n  api:\n    image: escashop/api:1.0.0\n    ports:\n      - target: 3000\n        published: "8443"\n        host_ip: 127.0.0.1\n        protocol: TCP\n',
      errors: [{ line: 10, column: 20, endColumn: 26, message: /publishes host port 8443 on 127\.0\.0\.1, which service "web"/ }],
    },
    {
      name: 'two mappings of one service',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n      - "80:8080"\n',
      errors: [{ line: 6, column: 9, endColumn: 18, message: 'service "web" publishes host port 80 twice; the engine binds a host port once, and the container fails to start ("port is already allocated")' }],
    },
    {
      name: 'a service without profiles clashes with a profiled one',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n  debug:\n    image: escashop/debug:1.0.0\n    profiles: [debug]\n    ports:\n      - "80:80"\n',
      errors: [{ line: 10, column: 9, message: /service "debug" publishes host port 80, which service "web"/ }],
    },
    {
      name: 'services sharing a profile',
      code: 'services:\n  a:\n    image: escashop/a:1.0.0\n    profiles: [tools, dev]\n    ports:\n      - "8080:80"\n  b:\n    image: escashop/b:1.0.0\n    profiles: [dev]\n    ports:\n      - "8080:80"\n',
      errors: [{ line: 11, column: 9 }],
    },
    {
      name: 'four services, three findings, each naming the earlier ones',
      code: 'services:\n  a:\n    image: escashop/a:1.0.0\n    ports: ["80:80"]\n  b:\n    image: escashop/b:1.0.0\n    ports: ["80:81"]\n  c:\n    image: escashop/c:1.0.0\n    ports: ["80:82"]\n  d:\n    image: escashop/d:1.0.0\n    ports: ["80:83"]\n',
      errors: [
        { line: 7, column: 13, message: /service "b" publishes host port 80, which service "a" publishes too/ },
        { line: 10, column: 13, message: /service "c" publishes host port 80, which services "a" and "b" publish too/ },
        { line: 13, column: 13, message: /service "d" publishes host port 80, which services "a", "b" and "c" publish too/ },
      ],
    },
    {
      name: 'host ports from variable defaults',
      code: two('"${WEB_PORT:-8080}:80"', '"${API_PORT:-8080}:3000"'),
      errors: [{ line: 9, column: 9, endColumn: 33, message: /service "api" publishes host port 8080, which service "web"/ }],
    },
  ],
});

describe('compose/unique-host-ports: related locations', () => {
  it('points at every earlier binding it clashes with', () => {
    const [finding] = runRule(rule, 'services:\n  a:\n    image: escashop/a:1.0.0\n    ports:\n      - "80:80"\n  b:\n    image: escashop/b:1.0.0\n    ports:\n      - target: 80\n        published: 80\n  c:\n    image: escashop/c:1.0.0\n    ports:\n      - "127.0.0.1:80:80"\n').slice(1);
    expect(finding?.related).toEqual([
      { message: 'service "a" publishes host port 80 here', file: 'docker-compose.yml', range: { start: { line: 5, column: 9 }, end: { line: 5, column: 16 } } },
      { message: 'service "b" publishes host port 80 here', file: 'docker-compose.yml', range: { start: { line: 10, column: 20 }, end: { line: 10, column: 22 } } },
    ]);
  });
});
