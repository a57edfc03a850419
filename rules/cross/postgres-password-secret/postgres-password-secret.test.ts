import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { everyFormat, redactedRanges } from '../_shared/formats.js';
import { lintFiles } from '../_shared/lint-files.js';
import { lintStandalone } from '../../../test/standalone-config.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const SAME_PLACE = 'give both the same secret file (the server reads it, the client a *_FILE variable) or the same ${VARIABLE}';

/** A compose file with a client `api` (its environment lines) and a postgres service `db` (its lines). */
const compose = (client: string[], server: string[]) =>
  ['services:', '  api:', '    image: example/api:1.4.2', '    environment:', ...client.map((l) => `      ${l}`), '  db:', '    image: postgres:16.4', ...server.map((l) => `    ${l}`), ''].join('\n');

const WITH_PASSWORD = ['environment:', '  POSTGRES_USER: app', '  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?}'];

describe('cross/postgres-password-secret', () => {
  it('reports a literal password in a client URL at the password, redacted, with the server password related', async () => {
    const files = { 'compose.yaml': compose(['DATABASE_URL: postgres://app:Kq72-url-secret@db:5432/app'], WITH_PASSWORD) };
    expect(await lintFiles(rule, files)).toEqual([
      {
        at: 'compose.yaml:5:36-5:51',
        severity: 'error',
        message: `the postgres URL in DATABASE_URL of service "api" embeds a literal password, while the one service "db" checks (POSTGRES_PASSWORD) comes from \${POSTGRES_PASSWORD}: the two can differ, and the copy is in the compose file and "docker inspect"; ${SAME_PLACE}`,
        related: ['compose.yaml:10:7-24 the password of service "db" is set here (POSTGRES_PASSWORD)'],
      },
    ]);
    expect(await redactedRanges(rule, files)).toEqual([['5:36-5:51']]);
  });

  it('no output format prints the passwords it compares', async () => {
    const files = {
      'compose.yaml': compose(
        ['DATABASE_URL: postgresql://app:Kq73-url-secret@db/app', 'WORKER_DB_HOST: db', 'WORKER_DB_USER: app', 'WORKER_DB_PASSWORD: Kq74-client-secret'],
        ['environment:', '  POSTGRES_USER: app', '  POSTGRES_PASSWORD: Kq75-server-secret'],
      ),
    };
    const { findings, output } = await everyFormat(rule, files);
    expect(findings).toBe(2);
    for (const secret of ['Kq73', 'Kq74', 'Kq75']) expect(output).not.toContain(secret);
  });

  it('compares literal passwords by value, never printing them', async () => {
    const server = ['environment:', '  POSTGRES_PASSWORD: Kq76-server-secret'];
    expect(await lintFiles(rule, { 'compose.yaml': compose(['PGHOST: db', 'PGPASSWORD: Kq76-server-secret'], server) })).toEqual([]);
    expect(await lintFiles(rule, { 'compose.yaml': compose(['PGHOST: db', 'PGPASSWORD: Kq77-other-secret'], server) })).toEqual([
      {
        at: 'compose.yaml:6:7-6:17',
        severity: 'error',
        message: `the password service "api" sends in PGPASSWORD is not the one service "db" checks (POSTGRES_PASSWORD); ${SAME_PLACE}`,
        related: ['compose.yaml:10:7-24 the password of service "db" is set here (POSTGRES_PASSWORD)'],
      },
    ]);
  });

  it('reads a JDBC URL and its query parameters', async () => {
    const got = await lintFiles(rule, { 'compose.yaml': compose(['SPRING_DATASOURCE_URL: "jdbc:postgresql://db:5432/app?user=app&password=Kq78-query-secret"'], WITH_PASSWORD) });
    expect(got.map((f) => [f.at, f.message.split(';')[0]])).toEqual([['compose.yaml:5:79-5:96', 'the postgres URL in SPRING_DATASOURCE_URL of service "api" embeds a literal password, while the one service "db" checks (POSTGRES_PASSWORD) comes from ${POSTGRES_PASSWORD}: the two can differ, and the copy is in the compose file and "docker inspect"']]);
  });

  it('checks the user against POSTGRES_USER, or postgres by default, by value', async () => {
    const got = await lintFiles(rule, { 'compose.yaml': compose(['DATABASE_URL: postgres://admin:${POSTGRES_PASSWORD}@db/app'], ['environment:', '  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?}']) });
    expect(got).toEqual([
      {
        at: 'compose.yaml:5:32-5:37',
        severity: 'error',
        message:
          'service "api" connects to service "db" as user "admin" (in DATABASE_URL), which the compose setup never creates: the image creates only "postgres", and no init script is mounted; use POSTGRES_USER\'s source for both, or create the user in /docker-entrypoint-initdb.d',
        related: ['compose.yaml:6:3-5 service "db" sets no POSTGRES_USER: the user is "postgres"'],
      },
    ]);
    // a user from a variable, or a server user from a secret file, is not known: not judged
    expect(await lintFiles(rule, { 'compose.yaml': compose(['DATABASE_URL: postgres://${DB_USER}:${POSTGRES_PASSWORD}@db/app'], WITH_PASSWORD) })).toEqual([]);
  });

  it('only judges clients whose URL or host names the service', async () => {
    const server = ['environment:', '  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?}'];
    expect(await lintFiles(rule, { 'compose.yaml': compose(['DB_USER: app', 'DB_PASSWORD: ${DB_PASSWORD}'], server) })).toEqual([]);
    expect(await lintFiles(rule, { 'compose.yaml': compose(['DB_HOST: analytics-db', 'DB_PASSWORD: ${DB_PASSWORD}'], server) })).toEqual([]);
    expect(await lintFiles(rule, { 'compose.yaml': compose(['DB_HOST: db:5432', 'DB_PASSWORD: ${DB_PASSWORD}'], server) })).toHaveLength(1);
  });

  it('reports a password sent to a pg_hba.conf that trusts every connection, with the trust line related', async () => {
    const got = await lintFiles(rule, {
      'compose.yaml': compose(['DB_HOST: db', 'DB_PASSWORD_FILE: /run/secrets/pg'], ['command: ["postgres", "-c", "hba_file=/etc/postgresql/pg_hba.conf"]', 'volumes:', '  - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro']),
      'pg_hba.conf': 'local all all trust\nhost all all 0.0.0.0/0 trust\n',
    });
    expect(got.map((f) => [f.at, f.related])).toEqual([['compose.yaml:6:7-6:23', ['pg_hba.conf:2:24-29 pg_hba.conf trusts TCP connections here']]]);
  });

  it('has nothing to say about a config file linted on its own: it needs the compose services', () => {
    expect(lintStandalone(rule, 'pg_hba', 'pg_hba.conf', 'host all all 0.0.0.0/0 trust\n')).toEqual([]);
  });
});
