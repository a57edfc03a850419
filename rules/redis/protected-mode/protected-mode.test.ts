import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

import { describe, expect, it } from 'vitest';
import { lintProject, WITH_CONF } from '../_shared/lint-project.js';

describe('redis/protected-mode: messages', () => {
  it('says the official default is already no', async () => {
    const got = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'protected-mode no\n' });
    expect(got).toEqual([
      {
        file: 'redis/redis.conf',
        at: '1:1-1:18',
        severity: 'error',
        message:
          '"protected-mode no" with no password in service "redis": redis answers clients from any address; the official images already default to "no", so this line changes nothing there, and only a password protects the server',
        related: [],
      },
    ]);
  });
  it('the command line wins over the file, and an ACL file counts as a password', async () => {
    const overridden = await lintProject(rule, {
      'compose.yaml': WITH_CONF.replace('redis.conf\n    volumes', 'redis.conf --protected-mode yes\n    volumes'),
      'redis/redis.conf': 'protected-mode no\n',
    });
    expect(overridden).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'protected-mode no\naclfile /etc/redis/users.acl\n' })).toEqual([]);
  });
});
