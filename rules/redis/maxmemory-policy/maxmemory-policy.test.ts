import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

import { describe, expect, it } from 'vitest';
import { lintProject, WITH_CONF } from '../_shared/lint-project.js';

describe('redis/maxmemory-policy: roles', () => {
  it('a cache by its config without a policy is told to evict', async () => {
    const got = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'save ""\nmaxmemory 100mb\n' });
    expect(got).toEqual([
      {
        file: 'redis/redis.conf',
        at: '2:1-2:16',
        severity: 'info',
        message:
          'maxmemory without maxmemory-policy in service "redis": the default noeviction makes every write fail once it is full; it keeps nothing on disk, so it is a cache: choose allkeys-lru or allkeys-lfu',
        related: [],
      },
    ]);
  });
  it('save points after save "" make it persistent again', async () => {
    expect(await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'save ""\nsave 900 1\nmaxmemory 100mb\nmaxmemory-policy noeviction\n' })).toEqual([]);
  });
});
