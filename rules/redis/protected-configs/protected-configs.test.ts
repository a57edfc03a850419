import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

import { describe, expect, it } from 'vitest';
import { lintProject, WITH_CONF } from '../_shared/lint-project.js';

describe('redis/protected-configs: messages', () => {
  it('names the setting and what it unlocks', async () => {
    const got = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'enable-module-command yes\n' });
    expect(got).toEqual([
      {
        file: 'redis/redis.conf',
        at: '1:1-1:26',
        severity: 'error',
        message:
          '"enable-module-command yes" in service "redis" lets any client that connects use it: MODULE LOAD can then load a shared library, so a client can run any code in the server; leave it "no", or "local" to allow it only from inside the container',
        related: [],
      },
    ]);
  });
});
