import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintProject } from '../../../test/host-project.js';
import { dbService } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const mounted = ['command: postgres -c hba_file=/etc/postgresql/pg_hba.conf', 'volumes:', '  - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro'];

describe('postgres/hba-no-trust', () => {
  it('reports trust on a host line at the method, not on the local line', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': dbService('postgres:16', ...mounted),
      'pg_hba.conf': 'local all all trust\nhostnossl  all all 10.0.0.0/8 trust\n',
    });
    expect(got).toEqual([
      'pg_hba.conf 2:31-2:36 error pg_hba.conf of service "db" lets "hostnossl" connections in without a password ("trust"); use scram-sha-256',
    ]);
  });

  it('reports POSTGRES_HOST_AUTH_METHOD=trust at the value, in the list form too', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'environment:', '  - POSTGRES_HOST_AUTH_METHOD=trust') });
    expect(got).toEqual([
      `compose.yaml 5:35-5:40 error POSTGRES_HOST_AUTH_METHOD=trust of service "db" makes the image's pg_hba.conf let every TCP connection in without a password; remove it and set POSTGRES_PASSWORD_FILE`,
    ]);
  });

  it('reads a quoted "trust" as trust, as postgres does in the method field', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgres:16', ...mounted), 'pg_hba.conf': 'host all all 10.0.0.0/8 "trust"\n' });
    expect(got).toEqual(['pg_hba.conf 1:25-1:32 error pg_hba.conf of service "db" lets "host" connections in without a password ("trust"); use scram-sha-256']);
  });

  it('says nothing about images whose entrypoint is not the official one', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('bitnami/postgresql:16', 'environment:', '  POSTGRES_HOST_AUTH_METHOD: trust') });
    expect(got).toEqual([]);
  });
});
