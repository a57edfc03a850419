import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decode, describeFsError, displayName, readSource, type ReadResult } from '../../src/input/source.js';
import { lint } from '../../src/lint.js';

const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'escashop-input-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  writeFileSync(path.join(dir, name), content);
  return name;
}

function read(name: string, maxBytes?: number): ReadResult {
  return readSource(name, { cwd: dir, ...(maxBytes === undefined ? {} : { maxBytes }) });
}

/** The refusal as `core/input line:col-line:col message`; fails if the file was accepted. */
function refusal(result: ReadResult): string {
  if (result.ok) throw new Error('expected the file to be refused');
  const { ruleId, severity, range, message } = result.finding;
  expect(severity).toBe('error');
  return `${ruleId} ${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column} ${message}`;
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('files that cannot be read', () => {
  it('a missing file', () => {
    const result = read('nope.yml');
    expect(refusal(result)).toBe('core/input 1:1-1:1 file not found');
    expect(!result.ok && result.finding.file).toBe('nope.yml');
  });

  it('a missing folder on the way', () => {
    write('plain.yml', 'a: 1\n');
    expect(refusal(read('plain.yml/inner.yml'))).toBe('core/input 1:1-1:1 file not found');
  });

  it('a directory', () => {
    mkdirSync(path.join(dir, 'sub'));
    expect(refusal(read('sub'))).toBe('core/input 1:1-1:1 is a directory, not a file');
  });

  it('a FIFO, which would block a read', () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.yml')]);
    expect(refusal(read('pipe.yml'))).toBe('core/input 1:1-1:1 is not a regular file');
  });

  it('a file larger than the limit', () => {
    write('big.yml', 'a'.repeat(101));
    expect(refusal(read('big.yml', 100))).toBe('core/input 1:1-1:1 file is 101 bytes, over the limit of 100 bytes');
    expect(read('big.yml', 101).ok).toBe(true);
  });

  it('describes permission and other file system errors in words', () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    expect(describeFsError(error('EACCES'))).toBe('permission denied');
    expect(describeFsError(error('EPERM'))).toBe('permission denied');
    expect(describeFsError(error('ENOENT'))).toBe('file not found');
    expect(describeFsError(error('EISDIR'))).toBe('is a directory, not a file');
    expect(describeFsError(error('ELOOP'))).toBe('cannot read file (too many levels of symbolic links)');
    expect(describeFsError(error('EIO'))).toBe('cannot read file (EIO)');
    expect(describeFsError('odd')).toBe('cannot read file (odd)');
  });

  // As root (CI runs as root) a file with mode 000 can still be read, so there is nothing to see.
  it.skipIf(process.getuid?.() === 0)('a file without read permission', () => {
    write('secret.yml', 'a: 1\n');
    chmodSync(path.join(dir, 'secret.yml'), 0o000);
    expect(refusal(read('secret.yml'))).toBe('core/input 1:1-1:1 permission denied');
  });
});

