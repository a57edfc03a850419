import { describe, expect, it } from 'vitest';
import { fixFile, fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const hint = (service: string, tmpfs: string) =>
  `suggestion: set read_only: true on service "${service}"; then give each path it writes outside its volumes a tmpfs (likely "tmpfs: [${tmpfs}]") and watch for "Read-only file system" errors`;

describe('compose/read-only-rootfs: --fix (a suggestion)', () => {
  it('adds read_only: true, with the tmpfs paths the official images need in the description', async () => {
    const text = 'services:\n  backend:\n    image: escashop/backend:1.0.0\n  nginx:\n    image: nginx:1.27-alpine # proxy\n  db: {image: "postgres:16-alpine"}\n';
    const { texts, fixes } = await fixProject(rule, { 'compose.yaml': text });
    expect(texts).toEqual({
      'compose.yaml': 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    read_only: true\n  nginx:\n    image: nginx:1.27-alpine # proxy\n    read_only: true\n  db: {image: "postgres:16-alpine", read_only: true}\n',
    });
    expect(fixes).toEqual([hint('backend', '/tmp'), hint('nginx', '/tmp, /var/cache/nginx, /var/run'), hint('db', '/tmp, /var/run/postgresql')]);
  });

  it('sets a value that is not true, keeping CRLF line endings and the comment after it', async () => {
    const text = "services:\r\n  backend:\r\n    image: escashop/backend:1.0.0\r\n    read_only: 'false' # for now\r\n";
    expect(await fixFile(rule, { 'compose.yaml': text })).toBe("services:\r\n  backend:\r\n    image: escashop/backend:1.0.0\r\n    read_only: true # for now\r\n");
  });

  it('has no fix for a value from a variable', async () => {
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    read_only: ${READ_ONLY:-false}\n' });
    expect(texts).toEqual({});
    expect(findings.map((f) => [f.range.start.line, f.fix])).toEqual([[4, undefined]]);
  });
});
