import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

import { describe, expect, it } from 'vitest';
import { lintProject, WITH_CONF } from '../_shared/lint-project.js';

describe('redis/dangerous-commands: rules and environments', () => {
  it('lists only the commands the user keeps', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': WITH_CONF,
      'redis/redis.conf': 'user default off\nuser app on >d8c0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3 ~* -@all +@keyspace +get +set -keys\n',
    });
    expect(got).toEqual([
      {
        file: 'redis/redis.conf',
        at: '2:1-2:5',
        severity: 'error',
        message:
          'ACL user "app" of service "redis" may run FLUSHALL, FLUSHDB; a leaked password then wipes or reconfigures the server: give the application an ACL user with "-@dangerous"',
        related: [],
        // The ACL password on the line is masked in its code frame (src/model/config-secrets.ts).
        redact: [{ start: { line: 2, column: 13 }, end: { line: 2, column: 56 } }],
      },
    ]);
  });
  it('is off in dev files', async () => {
    expect(await lintProject(rule, { 'docker-compose.dev.yml': WITH_CONF, 'redis/redis.conf': 'requirepass 3f9c2a7d8e1b4c6f0a5d9e2b7c4f1a8d6e3b0c9f\n' })).toEqual([]);
  });
});
