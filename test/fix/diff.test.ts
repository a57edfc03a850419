import { describe, expect, it } from 'vitest';
import { diffTexts, unifiedDiff, writeDiff } from '../../src/fix/diff.js';

describe('unifiedDiff', () => {
  it('shows a change with three lines of context', () => {
    expect(unifiedDiff('compose.yaml', 'a\nb\nc\nd\ne\nf\ng\nh\ni\n', 'a\nb\nc\nd\nE\nf\ng\nh\ni\n')).toBe(
      '--- a/compose.yaml\n+++ b/compose.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n',
    );
  });

  it('marks a last line without a line break', () => {
    expect(unifiedDiff('compose.yaml', 'a\nb', 'a\nc')).toBe('--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
  });

  it('keeps CRLF lines as they are, and is empty when nothing changed', () => {
    expect(unifiedDiff('c.yaml', 'a\r\nb\r\n', 'a\r\nc\r\n')).toBe('--- a/c.yaml\n+++ b/c.yaml\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n');
    expect(unifiedDiff('c.yaml', 'a\n', 'a\n')).toBe('');
  });
});

describe('diffTexts', () => {
  it('gives the diffs of the changed files in name order', () => {
    const before = new Map([['/p/z.yaml', 'a\n'], ['/p/a.conf', 'x\n'], ['/p/same', 's\n']]);
    const after = new Map([['/p/z.yaml', 'b\n'], ['/p/a.conf', 'y\n'], ['/p/same', 's\n']]);
    expect(diffTexts(before, after, (file) => file.slice(3))).toBe(
      '--- a/a.conf\n+++ b/a.conf\n@@ -1,1 +1,1 @@\n-x\n+y\n--- a/z.yaml\n+++ b/z.yaml\n@@ -1,1 +1,1 @@\n-a\n+b\n',
    );
  });
});

describe('writeDiff', () => {
  it('never shows a secret file\'s value', () => {
    const write = { file: '/p/secrets/db_password.txt', text: 'hunter2\n', mode: 0o600, secret: true };
    expect(writeDiff('secrets/db_password.txt', write, undefined)).toBe('--- /dev/null\n+++ b/secrets/db_password.txt\n(new file, mode 0600, contents not shown)\n');
    expect(writeDiff('secrets/db_password.txt', write, 'old\n')).toBe('--- a/secrets/db_password.txt\n+++ b/secrets/db_password.txt\n(file replaced, mode 0600, contents not shown)\n');
  });

  it('shows the lines an append adds, and a new file', () => {
    const ignore = { file: '/p/.gitignore', text: 'secrets/\n', append: true };
    expect(writeDiff('.gitignore', ignore, 'node_modules\n')).toBe('--- a/.gitignore\n+++ b/.gitignore\n@@ -1,1 +1,2 @@\n node_modules\n+secrets/\n');
    expect(writeDiff('.gitignore', ignore, 'secrets/\n')).toBe('');
    expect(writeDiff('.gitignore', ignore, undefined)).toBe('--- /dev/null\n+++ b/.gitignore\n@@ -0,0 +1,1 @@\n+secrets/\n');
  });
});
