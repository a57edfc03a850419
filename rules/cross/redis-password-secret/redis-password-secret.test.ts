import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { everyFormat, redactedRanges } from '../_shared/formats.js';
import { lintFiles } from '../_shared/lint-files.js';
import { lintStandalone } from '../../../test/standalone-config.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const SAME_PLACE = 'give both the same secret file (the server reads it, the client a *_FILE variable) or the same ${VARIABLE}';

/** A compose file with a client `api` (its environment lines) and a redis service `redis` (its lines). */
const compose = (client: string[], server: string[]) =>
  ['services:', '  api:', '    image: example/api:1.4.2', '    environment:', ...client.map((l) => `      ${l}`), '  redis:', '    image: redis:7.2-alpine', ...server.map((l) => `    ${l}`), ''].join('\n');

describe('cross/redis-password-secret', () => {
  it('reports a literal password in a client URL at the password, redacted', async () => {
    const files = { 'compose.yaml': compose(['REDIS_URL: redis://:Kq93-url-secret@redis:6379/0'], ['command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?}"]']) };
    expect(await lintFiles(rule, files)).toEqual([
      {
        at: 'compose.yaml:5:27-5:42',
        severity: 'error',
        message: `the redis URL in REDIS_URL of service "api" embeds a literal password, while the one service "redis" checks (requirepass) comes from \${REDIS_PASSWORD}: the two can differ, and the copy is in the compose file and "docker inspect"; ${SAME_PLACE}`,
        related: ['compose.yaml:8:49-68 the password of service "redis" is set here (requirepass)'],
      },
    ]);
    expect(await redactedRanges(rule, files)).toEqual([['5:27-5:42']]);
  });

  it('no output format prints the passwords it compares', async () => {
    const files = {
      'compose.yaml': compose(['REDIS_URL: redis://:Kq94-client-secret@redis:6379/0', 'REDIS_PASSWORD: Kq95-client-other'], ['command: redis-server --requirepass Kq96-server-secret']),
    };
    const { findings, output } = await everyFormat(rule, files);
    expect(findings).toBe(1);
    expect(output).toContain('cross/redis-password-secret');
    for (const secret of ['Kq94', 'Kq95', 'Kq96']) expect(output).not.toContain(secret);
  });

  it('compares two literals without printing them: the same value passes, another is reported at the key', async () => {
    const server = ['command: redis-server --requirepass Kq97-server-secret'];
    expect(await lintFiles(rule, { 'compose.yaml': compose(['REDIS_HOST: redis', 'REDIS_PASSWORD: Kq97-server-secret'], server) })).toEqual([]);
    const got = await lintFiles(rule, { 'compose.yaml': compose(['REDIS_HOST: redis', 'REDIS_PASSWORD: Kq98-client-secret'], server) });
    expect(got).toEqual([
      {
        at: 'compose.yaml:6:7-6:21',
        severity: 'error',
        message: `the password service "api" sends in REDIS_PASSWORD is not the one service "redis" checks (requirepass); ${SAME_PLACE}`,
        related: ['compose.yaml:9:41-59 the password of service "redis" is set here (requirepass)'],
      },
    ]);
    expect(await redactedRanges(rule, { 'compose.yaml': compose(['REDIS_HOST: redis', 'REDIS_PASSWORD: Kq98-client-secret'], server) })).toEqual([['6:23-6:41']]);
  });

  it('leaves a literal URL password equal to a literal requirepass to compose/no-plaintext-secrets, and reports another', async () => {
    const server = ['command: redis-server --requirepass Kq97-server-secret'];
    expect(await lintFiles(rule, { 'compose.yaml': compose(['REDIS_URL: redis://:Kq97-server-secret@redis'], server) })).toEqual([]);
    const got = await lintFiles(rule, { 'compose.yaml': compose(['REDIS_URL: redis://default:Kq90-stale-secret@redis'], server) });
    expect(got.map((f) => [f.at, f.message.split(';')[0]])).toEqual([
      ['compose.yaml:5:34-5:51', 'the redis URL in REDIS_URL of service "api" embeds a literal password that is not the one service "redis" checks (requirepass)'],
    ]);
  });

  it('follows a password the server reads from its own environment when it starts', async () => {
    const server = ['command: sh -c \'exec redis-server --requirepass "$$REDIS_PASSWORD"\'', 'environment:', '  REDIS_PASSWORD: ${REDIS_PASSWORD:?}'];
    expect(await lintFiles(rule, { 'compose.yaml': compose(['REDIS_URL: redis://:${REDIS_PASSWORD}@redis:6379'], server) })).toEqual([]);
    const got = await lintFiles(rule, { 'compose.yaml': compose(['REDIS_URL: redis://:${CACHE_SECRET}@redis:6379'], server) });
    expect(got.map((f) => [f.at, f.message.split(';')[0]])).toEqual([
      ['compose.yaml:5:27-5:42', 'the password service "api" sends in the URL of REDIS_URL comes from ${CACHE_SECRET}, while the one service "redis" checks (requirepass) comes from ${REDIS_PASSWORD}: the two can differ'],
    ]);
  });

  it('reports a secret file against a variable, with the file named as written', async () => {
    const got = await lintFiles(rule, {
      'compose.yaml': [
        compose(['REDIS_HOST: redis', 'REDIS_PASSWORD_FILE: /run/secrets/cache'], ['command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?}"]']).replace('    environment:', '    secrets: [cache]\n    environment:'),
        'secrets:',
        '  cache:',
        '    file: ./secrets/cache.txt',
        '',
      ].join('\n'),
    });
    expect(got.map((f) => [f.at, f.message.split(';')[0]])).toEqual([
      ['compose.yaml:7:7-7:26', 'the password service "api" sends in REDIS_PASSWORD_FILE is read from the secret file "./secrets/cache.txt", while the one service "redis" checks (requirepass) comes from ${REDIS_PASSWORD}: the two can differ'],
    ]);
  });

  it('takes a URL without a password with the password variable of its group', async () => {
    const server = ['command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?}"]'];
    expect(await lintFiles(rule, { 'compose.yaml': compose(['CACHE_REDIS_URL: redis://redis:6379', 'CACHE_REDIS_PASSWORD: ${REDIS_PASSWORD}'], server) })).toEqual([]);
    // another group's password may be the one it uses: not known, not reported
    expect(await lintFiles(rule, { 'compose.yaml': compose(['REDIS_URL: redis://redis:6379', 'QUEUE_REDIS_PASSWORD: ${REDIS_PASSWORD}'], server) })).toEqual([]);
  });

  it('does not claim a client sends no password when an env_file or a lone URL user part may give it one, nor judge a host variable alone', async () => {
    const server = ['command: ["redis-server", "--requirepass", "${REDIS_PASSWORD:?}"]'];
    const withEnvFile = compose(['REDIS_URL: redis://redis:6379'], server).replace('    environment:', '    env_file: [api.env]\n    environment:');
    expect(await lintFiles(rule, { 'compose.yaml': withEnvFile, 'api.env': 'REDIS_PASSWORD=x\n' })).toEqual([]);
    expect(await lintFiles(rule, { 'compose.yaml': compose(['REDIS_HOST: redis'], server) })).toEqual([]);
    expect(await lintFiles(rule, { 'compose.yaml': compose(['REDIS_URL: redis://app-user@redis:6379'], server) })).toEqual([]);
  });

  it('reports a client without a password at its URL, with the requirepass as related', async () => {
    const got = await lintFiles(rule, { 'compose.yaml': compose(['- BROKER_URL=redis://redis:6379/0'], ['command: redis-server --requirepass ${REDIS_PASSWORD}']), '.env': 'REDIS_PASSWORD=Kq99-env-secret\n' });
    expect(got).toEqual([
      {
        at: 'compose.yaml:5:20-5:40',
        severity: 'error',
        message: `service "api" connects to service "redis" through BROKER_URL without a password, but service "redis" asks for one: redis answers every command with NOAUTH; ${SAME_PLACE}`,
        related: ['compose.yaml:8:41-58 the password of service "redis" is set here (requirepass)'],
      },
    ]);
  });

  it('has nothing to say about a config file linted on its own: it needs the compose services', () => {
    expect(lintStandalone(rule, 'redis', 'redis.conf', 'requirepass Kq61-standalone-secret\n')).toEqual([]);
  });
});
