import { describe, expect, it } from 'vitest';
import { fixProject } from '../../../test/fix-tester.js';
import { WITH_CONF } from '../_shared/lint-project.js';
import rule from './index.js';

const SUGGESTION = 'suggestion: set "protected-mode yes" (redis then refuses clients from other containers until it has a password: set one with requirepass or an ACL file)';
const redis = (command: string) => `services:\n  redis:\n    image: redis:7.2-alpine\n    command: ${command}\n`;

describe('redis/protected-mode: --fix (a suggestion)', () => {
  it('sets the line of redis.conf that takes effect to yes, keeping CRLF line endings and the comments', async () => {
    const conf = '# network\r\nprotected-mode yes\r\nport 6379\r\nprotected-mode no\r\n# end\r\n';
    const { texts, fixes } = await fixProject(rule, { 'compose.yaml': WITH_CONF, 'redis/redis.conf': conf });
    expect(texts).toEqual({ 'redis/redis.conf': '# network\r\nprotected-mode yes\r\nport 6379\r\nprotected-mode yes\r\n# end\r\n' });
    expect(fixes).toEqual([SUGGESTION]);
  });

  it('edits the word of the compose command that sets it, in a string or a list', async () => {
    const { texts } = await fixProject(rule, { 'compose.yaml': redis('redis-server --protected-mode no --port 6379 # open') });
    expect(texts).toEqual({ 'compose.yaml': redis('redis-server --protected-mode yes --port 6379 # open') });
    const list = await fixProject(rule, { 'compose.yaml': redis('["redis-server", "--protected-mode", "no"]') });
    expect(list.texts).toEqual({ 'compose.yaml': redis('["redis-server", "--protected-mode", "yes"]') });
  });

  it('edits the override file whose command sets it', async () => {
    const override = 'services:\n  redis:\n    command: redis-server --protected-mode no\n';
    const { texts } = await fixProject(rule, { 'compose.yaml': 'services:\n  redis:\n    image: redis:7.2-alpine\n', 'compose.override.yaml': override });
    expect(texts).toEqual({ 'compose.override.yaml': override.replace('mode no', 'mode yes') });
  });

  it('has no fix when the command uses a variable', async () => {
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': redis('redis-server --protected-mode ${PROTECTED_MODE:-no}') });
    expect(texts).toEqual({});
    expect(findings.map((f) => [f.range.start.line, f.fix])).toEqual([[4, undefined]]);
  });
});
