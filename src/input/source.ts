import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { recorder } from '../cache/record.js';
import { CORE_INPUT } from '../findings/core.js';
import type { Finding } from '../findings/finding.js';
import { FILE_START, LineIndex, type Range } from '../parse/position.js';

/** A file's text, decoded and checked, with the name it is reported under. */
export interface SourceFile {
  /** The name findings use: relative to the working directory with `/` separators, or absolute when outside it. */
  readonly name: string;
  readonly absPath: string;
  readonly text: string;
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

export interface ReadOptions {
  cwd: string;
  maxBytes?: number;
}

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; finding: Finding };

export function displayName(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  if (rel === '' || !isInside(cwd, absPath)) return absPath.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** True when `absPath` is `dir` or below it, by whole path segments (`../x` is outside, `..x` is inside). */
export function isInside(dir: string, absPath: string): boolean {
  const rel = path.relative(dir, absPath);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function inputError(name: string, message: string, range: Range = FILE_START): ReadResult {
  return {
    ok: false,
    finding: { ruleId: CORE_INPUT.id, severity: 'error', message, file: name, range, related: [] },
  };
}

/** Reads a file as UTF-8 text, refusing what is not text: every refusal is a finding, never an exception. */
export function readSource(file: string, options: ReadOptions): ReadResult {
  const absPath = path.resolve(options.cwd, file);
  const name = displayName(absPath, options.cwd);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  recorder()?.read(absPath);
  try {
    const stat = statSync(absPath);
    if (stat.isDirectory()) return inputError(name, 'is a directory, not a file');
    // A FIFO or device would block or never end; compose files are regular files.
    if (!stat.isFile()) return inputError(name, 'is not a regular file');
    if (stat.size > maxBytes) return inputError(name, tooLarge(stat.size, maxBytes));
    bytes = readFileSync(absPath);
  } catch (error) {
    return inputError(name, describeFsError(error));
  }
  return sourceFromBytes(bytes, name, absPath, maxBytes);
}

/** Text given as bytes rather than read from disk (standard input): the size limit, then `decode`. */
export function sourceFromBytes(bytes: Uint8Array, name: string, absPath: string, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  if (bytes.length > maxBytes) return inputError(name, tooLarge(bytes.length, maxBytes));
  return decode(bytes, name, absPath);
}

function tooLarge(size: number, maxBytes: number): string {
  return `file is ${size} bytes, over the limit of ${maxBytes} bytes`;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** What a byte-order mark or the pattern of NUL bytes says the encoding is, if it is UTF-16 or UTF-32. */
function wideEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'UTF-32';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32';
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return 'UTF-16';
  // Without a mark: ASCII text in UTF-16 has a NUL beside every character.
  if (bytes.length >= 4 && b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return 'UTF-16';
  if (bytes.length >= 4 && b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return 'UTF-16';
  return undefined;
}

/** One decoder for every file: a whole-buffer decode leaves no state behind, and making one per file costs more than the decode of a small file. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes a file's bytes as UTF-8 text; a UTF-8 byte-order mark is dropped, anything else that is not UTF-8 text is refused. */
export function decode(bytes: Uint8Array, name: string, absPath: string): ReadResult {
  const wide = wideEncoding(bytes);
  if (wide) return inputError(name, `file is ${wide} encoded; save it as UTF-8`);
  const nul = bytes.indexOf(0);
  if (nul !== -1) return inputError(name, `binary file (NUL byte at offset ${nul}), not a text file`, rangeAtByte(bytes, nul));
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return inputError(name, `not valid UTF-8 (bad byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad})`, rangeAtByte(bytes, bad));
  }
  return { ok: true, file: { name, absPath, text } };
}

/** The line and column of the character a byte starts, as positions count in the decoded text (BOM dropped, UTF-16 units). */
function rangeAtByte(bytes: Uint8Array, offset: number): Range {
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b) ? UTF8_BOM.length : 0;
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(bom, Math.max(bom, offset)));
  const pos = new LineIndex(before).position(before.length);
  return { start: pos, end: { line: pos.line, column: pos.column + 1 } };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (k === 1 ? c < lo || c > hi : (c & 0xc0) !== 0x80)) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

/** A file system error in words; never throws. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'file not found';
    case 'ELOOP':
      return 'cannot read file (too many levels of symbolic links)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot read file (${code ?? String(error)})`;
  }
}