describe('files that are not UTF-8 text', () => {
  it('a binary file: at the first NUL byte', () => {
    write('bin.yml', bytes('a: 1\nb: x', [0], 'y\n'));
    expect(refusal(read('bin.yml'))).toBe('core/input 2:5-2:6 binary file (NUL byte at offset 9), not a text file');
  });

  it('UTF-16 with a byte-order mark, either byte order', () => {
    write('le.yml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: 1\n', 'utf16le')]));
    write('be.yml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('a: 1\n', 'utf16le').swap16()]));
    expect(refusal(read('le.yml'))).toBe('core/input 1:1-1:1 file is UTF-16 encoded; save it as UTF-8');
    expect(refusal(read('be.yml'))).toBe('core/input 1:1-1:1 file is UTF-16 encoded; save it as UTF-8');
  });

  it('UTF-16 without a byte-order mark, and UTF-32', () => {
    write('le-nobom.yml', Buffer.from('services: {}\n', 'utf16le'));
    write('utf32.yml', Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]));
    expect(refusal(read('le-nobom.yml'))).toBe('core/input 1:1-1:1 file is UTF-16 encoded; save it as UTF-8');
    expect(refusal(read('utf32.yml'))).toBe('core/input 1:1-1:1 file is UTF-32 encoded; save it as UTF-8');
  });

  it('invalid UTF-8: at the line and column of the bad byte', () => {
    write('latin1.yml', bytes('services:\n  web:\n    image: caf', [0xe9], '\n'));
    expect(refusal(read('latin1.yml'))).toBe('core/input 3:15-3:16 not valid UTF-8 (bad byte 0xe9 at offset 31)');
  });

  it('counts columns in UTF-16 units after multi-byte characters', () => {
    write('wide.yml', bytes('a: é😀 ', [0xff], '\n'));
    expect(refusal(read('wide.yml'))).toBe('core/input 1:8-1:9 not valid UTF-8 (bad byte 0xff at offset 10)');
  });

  it('finds overlong forms, surrogates and truncated sequences', () => {
    write('overlong.yml', bytes('a: ', [0xc0, 0xaf], '\n'));
    write('surrogate.yml', bytes('a: x', [0xed, 0xa0, 0x80], '\n'));
    write('overlong3.yml', bytes('a: ', [0xe0, 0x80, 0xaf], '\n'));
    write('toohigh.yml', bytes('a: ', [0xf4, 0x90, 0x80, 0x80], '\n'));
    write('truncated.yml', bytes('a: 1\nb: ', [0xe2, 0x82]));
    expect(refusal(read('overlong.yml'))).toBe('core/input 1:4-1:5 not valid UTF-8 (bad byte 0xc0 at offset 3)');
    expect(refusal(read('surrogate.yml'))).toBe('core/input 1:5-1:6 not valid UTF-8 (bad byte 0xed at offset 4)');
    expect(refusal(read('overlong3.yml'))).toBe('core/input 1:4-1:5 not valid UTF-8 (bad byte 0xe0 at offset 3)');
    expect(refusal(read('toohigh.yml'))).toBe('core/input 1:4-1:5 not valid UTF-8 (bad byte 0xf4 at offset 3)');
    expect(refusal(read('truncated.yml'))).toBe('core/input 2:4-2:5 not valid UTF-8 (bad byte 0xe2 at offset 8)');
  });
});

describe('files that are accepted', () => {
  it('UTF-8 text, as is', () => {
    write('ok.yml', 'services:\n  web:\n    image: café\n');
    const result = read('ok.yml');
    expect(result.ok && result.file).toEqual({ name: 'ok.yml', absPath: path.join(dir, 'ok.yml'), text: 'services:\n  web:\n    image: café\n' });
  });

  it('UTF-8 with a byte-order mark: the mark is dropped, so columns are not shifted', () => {
    write('bom.yml', bytes([0xef, 0xbb, 0xbf], 'services:\n  web:\n    privilegd: true\n'));
    const result = read('bom.yml');
    expect(result.ok && result.file.text.startsWith('services:')).toBe(true);
  });

  it('a byte-order mark does not shift the column of a bad byte either', () => {
    write('bom-bad.yml', bytes([0xef, 0xbb, 0xbf], 'a: ', [0xff], '\n'));
    expect(refusal(read('bom-bad.yml'))).toBe('core/input 1:4-1:5 not valid UTF-8 (bad byte 0xff at offset 6)');
  });

  it('an empty file is read (the schema check reports it)', () => {
    write('empty.yml', '');
    expect(read('empty.yml').ok).toBe(true);
  });
});

describe('decode', () => {
  it('never throws on any byte', () => {
    for (let b = 0; b < 256; b++) {
      expect(() => decode(Uint8Array.of(0x61, b, 0x62), 'x.yml', '/x.yml')).not.toThrow();
    }
  });
});

describe('displayName', () => {
  it('is relative to the working directory with / separators, or absolute outside it', () => {
    expect(displayName('/work/app/compose.yml', '/work/app')).toBe('compose.yml');
    expect(displayName('/work/app/deploy/compose.yml', '/work/app')).toBe('deploy/compose.yml');
    expect(displayName('/etc/compose.yml', '/work/app')).toBe('/etc/compose.yml');
  });
});

describe('through lint()', () => {
  it('reports refusals as findings and goes on with the other files', async () => {
    write('good.yml', bytes([0xef, 0xbb, 0xbf], 'services:\n  web:\n    image: a\n    privilegd: true\n'));
    const result = await lint(['missing.yml', 'good.yml'], { cwd: dir, rules: [] });
    expect(result.findings.map((f) => `${f.file} ${f.ruleId} ${f.range.start.line}:${f.range.start.column}`)).toEqual([
      'good.yml core/schema 4:5',
      'missing.yml core/input 1:1',
    ]);
  });
});
