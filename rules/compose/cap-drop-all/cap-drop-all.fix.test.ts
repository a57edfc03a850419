import { describe, expect, it } from 'vitest';
import { fixFile, fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0 # pinned\n${body}`;

describe('compose/cap-drop-all: --fix', () => {
  it('adds cap_drop: [ALL] to a block service, after its last line and before a comment below it', async () => {
    expect(await fixFile(rule, { 'compose.yaml': svc('    # hardening below\n') })).toBe(svc('    cap_drop:\n      - ALL\n    # hardening below\n'));
  });

  it('extends an existing cap_drop, flow or block, keeping comments and CRLF line endings', async () => {
    expect(await fixFile(rule, { 'compose.yaml': svc('    cap_drop: [NET_RAW] # raw sockets\n') })).toBe(svc('    cap_drop: [NET_RAW, ALL] # raw sockets\n'));
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    expect(await fixFile(rule, { 'compose.yaml': crlf(svc('    cap_drop:\n      - NET_RAW\n    read_only: true\n')) })).toBe(crlf(svc('    cap_drop:\n      - NET_RAW\n      - ALL\n    read_only: true\n')));
  });

  it('fills an empty cap_drop, and adds to a flow service', async () => {
    expect(await fixFile(rule, { 'compose.yaml': svc('    cap_drop: []\n') })).toBe(svc('    cap_drop: [ALL]\n'));
    expect(await fixFile(rule, { 'compose.yaml': 'services:\n  backend: {image: "escashop/backend:1.0.0"}\n' })).toBe('services:\n  backend: {image: "escashop/backend:1.0.0", cap_drop: [ALL]}\n');
  });

  it('edits the anchored text a merge key brings in', async () => {
    const text = 'x-hardening: &hardening\n  cap_drop: [NET_RAW]\nservices:\n  backend:\n    <<: *hardening\n    image: escashop/backend:1.0.0\n';
    expect(await fixFile(rule, { 'compose.yaml': text })).toBe(text.replace('[NET_RAW]', '[NET_RAW, ALL]'));
  });

  it('extends the list in the file a service extends', async () => {
    const common = 'services:\n  base:\n    image: escashop/backend:1.0.0\n    cap_drop: [NET_RAW]\n';
    const { texts, fixes } = await fixProject(rule, {
      'compose.yaml': 'services:\n  backend:\n    extends:\n      file: common.yaml\n      service: base\n',
      'common.yaml': common,
    });
    expect(texts).toEqual({ 'common.yaml': common.replace('[NET_RAW]', '[NET_RAW, ALL]') });
    expect(fixes).toEqual(['fix: add ALL to cap_drop of service "backend" (give back with cap_add only what it needs)']);
  });

  it('adds the key to the service block of the last -f file that writes the service', async () => {
    const prod = 'services:\n  backend:\n    restart: unless-stopped\n';
    const { texts } = await fixProject(rule, { 'compose.yaml': svc(''), 'compose.prod.yaml': prod }, { composeFiles: ['compose.yaml', 'compose.prod.yaml'] });
    expect(texts).toEqual({ 'compose.prod.yaml': `${prod}    cap_drop:\n      - ALL\n` });
  });

  it('edits the override file\'s own cap_drop', async () => {
    const prod = 'services:\n  backend:\n    cap_drop: [NET_RAW]\n';
    const { texts } = await fixProject(rule, { 'compose.yaml': svc(''), 'compose.prod.yaml': prod }, { composeFiles: ['compose.yaml', 'compose.prod.yaml'] });
    expect(texts).toEqual({ 'compose.prod.yaml': prod.replace('[NET_RAW]', '[NET_RAW, ALL]') });
  });
});
