import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return absPath.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
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
  try {
    const stat = statSync(absPath);
    if (stat.isDirectory()) return inputError(name, 'is a directory, not a file');
    if (stat.size > maxBytes) return inputError(name, `file is ${stat.size} bytes, over the limit of ${maxBytes} bytes`);
    bytes = readFileSync(absPath);
  } catch (error) {
    return inputError(name, describeFsError(error));
  }
  if (bytes.length > maxBytes) return inputError(name, `file is ${bytes.length} bytes, over the limit of ${maxBytes} bytes`);
  return decode(bytes, name, absPath);
}

export function decode(bytes: Uint8Array, name: string, absPath: string): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return inputError(name, 'file is UTF-16 encoded; save it as UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return inputError(name, `binary file (NUL byte at offset ${nul}), not a text file`, rangeAtByte(bytes, nul));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return inputError(name, `not valid UTF-8 (bad byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad})`, rangeAtByte(bytes, bad));
  }
  return { ok: true, file: { name, absPath, text } };
}

function rangeAtByte(bytes: Uint8Array, offset: number): Range {
  const before = Buffer.from(bytes.subarray(0, offset)).toString('utf8');
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
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot read file (${code ?? String(error)})`;
  }
}
