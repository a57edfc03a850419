import { describe, expect, it } from 'vitest';
import { fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const COMPOSE =
  'services:\n  db:\n    image: postgres:16-alpine\n    command: postgres -c hba_file=/etc/postgresql/pg_hba.conf\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    volumes:\n      - ./postgres/pg_hba.conf:/etc/postgresql/pg_hba.conf:ro\n';

describe('postgres/hba-no-trust: --fix', () => {
  it('replaces trust with scram-sha-256 on each host line, keeping the columns and comments after it', async () => {
    const hba = '# TYPE  DATABASE  USER  ADDRESS       METHOD\nlocal   all       all                 trust\nhost    all       all   10.0.0.0/8    trust   # app network\r\nhostssl all       all   0.0.0.0/0     trust\nhost    all       all   ::/0          md5\n';
    const { texts, findings, fixes } = await fixProject(rule, { 'compose.yaml': COMPOSE, 'postgres/pg_hba.conf': hba });
    expect(texts).toEqual({
      'postgres/pg_hba.conf':
        '# TYPE  DATABASE  USER  ADDRESS       METHOD\nlocal   all       all                 trust\nhost    all       all   10.0.0.0/8    scram-sha-256   # app network\r\nhostssl all       all   0.0.0.0/0     scram-sha-256\nhost    all       all   ::/0          md5\n',
    });
    expect(findings).toHaveLength(2);
    const fix = 'fix: replace "trust" with "scram-sha-256" in pg_hba.conf (a role without a password can then no longer log in)';
    expect(fixes).toEqual([fix, fix]);
  });

  it('has no fix for POSTGRES_HOST_AUTH_METHOD=trust: the image writes that pg_hba.conf, and the password must be set first', async () => {
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': 'services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n' });
    expect(texts).toEqual({});
    expect(findings.map((f) => [f.range.start.line, f.fix])).toEqual([[5, undefined]]);
  });
});
