import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

import { describe, expect, it } from 'vitest';
import { lintProject, WITH_CONF } from '../_shared/lint-project.js';

describe('redis/rename-command-deprecated: messages', () => {
  it('names the command, not its new name', async () => {
    const got = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'rename-command config s3cr3t-config-name\n' });
    expect(got.map((f) => [f.at, f.severity, f.message.includes('s3cr3t'), f.message.slice(0, 60)])).toEqual([
      ['1:1-1:15', 'info', false, 'rename-command CONFIG in service "redis" is deprecated: it h'],
    ]);
  });
});
