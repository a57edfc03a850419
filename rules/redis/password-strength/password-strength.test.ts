import { rangeOf } from '../../../test/host-project.js';
import { lintWithSettings, projectFixtureTests } from '../../../test/project-fixtures.js';
import type { CaseSettings } from '../../../test/rule-tester.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

import { describe, expect, it } from 'vitest';
import { lintProject, WITH_CONF } from '../_shared/lint-project.js';

describe('redis/password-strength: messages', () => {
  it('names the setting, never the value, and redacts it', async () => {
    const got = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': 'requirepass foobared\n' });
    expect(got).toEqual([
      {
        file: 'redis/redis.conf',
        at: '1:13-1:21',
        severity: 'error',
        message:
          'the requirepass password of service "redis" is a well-known sample password; redis checks passwords as fast as clients send them, so use 32 or more random characters, read from a secret when the container starts',
        related: [],
        redact: [{ start: { line: 1, column: 13 }, end: { line: 1, column: 21 } }],
      },
    ]);
  });
  it('a password from a variable the .env sets is checked, with the .env line related', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': 'services:\n  redis:\n    image: redis:7.2\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n',
      '.env': 'REDIS_PASSWORD=tiny7\n',
    });
    expect(got.map((f) => [f.at, f.message.includes('tiny7'), f.message.includes('shorter than 32'), f.related.map((r) => `${r.file} ${r.range.start.line}`)])).toEqual([
      ['4:41-4:58', false, true, ['.env 1']],
    ]);
  });
  it('31 characters is short, 32 is not; quoted ACL passwords are checked whole', async () => {
    const short = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': `user app on ">${'a1'.repeat(15)}b" ~* +@read\n` });
    expect(short.map((f) => f.at)).toEqual(['1:13-1:47']);
    const long = await lintProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': `requirepass ${'a1'.repeat(16)}\n` });
    expect(long).toEqual([]);
  });
});

describe('redis/password-strength: options and policy', () => {
  const compose = (password: string) => `services:\n  redis:\n    image: redis:7.2\n    command: redis-server --requirepass ${password}\n`;
  const found = async (password: string, settings: CaseSettings) =>
    (await lintWithSettings(rule, { files: { 'compose.yaml': compose(password) } }, settings)).map((f) => `${rangeOf(f)} ${f.message}`);

  it('minLength sets the length the message asks for', async () => {
    expect(await found('a1b2c3d4e5f6a7b8c9d0', { options: { minLength: 24 } })).toEqual([
      '4:41-4:61 the requirepass password of service "redis" is shorter than 24 characters; redis checks passwords as fast as clients send them, so use 24 or more random characters, read from a secret when the container starts',
    ]);
    expect(await found('a1b2c3d4e5f6a7b8c9d0', { options: { minLength: 20 } })).toEqual([]);
  });

  it('a sample password is reported whatever minLength says, unless the configuration allows the value', async () => {
    expect((await found('foobared', { options: { minLength: 1 } })).map((f) => f.slice(0, 9))).toEqual(['4:41-4:49']);
    expect(await found('foobared', { policy: { secrets: { allowValues: ['^foo'] } } })).toEqual([]);
  });
});
