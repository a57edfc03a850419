import { describe, expect, it } from 'vitest';
import { fixFile, fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n    expose: ["5000"] # api\n${body}`;

describe('compose/restart-policy: --fix', () => {
  it('adds restart: unless-stopped to a service without a policy, block or flow', async () => {
    expect(await fixFile(rule, { 'compose.yaml': svc('') })).toBe(svc('    restart: unless-stopped\n'));
    expect(await fixFile(rule, { 'compose.yaml': 'services:\n  web: {image: "escashop/frontend:1.0.0", expose: ["80"]}\n' })).toBe(
      'services:\n  web: {image: "escashop/frontend:1.0.0", expose: ["80"], restart: unless-stopped}\n',
    );
  });

  it('changes "no" on a serving service in its quoting, keeping CRLF line endings and comments', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    expect(await fixFile(rule, { 'compose.yaml': crlf(svc('    restart: "no" # for now\n')) })).toBe(crlf(svc('    restart: "unless-stopped" # for now\n')));
  });

  it('sets swarm\'s condition none to any', async () => {
    expect(await fixFile(rule, { 'compose.yaml': svc('    deploy:\n      restart_policy:\n        condition: none\n        max_attempts: 3\n') })).toBe(
      svc('    deploy:\n      restart_policy:\n        condition: any\n        max_attempts: 3\n'),
    );
  });

  it('has no fix for a value from a variable', async () => {
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': svc('    restart: ${RESTART:-no}\n') });
    expect(texts).toEqual({});
    expect(findings.map((f) => [f.range.start.line, f.fix])).toEqual([[5, undefined]]);
  });
});
