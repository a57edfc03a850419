import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

import { describe, expect, it } from 'vitest';
import { lintProject, WITH_CONF } from '../_shared/lint-project.js';

describe('redis/maxmemory-set: messages', () => {
  it('says it is the image default, at the service key', async () => {
    const got = await lintProject(rule, { 'compose.yaml': 'services:\n  cache:\n    image: redis:7.2-alpine\n' });
    expect(got).toEqual([
      {
        file: 'compose.yaml',
        at: '2:3-2:8',
        severity: 'warning',
        message:
          "service \"cache\" runs redis with the image's defaults, which set no maxmemory: redis grows until the kernel's OOM killer stops it (or the host swaps), losing what it held in memory; set maxmemory below the container's memory limit",
        related: [],
      },
    ]);
  });
  it('points at the config file when it has no maxmemory', async () => {
    const got = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'appendonly yes\n' });
    expect(got.map((f) => [f.at, f.related.map((r) => r.file)])).toEqual([['2:3-2:8', ['redis/redis.conf']]]);
  });
});
