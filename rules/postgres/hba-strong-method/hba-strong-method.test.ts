import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintProject } from '../../../test/host-project.js';
import { dbService } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

describe('postgres/hba-strong-method', () => {
  it('names the method and why it is weak, at the method', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': dbService('postgres:16', 'command: postgres -c hba_file=/etc/postgresql/pg_hba.conf', 'volumes:', '  - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro'),
      'pg_hba.conf': 'hostssl all all 10.0.0.0/8 password\nhost all all 10.0.0.0/8 md5\n',
    });
    expect(got).toEqual([
      'pg_hba.conf 1:28-1:36 warning pg_hba.conf of service "db" authenticates "hostssl" connections with "password", which hands the server the password itself (the encryption only hides it on the way); use scram-sha-256',
      'pg_hba.conf 2:25-2:28 warning pg_hba.conf of service "db" authenticates "host" connections with "md5", which checks against stored MD5 hashes that work as the password for whoever steals them; use scram-sha-256',
    ]);
  });

  it('reports the image default of PostgreSQL 13 at the service, naming the version', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgis/postgis:13-3.4') });
    expect(got).toEqual([
      'compose.yaml 2:3-2:5 warning service "db" runs PostgreSQL 13 (tag "13-3.4"), whose image writes a pg_hba.conf that authenticates TCP connections with "md5" (the default before PostgreSQL 14); upgrade, or set POSTGRES_HOST_AUTH_METHOD=scram-sha-256 with password_encryption=scram-sha-256',
    ]);
  });

  it('reads the version of timescaledb and pgvector tags from their pgNN part', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('timescale/timescaledb:2.14.2-pg13') })).toHaveLength(1);
    expect(await lintProject(rule, { 'compose.yaml': dbService('timescale/timescaledb:2.14.2-pg16') })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': dbService('pgvector/pgvector:pg12') })).toHaveLength(1);
  });

  it('reports POSTGRES_HOST_AUTH_METHOD=md5 at the value', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'environment:', '  POSTGRES_HOST_AUTH_METHOD: md5') });
    expect(got).toEqual([
      `compose.yaml 5:34-5:37 warning POSTGRES_HOST_AUTH_METHOD=md5 of service "db" makes the image's pg_hba.conf authenticate TCP connections with "md5", which checks against stored MD5 hashes that work as the password for whoever steals them; use scram-sha-256`,
    ]);
  });

  it('leaves clear-text password and ident to postgres/hba-no-cleartext: one finding per line', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': dbService('postgres:16', 'command: postgres -c hba_file=/etc/postgresql/pg_hba.conf', 'volumes:', '  - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro'),
      'pg_hba.conf': 'host all all 10.0.0.0/8 password\nhostnossl all all 10.0.0.0/8 password\nhostssl all all 10.0.0.0/8 ident\n',
    });
    expect(got).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'environment:', '  POSTGRES_HOST_AUTH_METHOD: password') })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:12', 'environment:', '  POSTGRES_HOST_AUTH_METHOD: ident') })).toEqual([]);
  });

  it('leaves an untagged image and an unknown tag alone', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres') })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:alpine') })).toEqual([]);
  });
});
