import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RuleMeta } from '../engine/meta.js';
import type { Finding } from '../findings/finding.js';
import { recorder } from '../cache/record.js';
import { describeFsError, isInside, readSource, type SourceFile } from '../input/source.js';
import { LineIndex, type Origin, type Range } from './position.js';

/**
 * What the redis, postgresql.conf and pg_hba.conf parsers share: the word a config is made of (its
 * text as written, its value, its exact place), the findings they report, and the way they follow
 * include directives through a reader the caller provides.
 */

/** One word of a config file: a directive name, an argument, a setting's value, a pg_hba field. */
export interface ConfigWord {
  /** The characters as written, quotes and escapes included. */
  readonly raw: string;
  /** What the server reads: quotes removed, escapes decoded. */
  readonly value: string;
  /** True when (part of) the word was quoted. */
  readonly quoted: boolean;
  /** Where the word is written: the file name findings use, and the exact range. */
  readonly origin: Origin;
}

/** A word of a command line that knows its place in the file: the model's `Text` is one. */
export interface CommandWord {
  readonly value: string;
  originOf(start: number, end: number): Origin;
}

/** The part value[start, end) of a command-line word, as a config word. */
export function commandPart(word: CommandWord, start: number, end = word.value.length): ConfigWord {
  const value = word.value.slice(start, end);
  return { raw: value, value, quoted: false, origin: word.originOf(start, end) };
}

/**
 * A parsed config made of keyed items (redis directives, postgres settings) in the order the server
 * applies them, those of an included file in its place, with the includes followed and the findings.
 */
export class KeyedConfig<T extends { readonly key: string }> {
  constructor(
    /** The name of the top-level file, as findings use it. */
    readonly file: string,
    protected readonly items: readonly T[],
    readonly includes: readonly ConfigInclude[],
    readonly findings: readonly Finding[],
  ) {}

  /** Every item of this name (case-insensitive), in order. */
  all(name: string): T[] {
    const key = name.toLowerCase();
    return this.items.filter((item) => item.key === key);
  }

  /** The item of this name that takes effect where the last one wins. */
  last(name: string): T | undefined {
    const key = name.toLowerCase();
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i]!.key === key) return this.items[i];
    return undefined;
  }
}

/** A file of a config and the offsets of its lines, to turn offsets into words with exact ranges. */
export class ConfigText {
  readonly lines: LineIndex;

  constructor(readonly source: SourceFile) {
    this.lines = new LineIndex(source.text);
  }

  get text(): string {
    return this.source.text;
  }

  origin(start: number, end: number): Origin {
    return { file: this.source.name, range: this.lines.range(start, end) };
  }

  /** The word written at text[start, end), with the value the server reads from it. */
  word(start: number, end: number, value: string, quoted: boolean): ConfigWord {
    return { raw: this.text.slice(start, end), value, quoted, origin: this.origin(start, end) };
  }

  /** The physical lines of the file: [start, end) offsets, without the line break (a `\r` before `\n` is left in). */
  *physicalLines(): Generator<{ start: number; end: number }> {
    const text = this.text;
    for (let start = 0; ; ) {
      const nl = text.indexOf('\n', start);
      yield { start, end: nl === -1 ? text.length : nl };
      if (nl === -1) return;
      start = nl + 1;
    }
  }
}

/**
 * A finding of a parser's own check (`core/redis`, `core/postgres`), always an error. `redact` is the
 * part of the line that may hold a value (a password, a secret): no output prints it. Messages never
 * quote a value either.
 */
export function configFinding(meta: RuleMeta, file: string, range: Range, message: string, redact?: Range): Finding {
  const finding: Finding = { ruleId: meta.id, severity: 'error', message, file, range, related: [] };
  if (redact && (redact.start.line !== redact.end.line || redact.start.column !== redact.end.column)) finding.redact = [redact];
  return finding;
}

// ---------------------------------------------------------------------------------------------
// Includes

export type ReadAttempt = { ok: true; file: SourceFile } | { ok: false; missing: boolean; message: string };
export type ListAttempt = { ok: true; names: string[] } | { ok: false; missing: boolean; message: string };

/**
 * How a parser reaches the files a config includes. Paths are absolute, as the server would see them
 * (a container path, for a config a compose service mounts); the caller decides what they map to and
 * what may be read. `missing: true` means the path certainly does not exist, which is an error for an
 * include that must exist; any other failure (outside what may be read, unknown) only leaves the
 * include unfollowed.
 */
export interface ConfigReader {
  readFile(absPath: string): ReadAttempt;
  /** The names of the regular files in a directory (not recursive, in any order). */
  listDir(absPath: string): ListAttempt;
}

export interface RootedReaderOptions {
  /** Working directory for the names findings use (default `process.cwd()`). */
  cwd?: string;
  maxBytes?: number;
}

/**
 * A reader of the local file system that refuses every path outside `root`, symbolic links
 * included (the real path must be inside it). Paths are host paths.
 */
