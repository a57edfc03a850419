import { describe, expect, it } from 'vitest';
import { isIngressName } from '../../../src/engine/api.js';
import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const tail = '; in prod only the ingress service may publish ports (use "expose:" or an internal network)';
const backend = (ports: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n    ports:\n${ports}`;

ruleTester(rule, {
  valid: [
    { name: 'expose is never a finding', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    expose:\n      - "5000"\n      - 9229\n' },
    { name: 'nginx by image publishes', code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n      - "443:443"\n' },
    { name: 'nginx by service name', code: 'services:\n  nginx:\n    build: ./nginx\n    ports:\n      - "80:80"\n' },
    { name: 'nginx-… service name', code: 'services:\n  nginx-proxy:\n    build: ./proxy\n    ports:\n      - "80:80"\n' },
    { name: 'image with registry, namespace and tag', code: 'services:\n  edge:\n    image: ghcr.io/nginxinc/nginx-unprivileged:1.27\n    ports:\n      - "8080:8080"\n' },
    { name: 'registry with a port and a namespace', code: 'services:\n  lb:\n    image: localhost:5000/ops/haproxy:2.9\n    ports:\n      - "8404:8404"\n' },
    { name: 'image by digest', code: 'services:\n  tls:\n    image: caddy@sha256:0000000000000000000000000000000000000000000000000000000000000000\n    ports:\n      - "443:443"\n' },
    { name: 'envoy image', code: 'services:\n  mesh:\n    image: envoyproxy/envoy:v1.30\n    ports:\n      - "10000:10000"\n' },
    { name: 'traefik image, long syntax', code: 'services:\n  gateway:\n    image: traefik:v3\n    ports:\n      - target: 443\n        published: 443\n        protocol: tcp\n' },
    { name: 'image from a variable with a literal default', code: 'services:\n  edge:\n    image: ${PROXY_IMAGE:-caddy:2}\n    ports:\n      - "443:443"\n' },
    { name: 'network_mode host', code: 'services:\n  exporter:\n    image: prom/node-exporter:v1.8.2\n    network_mode: host\n    ports:\n      - "9100:9100"\n' },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: backend('      - "5000:5000"\n') },
    { name: 'local file', filename: 'compose.local.yaml', code: backend('      - "5000:5000"\n') },
    { name: 'override file', filename: 'docker-compose.override.yml', code: backend('      - "5000:5000"\n') },
    { name: 'test file', filename: 'docker-compose.test.yml', code: backend('      - "5000:5000"\n') },
    { name: 'ci file', filename: 'docker-compose.ci.yml', code: backend('      - "5000:5000"\n') },
    { name: 'no ports at all', code: 'services:\n  postgres:\n    image: postgres:16-alpine\n' },
    { name: 'the configured ingress publishes', policy: { ingress: ['gateway'] }, code: 'services:\n  gateway:\n    build: ./gateway\n    ports:\n      - "443:443"\n' },
    { name: 'a configured name covers its "-" variants and image names', policy: { ingress: ['gateway'] }, code: 'services:\n  edge:\n    image: registry.example.com/ops/gateway-tls:2.1\n    ports:\n      - "443:443"\n' },
  ],
  invalid: [
    {
      name: 'short syntax, same port',
      code: backend('      - "5000:5000"\n'),
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 20, severity: 'error', message: `service "backend" publishes port 5000 to the host${tail}` }],
    },
    {
      name: 'plain number: container port only, ephemeral host port',
      code: backend('      - 3000\n'),
      errors: [{ line: 5, column: 9, endColumn: 13, message: `service "backend" publishes container port 3000 to an ephemeral host port${tail}` }],
    },
    {
      name: 'quoted container port only',
      code: backend('      - "3000"\n'),
      errors: [{ line: 5, column: 9, endColumn: 15, message: `service "backend" publishes container port 3000 to an ephemeral host port${tail}` }],
    },
    {
      name: 'different host and container port',
      code: backend("      - '8080:5000'\n"),
      errors: [{ line: 5, column: 9, endColumn: 20, message: `service "backend" publishes container port 5000 to host port 8080${tail}` }],
    },
    {
      name: 'IPv4 loopback is still a finding in prod',
      code: backend('      - "127.0.0.1:5432:5432"\n'),
      errors: [{ line: 5, column: 9, endColumn: 30, message: `service "backend" publishes port 5432 to the host on 127.0.0.1 (loopback only)${tail}` }],
    },
    {
      name: 'IPv6 loopback',
      code: backend('      - "[::1]:6379:6379"\n'),
      errors: [{ line: 5, column: 9, endColumn: 26, message: `service "backend" publishes port 6379 to the host on ::1 (loopback only)${tail}` }],
    },
    {
      name: 'every interface, written out',
      code: backend('      - 0.0.0.0:5000:5000\n'),
      errors: [{ line: 5, column: 9, endColumn: 26, message: `service "backend" publishes port 5000 to the host on 0.0.0.0${tail}` }],
    },
    {
      name: 'host address without host port',
      code: backend('      - "127.0.0.1::5000"\n'),
      errors: [{ line: 5, column: 9, endColumn: 26, message: `service "backend" publishes container port 5000 to an ephemeral host port on 127.0.0.1 (loopback only)${tail}` }],
    },
    {
      name: 'ranges',
      code: backend('      - "9000-9010:9000-9010"\n'),
      errors: [{ line: 5, column: 9, endColumn: 30, message: `service "backend" publishes port 9000-9010 to the host${tail}` }],
    },
    {
      name: 'udp',
      code: backend('      - "5353:5353/udp"\n'),
      errors: [{ line: 5, column: 9, endColumn: 24, message: `service "backend" publishes port 5353/udp to the host${tail}` }],
    },
    {
      name: 'host port from an unset variable',
      code: backend('      - "${PORT}:5000"\n'),
      errors: [{ line: 5, column: 9, endColumn: 23, message: `service "backend" publishes container port 5000 to a host port not fixed in the file${tail}` }],
    },
    {
      name: 'host address from a variable default',
      code: backend('      - ${BIND:-127.0.0.1}:5432:5432\n'),
      errors: [{ line: 5, column: 9, endColumn: 37, message: `service "backend" publishes port 5432 to the host on 127.0.0.1 (loopback only)${tail}` }],
    },
    {
      name: 'everything from variables',
      code: backend('      - "${PORT}:${PORT}"\n'),
      errors: [{ line: 5, column: 9, endColumn: 26, message: `service "backend" publishes a port set by a variable${tail}` }],
    },
    {
      name: 'long syntax points at published',
      code: backend('      - target: 5000\n        published: 8080\n        host_ip: 10.0.0.5\n        protocol: tcp\n        mode: host\n'),
      errors: [{ line: 6, column: 20, endLine: 6, endColumn: 24, message: `service "backend" publishes container port 5000 to host port 8080 on 10.0.0.5${tail}` }],
    },
    {
      name: 'long syntax without published points at target',
      code: backend('      - target: 5000\n        protocol: udp\n'),
      errors: [{ line: 5, column: 17, endLine: 5, endColumn: 21, message: `service "backend" publishes container port 5000/udp to an ephemeral host port${tail}` }],
    },
    {
      name: 'long syntax published from a variable points at the whole expression',
      code: backend('      - target: 5000\n        published: ${API_PORT}\n'),
      errors: [{ line: 6, column: 20, endLine: 6, endColumn: 31, message: `service "backend" publishes container port 5000 to a host port not fixed in the file${tail}` }],
    },
    {
      name: 'one finding per item, flow sequence',
      code: 'services:\n  postgres:\n    image: postgres:16-alpine\n    ports: ["5432:5432", 5433]\n',
      errors: [
        { line: 4, column: 13, endColumn: 24 },
        { line: 4, column: 26, endColumn: 30 },
      ],
    },
    {
      name: 'ports from a merge key point at the anchor',
      code: 'x-debug: &debug\n  ports:\n    - "9229:9229"\nservices:\n  backend:\n    <<: *debug\n    image: escashop/backend:1.0.0\n',
      errors: [{ line: 3, column: 7, endColumn: 18, message: `service "backend" publishes port 9229 to the host${tail}` }],
    },
    {
      name: 'ports list from an alias',
      code: 'x-ports: &ports\n  - "6379:6379"\nservices:\n  redis:\n    image: redis:7-alpine\n    ports: *ports\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: `service "redis" publishes port 6379 to the host${tail}` }],
    },
    {
      name: 'an exporter of nginx is not the ingress',
      code: 'services:\n  metrics:\n    image: nginx/nginx-prometheus-exporter:1.3.0\n    ports:\n      - "9113:9113"\n',
      errors: [{ line: 5, column: 9, endColumn: 20 }],
    },
    {
      name: 'a name that only starts with nginx is not the ingress',
      code: 'services:\n  nginxy:\n    image: escashop/nginxy:1.0.0\n    ports:\n      - "8080:80"\n',
      errors: [{ line: 5, column: 9, endColumn: 18 }],
    },
    {
      name: 'a proxy word inside a name is not enough',
      code: 'services:\n  my-nginx:\n    image: escashop/frontend:1.0.0\n    ports:\n      - "80:80"\n',
      errors: [{ line: 5, column: 9, endColumn: 16 }],
    },
    {
      name: 'a tag named like a proxy does not make the ingress',
      code: 'services:\n  backend:\n    image: escashop/backend:nginx\n    ports:\n      - "5000:5000"\n',
      errors: [{ line: 5, column: 9, endColumn: 20 }],
    },
    {
      name: 'a registry named like a proxy does not make the ingress',
      code: 'services:\n  backend:\n    image: nginx.example.com/escashop/backend:1.0.0\n    ports:\n      - "5000:5000"\n',
      errors: [{ line: 5, column: 9, endColumn: 20 }],
    },
    {
      name: 'network_mode other than host still publishes',
      code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    network_mode: bridge\n    ports:\n      - "5000:5000"\n',
      errors: [{ line: 6, column: 9, endColumn: 20 }],
    },
    {
      name: 'prod file by name',
      filename: 'docker-compose.prod.yml',
      code: backend('      - "5000:5000"\n'),
      errors: [{ line: 5, column: 9, severity: 'error' }],
    },
    {
      name: 'a service the configuration does not name is no ingress',
      code: 'services:\n  gateway:\n    build: ./gateway\n    ports:\n      - "443:443"\n',
      errors: [{ line: 5, column: 9, endColumn: 18, message: `service "gateway" publishes port 443 to the host${tail}` }],
    },
    {
      name: 'the configured list replaces the default one: nginx is no ingress then',
      policy: { ingress: ['gateway'] },
      code: 'services:\n  gateway:\n    build: ./gateway\n    ports:\n      - "443:443"\n  nginx:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n',
      errors: [{ line: 9, column: 9, endColumn: 16, message: `service "nginx" publishes port 80 to the host${tail}` }],
    },
  ],
});

describe('ingress names', () => {
  it('knows the proxies and their "-" variants, not look-alikes or exporters', () => {
    for (const name of ['nginx', 'NGINX', 'nginx-proxy', 'nginx-unprivileged', 'traefik', 'caddy', 'haproxy', 'envoy', 'envoy-distroless']) expect(isIngressName(name), name).toBe(true);
    for (const name of ['nginxy', 'my-nginx', 'backend', 'nginx-prometheus-exporter', 'haproxy-exporter', 'traefik_exporter', 'nginx2', '']) expect(isIngressName(name), name).toBe(false);
  });

  it('takes another list of ingress names', () => {
    expect(isIngressName('openresty', ['openresty'])).toBe(true);
    expect(isIngressName('nginx', ['openresty'])).toBe(false);
  });
});
