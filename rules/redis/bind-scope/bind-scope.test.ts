import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintConfigFile } from '../../../test/config-file.js';
import { WITH_CONF } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

describe('redis/bind-scope', () => {
  it('says the port is published and there is no password, at the port', async () => {
    const got = await lintProject(rule, { 'compose.yaml': 'services:\n  redis:\n    image: redis:7.2-alpine\n    ports:\n      - "6379:6379"\n' });
    expect(got).toEqual([
      'compose.yaml 5:9-5:20 warning redis in service "redis" listens on every interface (the image\'s default "bind * -::*") and port 6379 to the host publishes it, and it asks for no password: anyone who reaches the host on its port can read, change and delete every key; drop the port (the other services reach redis over the compose network) or publish it on 127.0.0.1, and set a password (see redis/auth-required)',
    ]);
  });

  it('leaves a published server with a password to the port rules', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': 'services:\n  redis:\n    image: redis:7.2-alpine\n    command: sh -c \'exec redis-server --requirepass "$$REDIS_PASSWORD"\'\n    ports:\n      - "0.0.0.0:16379:6379"\n',
    });
    expect(got).toEqual([]);
  });

  it('says a password only slows nobody down on the host network', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': 'services:\n  redis:\n    image: redis:7.2-alpine\n    network_mode: host\n    command: sh -c \'exec redis-server --requirepass "$$REDIS_PASSWORD"\'\n',
    });
    expect(got).toEqual([
      'compose.yaml 4:19-4:23 warning redis in service "redis" listens on every interface (no config file and no --bind, so redis\'s default "bind * -::*") and network_mode: host puts it on every interface of the host: anyone who reaches the host on its port can try passwords against it as fast as the network allows (redis does not slow down failed AUTH attempts); leave network_mode: host, or bind the addresses its clients use',
    ]);
  });

  it('leaves a server its ports do not publish to redis/auth-required, with or without a bind line', async () => {
    expect(await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'bind 0.0.0.0 ::\n' })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': 'services:\n  redis:\n    image: redis:7.2-alpine\n' })).toEqual([]);
  });

  it('puts the bind line, or the config file without one, as a related location', async () => {
    const published = WITH_CONF.replace('    volumes:', '    ports: ["6379:6379"]\n    volumes:');
    expect(await lintHostProjectRelated({ 'compose.yaml': published, 'redis/redis.conf': 'maxmemory 100mb\n' })).toEqual([['compose.yaml', '5:13-5:24', ['redis/redis.conf 1:1 the config file has no bind line']]]);
    expect(await lintHostProjectRelated({ 'compose.yaml': published, 'redis/redis.conf': '# all\nbind * -::*\n' })).toEqual([['compose.yaml', '5:13-5:24', ['redis/redis.conf 2:1 every interface is bound here']]]);
  });

  it('follows --bind and --protected-mode on the command line, which win over the file', async () => {
    const compose = (args: string) => `services:\n  redis:\n    image: redis:7.2-alpine\n    command: redis-server /usr/local/etc/redis/redis.conf ${args}\n    network_mode: host\n    volumes:\n      - ./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro\n`;
    const conf = 'bind 0.0.0.0\n';
    expect(await lintProject(rule, { 'compose.yaml': compose('--bind 127.0.0.1'), 'redis/redis.conf': conf })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': compose('--protected-mode yes'), 'redis/redis.conf': conf })).toEqual([]);
    const got = await lintProject(rule, { 'compose.yaml': compose('--bind "* -::*"'), 'redis/redis.conf': 'bind 127.0.0.1\n' });
    expect(got.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['compose.yaml 5:19-5:23']);
  });

  it('knows Bitnami\'s bind and its REDIS_ALLOW_REMOTE_CONNECTIONS', async () => {
    const bitnami = (env: string) => `services:\n  redis:\n    image: bitnami/redis:7.2\n    environment:\n      ALLOW_EMPTY_PASSWORD: "yes"\n${env}    ports:\n      - "6379:6379"\n`;
    const got = await lintProject(rule, { 'compose.yaml': bitnami('') });
    expect(got).toEqual([
      'compose.yaml 7:9-7:20 warning redis in service "redis" listens on every interface (Bitnami\'s image writes "bind 0.0.0.0 ::") and port 6379 to the host publishes it, and it asks for no password: anyone who reaches the host on its port can read, change and delete every key; drop the port (the other services reach redis over the compose network) or publish it on 127.0.0.1, and set a password (see redis/auth-required)',
    ]);
    expect(await lintProject(rule, { 'compose.yaml': bitnami('      REDIS_ALLOW_REMOTE_CONNECTIONS: "no"\n') })).toEqual([]);
  });

  it('says nothing about a redis.conf linted on its own: what reaches it is in the compose file', async () => {
    expect(await lintConfigFile(rule, { 'redis.conf': 'bind 0.0.0.0\n' }, 'redis.conf')).toEqual([]);
    expect(await lintConfigFile(rule, { 'redis.conf': 'maxmemory 1gb\n' }, 'redis.conf')).toEqual([]);
  });

  it('leaves a config file it cannot read alone', async () => {
    const compose = 'services:\n  redis:\n    image: redis:7.2-alpine\n    command: redis-server /etc/redis/redis.conf\n    ports:\n      - "6379:6379"\n';
    expect(await lintProject(rule, { 'compose.yaml': compose })).toEqual([]);
  });
});

/** Each finding's file, range and related locations. */
async function lintHostProjectRelated(files: Record<string, string>): Promise<[string, string, string[]][]> {
  const { lintHostProject, rangeOf } = await import('../../../test/host-project.js');
  return (await lintHostProject(rule, { files })).map((f) => [f.file, rangeOf(f), f.related.map((r) => `${r.file} ${r.range.start.line}:${r.range.start.column} ${r.message}`)]);
}
