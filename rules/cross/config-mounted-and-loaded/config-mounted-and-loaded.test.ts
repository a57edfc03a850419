import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';
import { lintFiles } from '../_shared/lint-files.js';

projectFixtureTests(rule, import.meta.dirname);

const findings = (files: Record<string, string>) => lintFiles(rule, files);

describe('cross/config-mounted-and-loaded', () => {
  it('a redis.conf redis-server is not told to read, at the mount source, with the command as related', async () => {
    const compose = 'services:\n  cache:\n    image: redis:7\n    command: redis-server --appendonly yes\n    volumes:\n      - ./redis.conf:/etc/redis/redis.conf:ro\n';
    expect(await findings({ 'compose.yaml': compose, 'redis.conf': 'maxmemory 1mb\n' })).toEqual([
      {
        at: 'compose.yaml:6:9-6:21',
        severity: 'error',
        message:
          'service "cache" mounts a redis.conf at /etc/redis/redis.conf, but redis is started without a config file (the first argument of redis-server), so it runs with its defaults and none of the file\'s settings',
        related: ['compose.yaml:4:14-26 redis is started here'],
      },
    ]);
  });

  it('a postgresql.conf away from config_file, with the image default command as related', async () => {
    const compose = 'services:\n  db:\n    image: postgres:16\n    environment:\n      PGDATA: /data/pg\n    volumes:\n      - ./postgresql.conf:/var/lib/postgresql/data/postgresql.conf\n';
    expect(await findings({ 'compose.yaml': compose, 'postgresql.conf': "work_mem = '4MB'\n" })).toEqual([
      {
        at: 'compose.yaml:7:9-7:26',
        severity: 'error',
        message:
          'service "db" mounts a postgresql.conf at /var/lib/postgresql/data/postgresql.conf, but postgres reads its postgresql.conf from /data/pg/postgresql.conf, so the mounted file\'s settings are not in effect',
        related: ['compose.yaml:2:3-5 service "db" runs the image\'s default command'],
      },
    ]);
  });

  it('an entry file missing from its folder, and nothing when its folder is missing too', async () => {
    const compose = (source: string) => `services:\n  web:\n    image: nginx:1\n    volumes:\n      - ${source}:/etc/nginx/nginx.conf:ro\n`;
    expect(await findings({ 'compose.yaml': compose('./nginx/nginx.conf'), 'nginx/mime.types': 'types {}\n' })).toEqual([
      {
        at: 'compose.yaml:5:9-5:27',
        severity: 'error',
        message:
          'service "web" mounts /etc/nginx/nginx.conf, which nginx reads, from ./nginx/nginx.conf, which does not exist in the project; Docker creates an empty directory there and nginx cannot read its configuration',
        related: ['compose.yaml:2:3-6 service "web" runs the image\'s default command'],
      },
    ]);
    expect(await findings({ 'compose.yaml': compose('./elsewhere/nginx.conf') })).toEqual([]);
  });

  it('a file a command copies into place, or an include reads, is read', async () => {
    const compose =
      'services:\n  cache:\n    image: redis:7\n    command: sh -c "cp /tmp/redis.conf /data/redis.conf && exec redis-server /data/redis.conf"\n    volumes:\n      - ./redis.conf:/tmp/redis.conf:ro\n      - ./base.conf:/etc/redis/redis-base.conf:ro\n      - ./main.conf:/etc/redis/redis.conf:ro\n';
    const files = { 'compose.yaml': compose.replace('exec redis-server /data/redis.conf', 'exec redis-server /etc/redis/redis.conf'), 'redis.conf': '', 'base.conf': 'maxmemory 1mb\n', 'main.conf': 'include /etc/redis/redis-base.conf\n' };
    expect(await findings(files)).toEqual([]);
  });
});
