import { describe, expect, it } from 'vitest';
import { configKindOfText, fileKindOf } from '../../src/input/file-kind.js';

const never = (): string => {
  throw new Error('the name alone decides; the text must not be read');
};

describe('fileKindOf: by name', () => {
  it.each([
    ['/p/docker-compose.prod.yml', 'compose'],
    ['/p/compose.yaml', 'compose'],
    ['/p/nginx/nginx.conf', 'nginx'],
    ['/p/nginx.prod.conf', 'nginx'],
    ['/p/site.nginx', 'nginx'],
    ['/p/config/redis/redis-prod.conf', 'redis'],
    ['/p/valkey.conf', 'redis'],
    ['/p/db/postgresql.conf', 'postgresql'],
    ['/p/db/postgres.prod.conf', 'postgresql'],
    ['/p/db/pg_hba.conf', 'pg_hba'],
    ['/p/docker-compose.prod', 'compose'],
    ['/p/redis.conf.example', 'redis'],
    ['/p/db/pg_hba.conf.j2', 'pg_hba'],
  ] as const)('%s is %s', (file, kind) => {
    expect(fileKindOf(file, never)).toBe(kind);
  });
});

describe('fileKindOf: a file in an nginx folder, or of no telling name', () => {
  it('is nginx in conf.d, sites-enabled, snippets or nginx, whatever else its text could be', () => {
    for (const file of ['/p/nginx/conf.d/app.conf', '/p/sites-enabled/app', '/p/nginx/mime.types']) {
      expect(fileKindOf(file, () => 'types {\n    text/html html;\n}\n')).toBe('nginx');
      expect(fileKindOf(file, () => 'maxmemory 1gb\n')).toBe('nginx');
    }
  });

  it('is compose without a .conf ending when the text is none of the config formats', () => {
    expect(fileKindOf('/p/stack', () => 'services:\n  web:\n    image: nginx:1.27\n')).toBe('compose');
    expect(fileKindOf('/p/stack.conf', () => 'services:\n  web:\n    image: nginx:1.27\n')).toBeUndefined();
  });

  it('is undefined for pg_ident.conf, which no rule reads', () => {
    expect(fileKindOf('/p/pg_ident.conf', () => 'mymap  root  postgres\n')).toBeUndefined();
  });
});

describe('fileKindOf: a .conf file of no telling name goes by its text', () => {
  it.each([
    ['server {\n  listen 80;\n}\n', 'nginx'],
    ['proxy_set_header Host $host;\nproxy_set_header X-Real-IP $remote_addr;\n', 'nginx'],
    ['# cache\nmaxmemory 256mb\nmaxmemory-policy allkeys-lru\nbind 0.0.0.0\n', 'redis'],
    ["shared_buffers = 256MB   # a quarter of RAM\nlisten_addresses = '*'\n", 'postgresql'],
    ['# TYPE DATABASE USER ADDRESS METHOD\nlocal all all peer\nhost all all 10.0.0.0/8 scram-sha-256\n', 'pg_hba'],
  ] as const)('%j is %s', (text, kind) => {
    expect(fileKindOf('/p/custom.conf', () => text)).toBe(kind);
    expect(configKindOfText(text)).toBe(kind);
  });

  it('is undefined for a text that is none of them, or for a file that cannot be read', () => {
    expect(fileKindOf('/p/custom.conf', () => 'foo: [\n')).toBeUndefined();
    expect(fileKindOf('/p/custom.conf', () => '\n# only a comment\n')).toBeUndefined();
    expect(fileKindOf('/p/custom.conf', () => undefined)).toBeUndefined();
  });
});
