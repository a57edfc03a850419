import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint.js';
import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const fix = '; put the data store only on networks with "internal: true" that the ingress does not join';
const nginx = '  nginx:\n    image: nginx:1.27-alpine\n    networks: [edge, app]\n';
const networks = 'networks:\n  edge: {}\n  app: {}\n  data:\n    internal: true\n';

ruleTester(rule, {
  valid: [
    {
      name: 'on an internal network the ingress does not join',
      code: `services:\n${nginx}  postgres:\n    image: postgres:16-alpine\n    networks: [data]\n  backend:\n    image: escashop/backend:1.0.0\n    networks: [app, data]\n${networks}`,
    },
    { name: '"internal" as a quoted string', code: 'services:\n  redis:\n    image: redis:7-alpine\n    networks:\n      cache:\n        aliases: [kv]\nnetworks:\n  cache:\n    internal: "true"\n' },
    { name: 'the default network declared internal', code: 'services:\n  postgres:\n    image: postgres:16-alpine\nnetworks:\n  default:\n    internal: true\n' },
    { name: 'not a data store', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n' },
    { name: 'a data store is known by its image, not by its name', code: 'services:\n  db:\n    build: ./db\n' },
    { name: 'an external network is judged where it is created', code: 'services:\n  postgres:\n    image: postgres:16-alpine\n    networks: [shared-data]\nnetworks:\n  shared-data:\n    external: true\n' },
    { name: 'network_mode host is compose/no-host-network\'s finding', code: 'services:\n  redis:\n    image: redis:7-alpine\n    network_mode: host\n' },
    { name: 'network_mode bridge is compose/user-defined-network\'s finding', code: 'services:\n  redis:\n    image: redis:7-alpine\n    network_mode: bridge\n' },
    { name: 'network_mode none: no network at all', code: 'services:\n  redis:\n    image: redis:7-alpine\n    network_mode: none\n' },
    { name: 'network_mode container: a container outside the project', code: 'services:\n  redis:\n    image: redis:7-alpine\n    network_mode: "container:vpn"\n' },
    {
      name: 'network_mode service: another service on internal networks only',
      code: 'services:\n  app:\n    image: escashop/backend:1.0.0\n    networks: [data]\n  redis:\n    image: redis:7-alpine\n    network_mode: service:app\nnetworks:\n  data:\n    internal: true\n',
    },
    { name: 'network_mode service: a service that is not in the project', code: 'services:\n  redis:\n    image: redis:7-alpine\n    network_mode: service:vpn\n' },
    { name: 'network_mode service: a loop ends without a network', code: 'services:\n  app:\n    image: escashop/backend:1.0.0\n    network_mode: service:redis\n  redis:\n    image: redis:7-alpine\n    network_mode: service:app\n' },
    { name: 'network_mode service: a service with network_mode host', code: 'services:\n  app:\n    image: escashop/backend:1.0.0\n    network_mode: host\n  redis:\n    image: redis:7-alpine\n    network_mode: service:app\n' },
    { name: 'the default bridge is compose/user-defined-network\'s finding', code: 'services:\n  redis:\n    image: redis:7-alpine\n    networks: [host-bridge]\nnetworks:\n  host-bridge:\n    external: true\n    name: bridge\n' },
    { name: 'off in dev', filename: 'docker-compose.dev.yml', code: 'services:\n  postgres:\n    image: postgres:16-alpine\n' },
    { name: 'off in test', filename: 'docker-compose.test.yml', code: 'services:\n  postgres:\n    image: postgres:16-alpine\n' },
    {
      name: 'nginx is no ingress when the configuration names another',
      policy: { ingress: ['gateway'] },
      code: `services:\n${nginx}  postgres:\n    image: postgres:16-alpine\n    networks: [data, app]\n${networks.replace('app: {}', 'app:\n    internal: true')}`,
    },
  ],
  invalid: [
    {
      name: 'no networks: the implicit default, at the service key',
      code: 'services:\n  postgres:\n    image: postgres:16-alpine\n',
      errors: [
        {
          line: 2,
          column: 3,
          endColumn: 11,
          severity: 'warning',
          message: `service "postgres" (PostgreSQL) names no network, so it is on the project's "default" network, which is not declared "internal: true"${fix}`,
        },
      ],
    },
    {
      name: 'no networks, beside the ingress on the default network',
      code: 'services:\n  nginx:\n    image: nginx:1.27-alpine\n  redis:\n    image: redis:7-alpine\n',
      errors: [{ line: 4, column: 3, endColumn: 8, message: `service "redis" (Redis) names no network, so it is on the project's "default" network, which is not declared "internal: true" and shared with the ingress service "nginx"${fix}` }],
    },
    {
      name: 'an empty networks list is the default too, at the networks key',
      code: 'services:\n  mongo:\n    image: mongo:7\n    networks: []\n',
      errors: [{ line: 4, column: 5, endColumn: 13, message: /^service "mongo" \(MongoDB\) names no network/ }],
    },
    {
      name: 'a list item',
      code: `services:\n${nginx}  postgres:\n    image: bitnami/postgresql:16\n    networks: [data, app]\n${networks}`,
      errors: [{ line: 7, column: 22, endColumn: 25, message: `service "postgres" (PostgreSQL) is on network "app", which is not declared "internal: true" and shared with the ingress service "nginx"${fix}` }],
    },
    {
      name: 'a mapping key',
      code: 'services:\n  redis:\n    image: redis:7-alpine\n    networks:\n      backend:\n        aliases: [cache]\nnetworks:\n  backend: {}\n',
      errors: [{ line: 5, column: 7, endColumn: 14, message: `service "redis" (Redis) is on network "backend", which is not declared "internal: true"${fix}` }],
    },
    {
      name: 'internal, but the ingress joins it',
      code: 'services:\n  proxy:\n    image: traefik:v3\n    networks: [data]\n  postgres:\n    image: postgres:16-alpine\n    networks: [data]\nnetworks:\n  data:\n    internal: true\n',
      errors: [{ line: 7, column: 16, endColumn: 20, message: `service "postgres" (PostgreSQL) is on network "data", which is shared with the ingress service "proxy"${fix}` }],
    },
    {
      name: '"internal: false" written out',
      code: 'services:\n  mysql:\n    image: mysql:8.4\n    networks: [data]\nnetworks:\n  data:\n    internal: false\n',
      errors: [{ line: 4, column: 16, endColumn: 20, message: /^service "mysql" \(MySQL\) is on network "data", which is not declared "internal: true"/ }],
    },
    {
      name: 'two keys with one Docker name are one network',
      code: 'services:\n  nginx:\n    image: nginx:1.27\n    networks: [front]\n  redis:\n    image: redis:7\n    networks: [cache]\nnetworks:\n  front:\n    name: shared\n  cache:\n    name: shared\n    internal: true\n',
      errors: [{ line: 7, column: 16, endColumn: 21, message: /which is shared with the ingress service "nginx"/ }],
    },
    {
      name: 'an external network the ingress of this project joins',
      code: 'services:\n  caddy:\n    image: caddy:2\n    networks: [web]\n  redis:\n    image: redis:7\n    networks: [web]\nnetworks:\n  web:\n    external: true\n',
      errors: [{ line: 7, column: 16, endColumn: 19, message: `service "redis" (Redis) is on network "web", which is shared with the ingress service "caddy"${fix}` }],
    },
    {
      name: 'the ingress on the default network by network_mode service:',
      code: 'services:\n  app:\n    image: escashop/backend:1.0.0\n  nginx:\n    image: nginx:1.27\n    network_mode: service:app\n  redis:\n    image: redis:7\n    networks: [default]\nnetworks:\n  default:\n    internal: true\n',
      errors: [{ line: 9, column: 16, endColumn: 23, message: /network "default", which is shared with the ingress service "nginx"/ }],
    },
    {
      name: 'network_mode service: the ingress itself',
      code: 'services:\n  nginx:\n    image: nginx:1.27\n  redis:\n    image: redis:7\n    network_mode: service:nginx\n',
      errors: [{ line: 6, column: 19, endColumn: 32, message: `service "redis" (Redis) shares the network stack of the ingress service "nginx"${fix}` }],
    },
    {
      name: 'network_mode service: a service on a network that is not internal',
      code: 'services:\n  app:\n    image: escashop/backend:1.0.0\n    networks: [data, web]\n  redis:\n    image: redis:7\n    network_mode: "service:app"\nnetworks:\n  data:\n    internal: true\n  web: {}\n',
      errors: [{ line: 7, column: 19, endColumn: 32, message: `service "redis" (Redis) shares the network stack of service "app", which is on network "web" (not declared "internal: true")${fix}` }],
    },
    {
      name: 'network_mode service: followed through a chain to the service that has the networks',
      code: 'services:\n  app:\n    image: escashop/backend:1.0.0\n  vpn:\n    image: escashop/vpn:1.0.0\n    network_mode: service:app\n  redis:\n    image: redis:7\n    network_mode: service:vpn\n',
      errors: [{ line: 9, column: 19, endColumn: 30, message: `service "redis" (Redis) shares the network stack of service "app", which is on network "default" (not declared "internal: true")${fix}` }],
    },
    {
      name: 'networks from an anchor are reported at the anchor',
      code: 'x-net: &net\n  networks:\n    - backend\nservices:\n  postgres:\n    <<: *net\n    image: postgres:16\nnetworks:\n  backend: {}\n',
      errors: [{ line: 3, column: 7, endColumn: 14 }],
    },
    {
      name: 'a network name from a variable',
      code: 'services:\n  postgres:\n    image: postgres:16\n    networks: ["${NET:-backend}"]\nnetworks:\n  backend: {}\n',
      errors: [{ line: 4, column: 24, endColumn: 31, message: /is on network "backend"/ }],
    },
    {
      name: 'a data store on the network of the configured ingress',
      policy: { ingress: ['gateway'] },
      code: 'services:\n  gateway:\n    build: ./gateway\n    networks: [data]\n  postgres:\n    image: postgres:16-alpine\n    networks: [data]\nnetworks:\n  data:\n    internal: true\n',
      errors: [{ line: 7, column: 16, endColumn: 20, message: `service "postgres" (PostgreSQL) is on network "data", which is shared with the ingress service "gateway"${fix}` }],
    },
  ],
});

describe('a prod project of several files (-f)', () => {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'db-internal-network-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  postgres:\n    image: postgres:16-alpine\n    networks: [data]\nnetworks:\n  data: {}\n');
  writeFileSync(path.join(dir, 'docker-compose.prod.yml'), 'networks:\n  data:\n    internal: true\n');
  writeFileSync(path.join(dir, 'docker-compose.edge.yml'), 'services:\n  nginx:\n    image: nginx:1.27-alpine\n    networks: [data]\n');
  const findings = async (...files: string[]) =>
    (await lint([{ files }], { cwd: dir, rules: [rule], useConfig: false })).findings.map((f) => `${f.file} ${f.range.start.line}:${f.range.start.column} ${f.message.split(';')[0]}`);

  it('the base file alone', async () => {
    expect(await findings('docker-compose.yml')).toEqual(['docker-compose.yml 4:16 service "postgres" (PostgreSQL) is on network "data", which is not declared "internal: true"']);
  });

  it('an override that makes the network internal', async () => {
    expect(await findings('docker-compose.yml', 'docker-compose.prod.yml')).toEqual([]);
  });

  it('an override that puts the ingress on it', async () => {
    expect(await findings('docker-compose.yml', 'docker-compose.prod.yml', 'docker-compose.edge.yml')).toEqual([
      'docker-compose.yml 4:16 service "postgres" (PostgreSQL) is on network "data", which is shared with the ingress service "nginx"',
    ]);
  });
});
