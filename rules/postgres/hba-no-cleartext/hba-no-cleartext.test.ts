import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintConfigFile } from '../../../test/config-file.js';
import { dbService } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const MOUNTED = dbService('postgres:16', 'command: postgres -c hba_file=/etc/postgresql/pg_hba.conf', 'volumes:', '  - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro');

describe('postgres/hba-no-cleartext', () => {
  it('names the method and why, at the method', async () => {
    const got = await lintProject(rule, { 'compose.yaml': MOUNTED, 'pg_hba.conf': 'host all all 10.0.0.0/8 password\nhostnossl all all 10.0.0.0/8 password\nhost all all 10.0.0.0/8 ident\n' });
    expect(got).toEqual([
      'pg_hba.conf 1:25-1:33 error pg_hba.conf of service "db" authenticates "host" connections with "password", which sends the password in clear text whenever the client does not ask for TLS: anyone on the network path (another container, a proxy, the host) reads it; use scram-sha-256',
      'pg_hba.conf 2:30-2:38 error pg_hba.conf of service "db" authenticates "hostnossl" connections with "password", which sends the password in clear text: anyone on the network path (another container, a proxy, the host) reads it; use scram-sha-256',
      'pg_hba.conf 3:25-3:30 error pg_hba.conf of service "db" authenticates "host" connections with "ident", which believes the user name an ident server on the client\'s machine reports, so whoever controls that machine (any container on the network) logs in as any role; use scram-sha-256',
    ]);
  });

  it('leaves password over TLS or GSSAPI encryption, and ident on the socket, alone', async () => {
    const got = await lintProject(rule, { 'compose.yaml': MOUNTED, 'pg_hba.conf': 'hostssl all all 10.0.0.0/8 password\nhostgssenc all all 10.0.0.0/8 password\nlocal all all ident\n' });
    expect(got).toEqual([]);
  });

  it('reports POSTGRES_HOST_AUTH_METHOD=password at the value', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'environment:', '  POSTGRES_HOST_AUTH_METHOD: password') });
    expect(got).toEqual([
      `compose.yaml 5:34-5:42 error POSTGRES_HOST_AUTH_METHOD=password of service "db" makes the image's pg_hba.conf authenticate every TCP connection with "password", which sends the password in clear text whenever the client does not ask for TLS: anyone on the network path (another container, a proxy, the host) reads it; use scram-sha-256`,
    ]);
  });

  it('checks a pg_hba.conf linted on its own', async () => {
    expect(await lintConfigFile(rule, { 'pg_hba.conf': 'local all all peer\nhost all all 0.0.0.0/0 password\n' }, 'pg_hba.conf')).toEqual([
      'pg_hba.conf 2:24-2:32 error pg_hba.conf authenticates "host" connections with "password", which sends the password in clear text whenever the client does not ask for TLS: anyone on the network path (another container, a proxy, the host) reads it; use scram-sha-256',
    ]);
  });
});
