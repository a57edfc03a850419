import path from 'node:path';
import type { Finding } from '../../src/findings/finding.js';
import type { SourceFile } from '../../src/input/source.js';
import type { CommandWord, ConfigReader, ConfigWord } from '../../src/parse/config-words.js';
import type { Origin, Range } from '../../src/parse/position.js';

/** An in-memory file, read by the server at `/etc/<name>` unless the name is absolute. */
export function source(text: string, name = 'redis.conf'): SourceFile {
  return { name, absPath: name.startsWith('/') ? name : `/etc/${name}`, text };
}

export const span = (range: Range): string => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

/** A word as `value@range` (value JSON-quoted); `+via` when it was read in through another place. */
export const word = (w: ConfigWord): string => `${JSON.stringify(w.value)}@${span(w.origin.range)}${w.origin.via ? ` via ${where(w.origin.via)}` : ''}`;

export const where = (origin: Origin): string => `${origin.file}:${span(origin.range)}`;

export const finding = (f: Finding): string => `${f.ruleId} ${f.file}:${span(f.range)} ${f.message}${f.redact ? ` [redact ${f.redact.map(span).join(', ')}]` : ''}`;

/**
 * A reader over in-memory files keyed by absolute path; names in `refused` exist but may not be read.
 * A file's name (as findings use it) is its path without the leading slash.
 */
export function memoryReader(files: Record<string, string>, refused: string[] = []): ConfigReader {
  return {
    readFile(absPath) {
      if (refused.includes(absPath)) return { ok: false, missing: false, message: 'outside the directory that may be read' };
      const text = files[absPath];
      if (text === undefined) return { ok: false, missing: true, message: 'file not found' };
      return { ok: true, file: { name: absPath.slice(1), absPath, text } };
    },
    listDir(absPath) {
      if (refused.includes(absPath)) return { ok: false, missing: false, message: 'outside the directory that may be read' };
      const names = Object.keys(files)
        .filter((file) => path.posix.dirname(file) === absPath)
        .map((file) => path.posix.basename(file));
      const isDir = Object.keys(files).some((file) => file.startsWith(`${absPath}/`));
      return isDir ? { ok: true, names } : { ok: false, missing: true, message: 'file not found' };
    },
  };
}

/** Command-line words on line 1 of compose.yml, one after another with a blank between. */
export function commandWords(...values: string[]): CommandWord[] {
  let column = 1;
  return values.map((value) => {
    const at = column;
    column += value.length + 1;
    return { value, originOf: (s: number, e: number) => ({ file: 'compose.yml', range: { start: { line: 1, column: at + s }, end: { line: 1, column: at + e } } }) };
  });
}

/** pg_hba.conf inputs of the unit tests that postgres 15 also reads (test/oracle/postgres.test.ts runs them through postgres). */
export const HBA_CASES = {
  addresses: [
    'host all all ::1/128 trust',
    'host all all 192.168.1.0 255.255.255.0 md5',
    'host all all 10.0.0.0 255.0.255.0 md5',
    'host all all fe80:: ffff:ffff:: md5',
    'host all all db.example.com md5',
    'host all all .example.com md5',
    'host all all all md5',
    'host all all samehost md5',
    'host all all samenet md5',
    'host all all "all" md5',
  ].join('\n'),
  ipv4Forms: ['host all all 127.1/32 md5', 'host all all 10.0.0 255.255.0 md5', 'host all all 0x7f000001 0xffffff00 md5', 'host all all 010.0.0.1/8 md5', 'host all all 10.0.0.256/32 md5'].join('\n'),
  fieldErrors: ['hots all all all md5', 'local all', 'host all all', 'host all all 10.0.0.0/8', 'local,host all all md5', 'host all all 10.0.0.1,10.0.0.2 md5', 'local all all md5,trust', 'host all', 'local'].join('\n'),
  addressErrors: ['host all all 10.0.0.0/33 md5', 'host all all ::/129 md5', 'host all all db/24 md5', 'host all all 10.0.0.0/x md5', 'host all all 10.0.0.0 md5', 'host all all 10.0.0.0 255.0.0.0.0 md5', 'host all all 10.0.0.0 ffff:: md5', 'host all all 10.0.0.0'].join('\n'),
  methodErrors: ['host all all all sha256', 'host all all all peer', 'host all all all cert', 'local all all gss', 'local all all trust foo', 'local all all ident mapx=a', 'host all all all md5 "map=x"'].join('\n'),
};
