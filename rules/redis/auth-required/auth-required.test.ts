import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

import { describe, expect, it } from 'vitest';
import { lintProject, WITH_CONF } from '../_shared/lint-project.js';

describe('redis/auth-required: messages', () => {
  it('says the image default is the cause, at the service key', async () => {
    const got = await lintProject(rule, { 'compose.yaml': 'services:\n  cache:\n    image: redis:7.2-alpine\n' });
    expect(got).toEqual([
      {
        file: 'compose.yaml',
        at: '2:3-2:8',
        severity: 'error',
        message:
          'service "cache" runs redis with the image\'s defaults: no password, protected-mode off and every interface bound; anyone who reaches its port on the networks it joins can read, change and delete every key',
        related: [],
      },
    ]);
  });
  it('a warning in a dev file; the config file is a related location', async () => {
    const got = await lintProject(rule, { 'docker-compose.dev.yml': WITH_CONF, 'redis/redis.conf': 'port 6379\n' });
    expect(got.map((f) => [f.severity, f.at, f.related])).toEqual([
      ['warning', '2:3-2:8', [{ message: 'the config file sets no requirepass and no ACL user', file: 'redis/redis.conf', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }]],
    ]);
  });
  it('requirepass "" on the command line is no password; a later user line with a password is', async () => {
    const open = await lintProject(rule, { 'compose.yaml': 'services:\n  redis:\n    image: redis:7.2\n    command: redis-server --requirepass ""\n' });
    expect(open.map((f) => f.at)).toEqual(['2:3-2:8']);
    const closed = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'requirepass ""\nuser default on #4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce\n' });
    expect(closed).toEqual([]);
  });
  it('a later "user default ... nopass" line reopens a requirepass server', async () => {
    const got = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'requirepass 3f9c2a7d8e1b4c6f0a5d9e2b7c4f1a8d6e3b0c9f\nuser default on nopass\n' });
    expect(got.map((f) => [f.file, f.at])).toEqual([['redis/redis.conf', '2:1-2:23']]);
  });
  it('KeyDB run by its program name', async () => {
    const got = await lintProject(rule, { 'compose.yaml': 'services:\n  kv:\n    image: eqalpha/keydb:x86_64_v6.3.4\n    command: keydb-server --server-threads 2\n' });
    expect(got.map((f) => f.at)).toEqual(['2:3-2:5']);
  });
});
