import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintProject } from '../../../test/host-project.js';
import { dbService } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const subnet = "the compose network's subnet (for example 172.28.0.0/16, set under networks: ipam:)";

describe('postgres/hba-address-scope', () => {
  it('reports an open address at the address, naming the family', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': dbService('postgres:16', 'command: postgres -c hba_file=/etc/postgresql/pg_hba.conf', 'volumes:', '  - ./pg_hba.conf:/etc/postgresql/pg_hba.conf:ro'),
      'pg_hba.conf': 'hostssl all all ::/0 scram-sha-256\n',
    });
    expect(got).toEqual([`pg_hba.conf 1:17-1:21 warning pg_hba.conf of service "db" accepts "hostssl" connections from every IPv6 address; name ${subnet} instead`]);
  });

  it("reports the image's line at the service key", async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16') })).toEqual([
      `compose.yaml 2:3-2:5 warning service "db" uses the image's pg_hba.conf, which accepts TCP connections from every address ("host all all all"); mount a pg_hba.conf that names ${subnet}`,
    ]);
  });

  it('is off in dev', async () => {
    expect(await lintProject(rule, { 'docker-compose.dev.yml': dbService('postgres:16') })).toEqual([]);
  });
});
