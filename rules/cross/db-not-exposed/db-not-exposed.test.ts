import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintFiles } from '../_shared/lint-files.js';
import { lintStandalone } from '../../../test/standalone-config.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const REDIS_CAN = "read, change and delete every key and rewrite the server's configuration (CONFIG SET)";

/** A compose file with one service `cache` (or `db`) and the lines given under it. */
const service = (name: string, image: string, ...lines: string[]) => ['services:', `  ${name}:`, `    image: ${image}`, ...lines.map((l) => `    ${l}`), ''].join('\n');

describe('cross/db-not-exposed', () => {
  it('reports redis without a password published on every address, at the port, with why as related', async () => {
    expect(await lintFiles(rule, { 'compose.yaml': service('cache', 'redis:7.2', 'ports:', '  - "6379:6379"') })).toEqual([
      {
        at: 'compose.yaml:5:9-5:20',
        severity: 'error',
        message: `service "cache" publishes port 6379 to the host, which other machines reach, and asks for no password: anyone who reaches the host can ${REDIS_CAN}; publish it on 127.0.0.1 or not at all, and set requirepass from a secret`,
        related: ['compose.yaml:2:3-8 redis runs with the image\'s defaults: no password'],
      },
    ]);
  });

  it('is a warning in dev files', async () => {
    const got = await lintFiles(rule, { 'compose.dev.yaml': service('cache', 'redis:7.2', 'ports:', '  - "6379:6379"') });
    expect(got.map((f) => `${f.at} ${f.severity}`)).toEqual(['compose.dev.yaml:5:9-5:20 warning']);
  });

  it('points at the user line that leaves the default user open', async () => {
    const got = await lintFiles(rule, {
      'compose.yaml': service('cache', 'redis:7.2', 'command: redis-server /etc/redis.conf', 'ports:', '  - 6379:6379', 'volumes:', '  - ./redis.conf:/etc/redis.conf:ro'),
      'redis.conf': 'user default on nopass ~* &* +@all\n',
    });
    expect(got.map((f) => [f.at, f.related])).toEqual([['compose.yaml:6:9-6:18', ['redis.conf:1:1-35 this line leaves the default user without a password']]]);
  });

  it('leaves alone a port on loopback, a server with a password, protected mode, a lost --requirepass word, the host network and an address an unset variable may give', async () => {
    const quiet = [
      service('cache', 'redis:7.2', 'ports:', '  - "[::1]:6379:6379"'),
      service('cache', 'redis:7.2', 'command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?}"]', 'ports:', '  - "6379:6379"'),
      service('cache', 'redis:7.2', 'command: redis-server --protected-mode yes', 'ports:', '  - "6379:6379"'),
      service('cache', 'redis:7.2', 'command: redis-server --requirepass ${REDIS_PASSWORD}', 'ports:', '  - "6379:6379"'),
      service('cache', 'redis:7.2', 'network_mode: host', 'ports:', '  - "6379:6379"'),
      service('cache', 'redis:7.2', 'ports:', '  - "6380:6380"'),
      service('cache', 'redis:7.2', 'ports:', '  - "${LISTEN_ADDR}6379:6379"'),
    ];
    for (const compose of quiet) expect(await lintFiles(rule, { 'compose.yaml': compose }), compose).toEqual([]);
  });

  it('reports postgres trust published, names the users a trust line lets in, and leaves a loopback listen_addresses alone', async () => {
    const hba = (users: string) => ({
      'compose.yaml': service('db', 'postgres:16.4', 'command: ["postgres", "-c", "hba_file=/etc/pg_hba.conf", "-c", "listen_addresses=*"]', 'ports:', '  - "5432:5432"', 'volumes:', '  - ./pg_hba.conf:/etc/pg_hba.conf:ro'),
      'pg_hba.conf': `host all ${users} ::/0 trust\n`,
    });
    expect((await lintFiles(rule, hba('app,reports'))).map((f) => [f.at, f.message.split(';')[0], f.related])).toEqual([
      [
        'compose.yaml:6:9-6:20',
        'service "db" publishes port 5432 to the host, which other machines reach, and asks for no password: anyone who reaches the host can sign in to postgres as "app", "reports"',
        ['pg_hba.conf:1:27-32 this pg_hba.conf line trusts connections from any address'],
      ],
    ]);
    const local = service('db', 'postgres:16.4', 'command: postgres -c listen_addresses=localhost', 'environment:', '  POSTGRES_HOST_AUTH_METHOD: trust', 'ports:', '  - "5432:5432"');
    expect(await lintFiles(rule, { 'compose.yaml': local })).toEqual([]);
    const subnet = { ...hba('all'), 'pg_hba.conf': 'host all all 172.16.0.0/12 trust\n' };
    expect(await lintFiles(rule, subnet)).toEqual([]);
  });

  it('has nothing to say about a config file linted on its own: it needs the compose services', () => {
    expect(lintStandalone(rule, 'redis', 'redis.conf', 'protected-mode no\nbind 0.0.0.0\n')).toEqual([]);
  });
});
