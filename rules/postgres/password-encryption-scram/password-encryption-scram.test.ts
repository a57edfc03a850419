import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintProject } from '../../../test/host-project.js';
import { dbService } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

describe('postgres/password-encryption-scram', () => {
  it('says the image default pg_hba.conf follows a command-line md5', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'command: -c password_encryption=md5') });
    expect(got).toEqual([
      `compose.yaml 4:37-4:40 warning password_encryption of service "db" stores new passwords as MD5 hashes, which are as good as the password, and the image's pg_hba.conf then authenticates TCP connections with md5; set it to scram-sha-256 and set the passwords again`,
    ]);
  });

  it('reports a mounted file at the value, without the image note when a pg_hba.conf is mounted too', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': dbService('postgres:16', 'volumes:', '  - ./conf:/etc/postgresql:ro', 'command: postgres -c config_file=/etc/postgresql/postgresql.conf -c hba_file=/etc/postgresql/pg_hba.conf'),
      'conf/postgresql.conf': "password_encryption = 'TRUE'\n",
      'conf/pg_hba.conf': 'host all all 10.0.0.0/8 scram-sha-256\n',
    });
    expect(got).toEqual([
      'conf/postgresql.conf 1:23-1:29 warning password_encryption of service "db" stores new passwords as MD5 hashes, which are as good as the password; set it to scram-sha-256 and set the passwords again',
    ]);
  });
});
