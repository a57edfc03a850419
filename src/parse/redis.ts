import { CORE_REDIS } from '../findings/core.js';
import path from 'node:path';
import { compareFindings, type Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import {
  ConfigText,
  IncludeWalker,
  configDir,
  KeyedConfig,
  configFinding,
  resolveConfigPath,
  serverPath,
  commandPart,
  type CommandWord,
  type ConfigReader,
  type ConfigWord,
} from './config-words.js';
import type { Origin } from './position.js';


/** One line of a redis config: a directive and its arguments. */
export interface RedisDirective {
  /** The name in lower case (redis reads names case-insensitively). */
  readonly key: string;
  readonly name: ConfigWord;
  readonly args: readonly ConfigWord[];
  /** From the name to the end of the last argument. */
  readonly origin: Origin;
}

/**
 * A redis (or valkey, or sentinel) config as redis reads it: the directives in the order redis applies
 * them, those of an included file in its place. A directive that may appear once takes the last
 * value (`last()`); `save`, `rename-command`, `user`, `loadmodule` and `sentinel` lines add up (`all()`).
 * Its findings are `core/redis`: lines redis refuses, includes of files that do not exist or include themselves.
 */
export class RedisConfig extends KeyedConfig<RedisDirective> {
  /** Every line, in the order redis applies them. */
  get directives(): readonly RedisDirective[] {
    return this.items;
  }
}

export interface RedisParseOptions {
  /** Reads included files; without one, includes are listed but not followed. */
  reader?: ConfigReader;
  /** The absolute path the server reads the file at (a container path); default its own path. */
  path?: string;
  /** The server's working directory, which relative include paths are resolved against; default the file's directory. */
  cwd?: string;
}

/** Redis follows includes without a limit; this stops a runaway chain the cycle check misses. */
const MAX_INCLUDE_DEPTH = 16;

/**
 * Reads a redis config the way redis does: one directive per line, blanks and `\r` around a line
 * dropped, lines whose first character is `#` skipped (a `#` later in a line is an argument), the
 * name case-insensitive, arguments split as redis splits them (see `splitRedisArgs`). `include`
 * reads the named file in place (a pattern with `*`, `?` or `[` reads every file it matches, in name
 * order, and nothing when none does). Never throws: a line redis refuses is a finding at its place.
 */
export function parseRedisConf(source: SourceFile, options: RedisParseOptions = {}): RedisConfig {
  const walker = new IncludeWalker(options.reader, MAX_INCLUDE_DEPTH);
  const top = serverPath(source, options.path);
  const cwd = options.cwd ?? configDir(top);
  const directives: RedisDirective[] = [];
  const findings: Finding[] = [];
  const readFile = (file: SourceFile, at: string): void => {
    walker.within(at, () => {
      for (const directive of parseLines(new ConfigText(file), findings)) {
        directives.push(directive);
        if (directive.key === 'include' && directive.args.length === 1) include(directive.args[0]!);
      }
    });
  };
  const include = (target: ConfigWord): void => {
    const absPath = resolveConfigPath(target.value, cwd);
    // A pattern reads every file it matches, and nothing (no error) when none does, as in redis 7.
    const paths = /[*?[]/.test(target.value) ? (globFiles(absPath, walker) ?? { missing: false }) : [absPath];
    walker.follow(target, absPath, paths, {
      mustExist: true,
      report: (message) => findings.push(configFinding(CORE_REDIS, target.origin.file, target.origin.range, message)),
      read: readFile,
    });
  };
  readFile(source, top);
  return new RedisConfig(source.name, directives, walker.includes, findings.sort(compareFindings));
}

/** The files a pattern with wildcards in its last segment matches, in name order; undefined when they cannot be listed. */
function globFiles(pattern: string, walker: IncludeWalker): string[] | undefined {
  const dir = path.posix.dirname(pattern);
  if (/[*?[]/.test(dir)) return undefined;
  const listed = walker.list(dir);
  if (!listed.ok) return listed.missing ? [] : undefined;
  const matcher = globSegment(path.posix.basename(pattern));
  return listed.names.filter((name) => matcher.test(name)).sort().map((name) => path.posix.join(dir, name));
}

/** A glob(3) segment as a regular expression: `*`, `?`, `[...]` (`[!...]` negated); a leading `.` is only matched literally. */
function globSegment(segment: string): RegExp {
  let re = segment.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[' && segment.indexOf(']', i + 2) !== -1) {
      const close = segment.indexOf(']', i + 2);
      const body = segment.slice(i + 1, close);
      const negated = body.startsWith('!');
      re += `[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** The directives of one file; bad lines become findings. */
function parseLines(text: ConfigText, findings: Finding[]): RedisDirective[] {
  const directives: RedisDirective[] = [];
  for (const line of text.physicalLines()) {
    let start = line.start;
    let end = line.end;
    while (start < end && isTrimmed(text.text[start]!)) start++;
    while (end > start && isTrimmed(text.text[end - 1]!)) end--;
    if (start === end || text.text[start] === '#') continue;
    const split = splitRedisArgs(text, start, end);
    if (!split.ok) {
      const { at, message } = split;
      findings.push(configFinding(CORE_REDIS, text.source.name, text.lines.range(at, Math.min(at + 1, end)), message, text.lines.range(start, end)));
      continue;
    }
    const [name, ...args] = split.words;
    if (!name) continue;
    const directive: RedisDirective = { key: name.value.toLowerCase(), name, args, origin: text.origin(start, end) };
    const problem = directiveProblem(directive);
    if (problem) findings.push(configFinding(CORE_REDIS, text.source.name, name.origin.range, problem));
    directives.push(directive);
  }
  return directives;
}

/** What redis refuses in a well-split line before it looks at the directive's own rules. */
function directiveProblem(directive: RedisDirective): string | undefined {
  if (directive.args.length === 0) return `directive "${directive.key}" has no value`;
  if (directive.key === 'include' && directive.args.length !== 1) return 'include takes exactly one path';
  return undefined;
}

/** The characters redis trims from both ends of a config line. */
function isTrimmed(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** C's isspace(), which redis uses between arguments. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

export type SplitResult = { ok: true; words: ConfigWord[] } | { ok: false; at: number; message: string };

/**
 * Splits text[start, end) into arguments as redis's `sdssplitargs` does: blanks separate arguments;
 * `"..."` reads the escapes `\n`, `\r`, `\t`, `\b`, `\a`, `\xHH` and `\<any>` (that character);
 * `'...'` is literal apart from `\'`; a quote may start in the middle of an argument (`a"b c"` is
 * `ab c`), and a closing quote must be followed by a blank or the end of the line.
 */
export function splitRedisArgs(text: ConfigText, start: number, end: number): SplitResult {
  const s = text.text;
  const words: ConfigWord[] = [];
  const closing = (p: number): SplitResult | undefined =>
    p + 1 < end && !isSpace(s[p + 1]) ? { ok: false, at: p + 1, message: 'a closing quote must be followed by a blank or the end of the line' } : undefined;
  let p = start;
  for (;;) {
    while (p < end && isSpace(s[p])) p++;
    if (p >= end) return { ok: true, words };
    const wordStart = p;
    let value = '';
    let quote: '"' | "'" | undefined;
    let quoted = false;
    let quoteStart = p;
    for (;;) {
      const c = p < end ? s[p]! : undefined;
      if (quote === undefined) {
        if (c === undefined || c === ' ' || c === '\n' || c === '\r' || c === '\t') break;
        if (c === '"' || c === "'") {
          quote = c;
          quoted = true;
          quoteStart = p;
        } else value += c;
      } else if (c === undefined) {
        return { ok: false, at: quoteStart, message: `unterminated quote: the line has no closing ${quote}` };
      } else if (c === quote) {
        const error = closing(p);
        if (error) return error;
        p++;
        break;
      } else if (c === '\\' && quote === "'") {
        if (s[p + 1] === "'" && p + 1 < end) p++;
        value += s[p]!;
      } else if (c === '\\' && s[p + 1] === 'x' && p + 3 < end && isHex(s[p + 2]!) && isHex(s[p + 3]!)) {
        value += String.fromCharCode(parseInt(s.slice(p + 2, p + 4), 16));
        p += 3;
      } else if (c === '\\' && p + 1 < end) {
        p++;
        value += ESCAPES[s[p]!] ?? s[p]!;
      } else value += c;
      p++;
    }
    words.push(text.word(wordStart, p, value, quoted));
  }
}

function isHex(c: string): boolean {
  return /^[0-9a-fA-F]$/.test(c);
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3 };

/**
 * A redis memory amount in bytes, as redis reads it: digits then an optional unit, case-insensitive:
 * `k` = 1000, `kb` = 1024, `m`, `mb`, `g`, `gb`, `b`. Undefined for anything redis refuses (a sign,
 * a fraction, another unit).
 */
export function redisBytes(value: string): number | undefined {
  const match = /^(\d*)([a-z]*)$/i.exec(value);
  if (!match) return undefined;
  const unit = BYTE_UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  // As in redis, the unit alone (`mb`) reads as 0.
  return Number(match[1] || '0') * unit;
}

/** A redis yes/no argument; undefined for anything else (redis refuses it). */
export function redisYes(value: string): boolean | undefined {
  const v = value.toLowerCase();
  return v === 'yes' ? true : v === 'no' ? false : undefined;
}

/** The config a `redis-server` command line gives: its config file (if any) and the `--name value…` options, applied after the file. */
export interface RedisCommandLine {
  /** The config file argument (`-` reads standard input). */
  readonly configFile?: CommandWord;
  readonly directives: readonly RedisDirective[];
}

/**
 * Reads the arguments of `redis-server` (the words after the program name) as redis does: a first
 * argument that does not start with `-` (or is `-`) is the config file; then each `--name` starts a
 * directive and the words up to the next `--name` are its arguments. The word right after a lone
 * `--name` is always its argument, even if it starts with `--`; a `--save` with nothing after it
 * gets one empty argument; `--port 6380` in one word is a name and its argument. Other words before
 * the first `--name` are not config.
 */
export function redisCommandLine(words: readonly CommandWord[]): RedisCommandLine {
  let i = 0;
  let configFile: CommandWord | undefined;
  const first = words[0];
  if (first && (first.value === '-' || !first.value.startsWith('-'))) {
    configFile = first;
    i = 1;
  }
  const directives: RedisDirective[] = [];
  let current: { name: ConfigWord; args: ConfigWord[] } | undefined;
  let needsArgument = false;
  const flush = (): void => {
    if (!current) return;
    const { name, args } = current;
    if (args.length === 0 && name.value.toLowerCase() === 'save') args.push({ ...name, raw: '', value: '', origin: { ...name.origin, range: { start: name.origin.range.end, end: name.origin.range.end } } });
    const range = { start: name.origin.range.start, end: (args.at(-1) ?? name).origin.range.end };
    directives.push({ key: name.value.toLowerCase(), name, args, origin: { ...name.origin, range } });
  };
  for (; i < words.length; i++) {
    const word = words[i]!;
    const optionName = word.value.startsWith('--') && word.value.length > 2;
    // `--save --port 1`: redis gives the lone --save an empty argument and reads --port as an option.
    if (optionName && (!needsArgument || current?.name.value.toLowerCase() === 'save')) {
      flush();
      const parts = blankSeparated(word.value, 2);
      current = { name: commandPart(word, parts[0]![0], parts[0]![1]), args: parts.slice(1).map(([s, e]) => commandPart(word, s, e)) };
      needsArgument = parts.length === 1;
    } else if (current) {
      current.args.push(commandPart(word, 0));
      needsArgument = false;
    }
  }
  flush();
  return configFile ? { configFile, directives } : { directives };
}

/** [start, end) of each blank-separated part of value[from...]. */
function blankSeparated(value: string, from: number): [number, number][] {
  const parts: [number, number][] = [];
  for (const match of value.slice(from).matchAll(/\S+/g)) parts.push([from + match.index, from + match.index + match[0].length]);
  return parts.length > 0 ? parts : [[from, value.length]];
}