export function rootedReader(root: string, options: RootedReaderOptions = {}): ConfigReader {
  const realRoot = safeRealpath(path.resolve(root)) ?? path.resolve(root);
  const cwd = options.cwd ?? process.cwd();
  const check = (absPath: string): { ok: true; real: string } | { ok: false; missing: boolean; message: string } => {
    if (!isInside(path.resolve(root), path.resolve(absPath)) && !isInside(realRoot, path.resolve(absPath))) return { ok: false, missing: false, message: 'outside the directory that may be read' };
    recorder()?.lstat(absPath);
    try {
      lstatSync(absPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, missing: code === 'ENOENT' || code === 'ENOTDIR', message: describeFsError(error) };
    }
    const real = safeRealpath(absPath);
    if (real === undefined) return { ok: false, missing: true, message: 'file not found' };
    if (!isInside(realRoot, real)) return { ok: false, missing: false, message: 'outside the directory that may be read' };
    return { ok: true, real };
  };
  return {
    readFile(absPath) {
      const checked = check(absPath);
      if (!checked.ok) return checked;
      const read = readSource(absPath, { cwd, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
      return read.ok ? read : { ok: false, missing: false, message: read.finding.message };
    },
    listDir(absPath) {
      const checked = check(absPath);
      if (!checked.ok) return checked;
      recorder()?.list(checked.real);
      try {
        if (!statSync(checked.real).isDirectory()) return { ok: false, missing: false, message: 'is not a directory' };
        const names = readdirSync(checked.real, { withFileTypes: true })
          .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && isFile(path.join(checked.real, entry.name))))
          .map((entry) => entry.name);
        return { ok: true, names };
      } catch (error) {
        return { ok: false, missing: false, message: describeFsError(error) };
      }
    },
  };
}

function isFile(p: string): boolean {
  recorder()?.stat(p);
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function safeRealpath(p: string): string | undefined {
  recorder()?.realpath(p);
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** What became of one include directive. */
export interface ConfigInclude {
  /** The word naming the file, directory or pattern. */
  readonly target: ConfigWord;
  /** The absolute path it names, as the server sees it. */
  readonly path: string;
  /**
   * `read`: every file it names was read; `missing`: it names nothing that exists (an error unless
   * the directive allows it); `unread`: the reader could not or would not read it (no reader, outside
   * what may be read): the config may hold more than what was parsed; `cycle`: it includes a file
   * that is already being read.
   */
  readonly status: 'read' | 'missing' | 'unread' | 'cycle';
  /** The names (as findings use them) of the files read through it. */
  readonly files: readonly string[];
}

/** The include state of one parse: which files are being read (to stop cycles), and what each include gave. */
export class IncludeWalker {
  readonly includes: ConfigInclude[] = [];
  private readonly stack: string[] = [];

  constructor(
    readonly reader: ConfigReader | undefined,
    /** How deep includes may nest, as the server limits it. */
    readonly maxDepth: number,
  ) {}

  /** Reads `absPath` for an include (or returns why not), tracking the chain of files being read. */
  open(absPath: string): ReadAttempt | { ok: false; cycle: true; message: string } {
    const normalized = path.posix.normalize(absPath);
    if (this.stack.includes(normalized)) return { ok: false, cycle: true, message: `include cycle: ${[...this.stack.slice(this.stack.indexOf(normalized)), normalized].map((p) => path.posix.basename(p)).join(' → ')}` };
    if (this.stack.length > this.maxDepth) return { ok: false, cycle: true, message: `includes nest deeper than ${this.maxDepth} levels` };
    if (!this.reader) return { ok: false, missing: false, message: 'no reader for included files' };
    return this.reader.readFile(normalized);
  }

  /** Runs `read` with `absPath` on the chain of files being read. */
  within<T>(absPath: string, read: () => T): T {
    this.stack.push(path.posix.normalize(absPath));
    try {
      return read();
    } finally {
      this.stack.pop();
    }
  }

  /**
   * Reads the files one include directive names (`paths`; or why there are none) and records the
   * include. A cycle is reported, and so is a file that does not exist when `mustExist`.
   */
  follow(
    target: ConfigWord,
    absPath: string,
    paths: readonly string[] | { missing: boolean },
    options: { mustExist: boolean; report: (message: string) => void; read: (file: SourceFile, absPath: string) => void },
  ): ConfigInclude {
    const files: string[] = [];
    let status: ConfigInclude['status'] = 'read';
    if (!Array.isArray(paths)) status = (paths as { missing: boolean }).missing ? 'missing' : 'unread';
    for (const file of Array.isArray(paths) ? (paths as readonly string[]) : []) {
      const read = this.open(file);
      if (read.ok) {
        files.push(read.file.name);
        options.read(read.file, file);
      } else if ('cycle' in read) {
        status = 'cycle';
        options.report(read.message);
      } else if (read.missing) {
        status = 'missing';
        if (options.mustExist) options.report('included file does not exist');
      } else if (status === 'read') status = 'unread';
    }
    const include: ConfigInclude = { target, path: absPath, status, files };
    this.includes.push(include);
    return include;
  }

  list(absDir: string): ListAttempt {
    if (!this.reader) return { ok: false, missing: false, message: 'no reader for included files' };
    return this.reader.listDir(path.posix.normalize(absDir));
  }
}

/** A path as the server resolves it: absolute as is, relative against `base` (a directory). */
export function resolveConfigPath(target: string, base: string): string {
  return path.posix.normalize(path.posix.isAbsolute(target) ? target : path.posix.join(base, target));
}

/** The directory of an absolute path as the server sees it. */
export function configDir(absPath: string): string {
  return path.posix.dirname(absPath);
}

/** The path a top-level config is read as: the caller's (a container path), else the file's own, with `/` separators. */
export function serverPath(source: SourceFile, given: string | undefined): string {
  return path.posix.normalize(given ?? source.absPath.split(path.sep).join('/'));
}
