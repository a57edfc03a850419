import { CORE_POSTGRES } from '../findings/core.js';
import path from 'node:path';
import { compareFindings, type Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import {
  ConfigText,
  IncludeWalker,
  commandPart,
  configDir,
  KeyedConfig,
  configFinding,
  resolveConfigPath,
  serverPath,
  type CommandWord,
  type ConfigReader,
  type ConfigWord,
} from './config-words.js';
import type { Range } from './position.js';


/** One `name = value` line of postgresql.conf, or one `-c name=value` of the command line. */
export interface PgSettingEntry {
  /** The name in lower case (postgres reads names case-insensitively). */
  readonly key: string;
  readonly name: ConfigWord;
  readonly value: ConfigWord;
}

/**
 * A postgresql.conf as postgres reads it: settings in order, those of included files in their place;
 * the last one of a name wins. Its findings are `core/postgres`: syntax errors, invalid values of
 * known settings, includes that fail.
 */
export class PostgresConfig extends KeyedConfig<PgSettingEntry> {
  /** Every setting line in the order postgres applies them, `include*` lines left out. */
  get settings(): readonly PgSettingEntry[] {
    return this.items;
  }

  /** The setting of this name that takes effect: the last one. */
  get(name: string): PgSettingEntry | undefined {
    return this.last(name);
  }

  /** The effective value of a setting, converted as postgres does (see `pgSetting`); undefined when it is not set. */
  value(name: string): PgValue | undefined {
    const entry = this.get(name);
    return entry && pgSetting(entry.key, entry.value.value);
  }
}

export interface PostgresParseOptions {
  /** Reads included files and directories; without one, includes are listed but not followed. */
  reader?: ConfigReader;
  /** The absolute path the server reads the file at (a container path); relative includes resolve against its directory. */
  path?: string;
}

/** postgres's CONF_FILE_MAX_DEPTH. */
const MAX_INCLUDE_DEPTH = 10;

/**
 * Reads a postgresql.conf the way postgres does: one `name = value` (or `name value`) per line,
 * `#` comments anywhere outside a quoted value, values that are a bare word, a number with an
 * optional unit (`128MB`, `5min`), or a single-quoted string (`''` and backslash escapes), and
 * `include`, `include_if_exists` and `include_dir` read in place (relative to the including file).
 * Never throws: a syntax error is a finding at the token postgres stops at, and the next line is read.
 */
export function parsePostgresConf(source: SourceFile, options: PostgresParseOptions = {}): PostgresConfig {
  const walker = new IncludeWalker(options.reader, MAX_INCLUDE_DEPTH);
  const settings: PgSettingEntry[] = [];
  const findings: Finding[] = [];
  const redactions = new Map<PgSettingEntry, Range>();
  const readFile = (file: SourceFile, at: string): void => {
    walker.within(at, () => {
      const text = new ConfigText(file);
      for (const line of settingLines(text, findings)) {
        const kind = INCLUDES[line.key];
        if (kind) include(line.value, at, kind, line.valueRedact);
        else {
          settings.push({ key: line.key, name: line.name, value: line.value });
          redactions.set(settings.at(-1)!, line.valueRedact);
        }
      }
    });
  };
  // postgres checks only the value that takes effect: the last one of each name.
  const checkValues = (): void => {
    const effective = new Map(settings.map((entry) => [entry.key, entry]));
    for (const entry of effective.values()) {
      const problem = KNOWN.has(entry.key) ? pgSetting(entry.key, entry.value.value) : undefined;
      const { file, range } = entry.value.origin;
      if (problem && !problem.ok) findings.push(configFinding(CORE_POSTGRES, file, range, `invalid value for "${entry.key}": ${problem.message}`, redactions.get(entry)));
    }
  };
  const include = (target: ConfigWord, from: string, kind: IncludeKind, redact: Range): void => {
    pgInclude(walker, kind, target, from, {
      report: (message) => findings.push(configFinding(CORE_POSTGRES, target.origin.file, target.origin.range, message, redact)),
      read: readFile,
    });
  };
  readFile(source, serverPath(source, options.path));
  checkValues();
  return new PostgresConfig(source.name, settings, walker.includes, findings.sort(compareFindings));
}

export type IncludeKind = 'include' | 'include_if_exists' | 'include_dir';

/**
 * Follows an `include`, `include_if_exists` or `include_dir` of postgresql.conf or pg_hba.conf:
 * the path is relative to the including file; a directory gives its `*.conf` files that do not start
 * with a dot, in name order; only `include_if_exists` may name a file that does not exist.
 */
export function pgInclude(
  walker: IncludeWalker,
  kind: IncludeKind,
  target: ConfigWord,
  from: string,
  options: { report: (message: string) => void; read: (file: SourceFile, absPath: string) => void },
): void {
  if (target.value === '') return options.report(`${kind} needs a file name`);
  const absPath = resolveConfigPath(target.value, configDir(from));
  let paths: string[] | { missing: boolean } = [absPath];
  if (kind === 'include_dir') {
    const listed = walker.list(absPath);
    if (!listed.ok && listed.missing) options.report('included directory does not exist');
    paths = listed.ok
      ? listed.names.filter((name) => name.endsWith('.conf') && !name.startsWith('.')).sort().map((name) => path.posix.join(absPath, name))
      : { missing: listed.missing };
  }
  walker.follow(target, absPath, paths, { mustExist: kind !== 'include_if_exists', ...options });
}

const INCLUDES: Record<string, IncludeKind | undefined> = { include: 'include', include_if_exists: 'include_if_exists', include_dir: 'include_dir' };

// ---------------------------------------------------------------------------------------------
// The lexer and line parser of postgres's guc-file.l

type TokenKind = 'id' | 'qualified' | 'string' | 'unquoted' | 'integer' | 'real' | 'equals' | 'error' | 'eol' | 'eof';

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHexDigit = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
/** `[A-Za-z_\200-\377]`: any non-ASCII character counts as a letter, as postgres's bytes do. */
const isLetter = (c: string | undefined): boolean => c !== undefined && (/^[A-Za-z_]$/.test(c) || c.charCodeAt(0) >= 0x80);
const isLetterOrDigit = (c: string | undefined): boolean => isLetter(c) || isDigit(c);
const isUnitLetter = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);

/** Tokens of a postgresql.conf as guc-file.l reads them: the longest match, ties to the first rule. */
class Lexer {
  private p = 0;

  /** `onComment` is told each `#` comment skipped: from the `#` to the end of its line (a `\r` included). */
  constructor(
    private readonly s: string,
    private readonly onComment: (start: number, end: number) => void = () => {},
  ) {}

  next(): Token {
    const s = this.s;
    for (;;) {
      if (this.p >= s.length) return { kind: 'eof', start: s.length, end: s.length };
      const c = s[this.p]!;
      if (c === ' ' || c === '\t' || c === '\r') this.p++;
      else if (c === '#') {
        const start = this.p;
        while (this.p < s.length && s[this.p] !== '\n') this.p++;
        this.onComment(start, this.p);
      } else break;
    }
    const start = this.p;
    if (s[start] === '\n') {
      this.p++;
      return { kind: 'eol', start, end: start + 1 };
    }
    // In the order of the rules: the first of the longest matches wins.
    const candidates: [TokenKind, number][] = [
      ['id', this.id(start)],
      ['qualified', this.qualified(start)],
      ['string', this.string(start)],
      ['unquoted', this.unquoted(start)],
      ['integer', this.integer(start)],
      ['real', this.real(start)],
      ['equals', s[start] === '=' ? 1 : 0],
    ];
    let best: [TokenKind, number] = ['error', 1];
    for (const candidate of candidates) if (candidate[1] > 0 && (best[0] === 'error' || candidate[1] > best[1])) best = candidate;
    this.p = start + best[1];
    return { kind: best[0], start, end: this.p };
  }

  private id(at: number): number {
    if (!isLetter(this.s[at])) return 0;
    let p = at + 1;
    while (isLetterOrDigit(this.s[p])) p++;
    return p - at;
  }

  private qualified(at: number): number {
    const first = this.id(at);
    if (first === 0 || this.s[at + first] !== '.') return 0;
    const second = this.id(at + first + 1);
    return second === 0 ? 0 : first + 1 + second;
  }

  /** `'([^'\\\n]|\\.|'')*'`: the longest match ends at the last quote that can close it. */
  private string(at: number): number {
    const s = this.s;
    if (s[at] !== "'") return 0;
    let longest = 0;
    let p = at + 1;
    while (p < s.length && s[p] !== '\n') {
      if (s[p] === '\\') {
        if (p + 1 >= s.length || s[p + 1] === '\n') break;
        p += 2;
      } else if (s[p] === "'") {
        longest = p + 1 - at;
        if (s[p + 1] !== "'") break;
        p += 2;
      } else p++;
    }
    return longest;
  }

  private unquoted(at: number): number {
    if (!isLetter(this.s[at])) return 0;
    let p = at + 1;
    while (isLetterOrDigit(this.s[p]) || /^[-._:/]$/.test(this.s[p] ?? '')) p++;
    return p - at;
  }

  private integer(at: number): number {
    const s = this.s;
    let p = at + (s[at] === '-' || s[at] === '+' ? 1 : 0);
    let digits = p;
    while (isDigit(s[digits])) digits++;
    if (digits === p) return 0;
    let hex = 0;
    if (s[p] === '0' && s[p + 1] === 'x' && isHexDigit(s[p + 2])) {
      hex = p + 2;
      while (isHexDigit(s[hex])) hex++;
    }
    p = Math.max(digits, hex);
    while (isUnitLetter(s[p])) p++;
    return p - at;
  }

  private real(at: number): number {
    const s = this.s;
    let p = at + (s[at] === '-' || s[at] === '+' ? 1 : 0);
    while (isDigit(s[p])) p++;
    if (s[p] !== '.') return 0;
    p++;
    while (isDigit(s[p])) p++;
    if (s[p] === 'e' || s[p] === 'E') {
      let q = p + 1 + (s[p + 1] === '-' || s[p + 1] === '+' ? 1 : 0);
      if (isDigit(s[q])) {
        while (isDigit(s[q])) q++;
        p = q;
      }
    }
    return p - at;
  }
}

/** The `#` comments of a postgresql.conf as postgres's lexer skips them (a `#` in a quoted value is none): offsets from the `#` to the end of the line, a `\r` included. */
export function postgresComments(text: string): { start: number; end: number }[] {
  const comments: { start: number; end: number }[] = [];
  const lexer = new Lexer(text, (start, end) => comments.push({ start, end }));
  while (lexer.next().kind !== 'eof');
  return comments;
}

const VALUE_TOKENS = new Set<TokenKind>(['id', 'string', 'integer', 'real', 'unquoted']);

interface SettingLine extends PgSettingEntry {
  /** From after the name to the end of the line: redacted in findings, as the value may be a secret. */
  readonly valueRedact: Range;
}

/** The settings of one file, as postgres's ParseConfigFp reads them; syntax errors become findings. */
function settingLines(text: ConfigText, findings: Finding[]): SettingLine[] {
  const lexer = new Lexer(text.text);
  const lines: SettingLine[] = [];
  const lineEnd = (offset: number): number => {
    const nl = text.text.indexOf('\n', offset);
    return nl === -1 ? text.text.length : nl;
  };
  for (let token = lexer.next(); token.kind !== 'eof'; token = lexer.next()) {
    if (token.kind === 'eol') continue;
    let problem: { at: Token; message: string } | undefined;
    let name: Token | undefined;
    if (token.kind !== 'id' && token.kind !== 'qualified') problem = { at: token, message: 'a line must start with a parameter name' };
    else {
      name = token;
      token = lexer.next();
      if (token.kind === 'equals') token = lexer.next();
      const key = text.text.slice(name.start, name.end).toLowerCase();
      if (!VALUE_TOKENS.has(token.kind)) problem = { at: token.kind === 'eol' || token.kind === 'eof' ? name : token, message: valueProblem(key, text.text.slice(token.start, token.end), token.kind) };
      else {
        const value = token;
        token = lexer.next();
        if (token.kind !== 'eol' && token.kind !== 'eof') problem = { at: token, message: `unexpected text after the value of "${key}"; quote a value that holds blanks or other characters` };
        else {
          const valueRedact = text.lines.range(name.end, lineEnd(name.end));
          const raw = text.text.slice(value.start, value.end);
          const unquoted = value.kind === 'string' ? deescape(raw) : raw;
          lines.push({ key, name: text.word(name.start, name.end, text.text.slice(name.start, name.end), false), value: text.word(value.start, value.end, unquoted, value.kind === 'string'), valueRedact });
          if (token.kind === 'eof') break;
          continue;
        }
      }
    }
    const redactFrom = name ? name.end : problem.at.start;
    findings.push(configFinding(CORE_POSTGRES, text.source.name, text.lines.range(problem.at.start, problem.at.end), `syntax error: ${problem.message}`, text.lines.range(redactFrom, lineEnd(redactFrom))));
    // Resynchronise at the next line, as postgres does.
    while (token.kind !== 'eol' && token.kind !== 'eof') token = lexer.next();
    if (token.kind === 'eof') break;
  }
  return lines;
}

function valueProblem(key: string, found: string, kind: TokenKind): string {
  if (kind === 'eol' || kind === 'eof') return `"${key}" has no value`;
  if (found === "'") return `the value of "${key}" has no closing quote`;
  if (kind === 'qualified') return `the value of "${key}" has the form name.name, which postgres reads only in quotes; quote it`;
  return `the value of "${key}" must be a word, a number or a quoted string; quote it`;
}

/** The value of a quoted string, as postgres's DeescapeQuotedString reads it: `''` is `'`, backslash escapes `\b \f \n \r \t`, octal `\NNN`, and `\<any>` for that character. */
function deescape(raw: string): string {
  let out = '';
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      i++;
      const e = body[i] ?? '';
      if (e >= '0' && e <= '7') {
        let k = 0;
        let octal = 0;
        while (k < 3 && body[i + k]! >= '0' && body[i + k]! <= '7') octal = octal * 8 + Number(body[i + k++]);
        i += k - 1;
        out += String.fromCharCode(octal & 0xff);
      } else out += { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e] ?? e;
    } else if (c === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values

/** A base unit: bytes in a unit of memory, milliseconds in a unit of time. */
type MemoryUnit = 'B' | 'kB' | 'MB' | '8kB';
type TimeUnit = 'ms' | 's' | 'min';

type ParamType =
  | { type: 'bool' }
  | { type: 'integer' | 'real'; memory?: MemoryUnit; time?: TimeUnit }
  | { type: 'string' }
  | { type: 'enum' };

/** Sizes of memory units in bytes, largest first (postgres's memory_unit_conversion_table order). */
const MEMORY_UNITS: [string, number][] = [['TB', 1024 ** 4], ['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024], ['B', 1]];
/** Time units in milliseconds, largest first. */
const TIME_UNITS: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000], ['ms', 1], ['us', 0.001]];
const MEMORY_BASE: Record<MemoryUnit, number> = { B: 1, kB: 1024, MB: 1024 ** 2, '8kB': 8192 };
const TIME_BASE: Record<TimeUnit, number> = { ms: 1, s: 1000, min: 60_000 };

const bool: ParamType = { type: 'bool' };
const string: ParamType = { type: 'string' };
const enumeration: ParamType = { type: 'enum' };
const integer: ParamType = { type: 'integer' };
const memory = (unit: MemoryUnit): ParamType => ({ type: 'integer', memory: unit });
const time = (unit: TimeUnit): ParamType => ({ type: 'integer', time: unit });

/**
 * The parameters rules read, with their type and base unit (postgres 15; an integer memory setting
 * without a unit counts in its base unit: shared_buffers in 8kB blocks, work_mem in kB).
 */
const PARAMS: Record<string, ParamType> = {
  // Memory
  shared_buffers: memory('8kB'),
  effective_cache_size: memory('8kB'),
  temp_buffers: memory('8kB'),
  wal_buffers: memory('8kB'),
  work_mem: memory('kB'),
  maintenance_work_mem: memory('kB'),
  autovacuum_work_mem: memory('kB'),
  logical_decoding_work_mem: memory('kB'),
  temp_file_limit: memory('kB'),
  max_stack_depth: memory('kB'),
  huge_page_size: memory('kB'),
  max_wal_size: memory('MB'),
  min_wal_size: memory('MB'),
  wal_keep_size: memory('MB'),
  max_slot_wal_keep_size: memory('MB'),
  min_dynamic_shared_memory: memory('MB'),
  track_activity_query_size: memory('B'),
  huge_pages: enumeration,
  shared_memory_type: enumeration,
  dynamic_shared_memory_type: enumeration,
  // Connections
  listen_addresses: string,
  port: integer,
  max_connections: integer,
  superuser_reserved_connections: integer,
  reserved_connections: integer,
  unix_socket_directories: string,
  unix_socket_group: string,
  unix_socket_permissions: integer,
  authentication_timeout: time('s'),
  tcp_keepalives_idle: time('s'),
  tcp_keepalives_interval: time('s'),
  tcp_user_timeout: time('ms'),
  // Authentication and TLS
  password_encryption: enumeration,
  ssl: bool,
  ssl_cert_file: string,
  ssl_key_file: string,
  ssl_ca_file: string,
  ssl_crl_file: string,
  ssl_crl_dir: string,
  ssl_ciphers: string,
  ssl_ecdh_curve: string,
  ssl_dh_params_file: string,
  ssl_min_protocol_version: enumeration,
  ssl_max_protocol_version: enumeration,
  ssl_prefer_server_ciphers: bool,
  ssl_passphrase_command: string,
  krb_server_keyfile: string,
  db_user_namespace: bool,
  row_security: bool,
  // Files
  data_directory: string,
  config_file: string,
  hba_file: string,
  ident_file: string,
  external_pid_file: string,
  shared_preload_libraries: string,
  // Timeouts
  statement_timeout: time('ms'),
  lock_timeout: time('ms'),
  idle_in_transaction_session_timeout: time('ms'),
  idle_session_timeout: time('ms'),
  deadlock_timeout: time('ms'),
  checkpoint_timeout: time('s'),
  archive_timeout: time('s'),
  wal_sender_timeout: time('ms'),
  // WAL and replication
  wal_level: enumeration,
  fsync: bool,
  full_page_writes: bool,
  synchronous_commit: enumeration,
  archive_mode: enumeration,
  archive_command: string,
  max_wal_senders: integer,
  max_replication_slots: integer,
  hot_standby: bool,
  // Logging
  logging_collector: bool,
  log_destination: string,
  log_directory: string,
  log_filename: string,
  log_file_mode: integer,
  log_line_prefix: string,
  log_connections: bool,
  log_disconnections: bool,
  log_hostname: bool,
  log_checkpoints: bool,
  log_lock_waits: bool,
  log_duration: bool,
  log_statement: enumeration,
  log_min_messages: enumeration,
  log_min_error_statement: enumeration,
  log_error_verbosity: enumeration,
  log_min_duration_statement: time('ms'),
  log_autovacuum_min_duration: time('ms'),
  log_rotation_age: time('min'),
  log_rotation_size: memory('kB'),
  log_truncate_on_rotation: bool,
  log_temp_files: memory('kB'),
  log_timezone: string,
  // Workers
  max_worker_processes: integer,
  max_parallel_workers: integer,
  max_parallel_workers_per_gather: integer,
  autovacuum: bool,
  autovacuum_max_workers: integer,
  autovacuum_naptime: time('s'),
};

/**
 * The parameters whose values are checked when a config is parsed: all of the table but those whose
 * type changed between versions (postgres 18 reads log_connections as a list of aspects, such as
 * `receipt,authentication`, where earlier versions take a boolean).
 */
const KNOWN = new Set(Object.keys(PARAMS).filter((name) => name !== 'log_connections'));

/**
 * A setting's value as postgres converts it. Memory and time settings are in their base unit
 * (`value`), and also in bytes or milliseconds.
 */
export type PgValue =
  | { ok: true; type: 'integer' | 'real'; value: number; bytes?: number; milliseconds?: number }
  | { ok: true; type: 'bool'; value: boolean }
  | { ok: true; type: 'string' | 'enum'; value: string }
  | { ok: false; message: string };

/**
 * Converts a setting's value (as written, unquoted) the way postgres does for the parameter: a
 * boolean (`on`, `off`, `true`, `yes`, `1`, and unique prefixes, case-insensitive), an integer
 * (decimal, `0x` hex, `0` octal, or a fraction rounded after the unit is applied) with an optional
 * unit (memory `B kB MB GB TB`, time `us ms s min h d`, case-sensitive), an enum (case-insensitive,
 * read in lower case) or a string. A parameter this table does not know reads as a string.
 */
export function pgSetting(name: string, value: string): PgValue {
  const param = PARAMS[name.toLowerCase()] ?? string;
  switch (param.type) {
    case 'bool': {
      const b = pgBool(value);
      return b === undefined ? { ok: false, message: 'expected a boolean (on or off)' } : { ok: true, type: 'bool', value: b };
    }
    case 'integer':
    case 'real':
      return pgNumber(value, param);
    case 'enum':
      return { ok: true, type: 'enum', value: value.trim().toLowerCase() };
    default:
      return { ok: true, type: 'string', value };
  }
}

/** postgres's parse_bool: on/off, true/false, yes/no, 1/0, and unique prefixes of them, case-insensitive. */
export function pgBool(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (v === '') return undefined;
  const prefixOf = (word: string, min = 1): boolean => v.length >= min && word.startsWith(v);
  if (prefixOf('true') || prefixOf('yes') || prefixOf('on', 2) || v === '1') return true;
  if (prefixOf('false') || prefixOf('no') || prefixOf('off', 2) || v === '0') return false;
  return undefined;
}

function pgNumber(value: string, param: { type: 'integer' | 'real'; memory?: MemoryUnit; time?: TimeUnit }): PgValue {
  const match = /^\s*([-+]?)(0x[0-9a-f]+|(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(.*?)\s*$/i.exec(value);
  if (!match) return { ok: false, message: 'expected a number' };
  const digits = match[2]!;
  const fraction = /[.e]/i.test(digits) && !/^0x/i.test(digits);
  // strtol with base 0, as postgres reads an integer: `0x` is hex, a leading 0 octal.
  if (param.type === 'integer' && !fraction && /^0\d*[89]/.test(digits)) return { ok: false, message: 'expected a number' };
  const magnitude = /^0x/i.test(digits) ? parseInt(digits.slice(2), 16) : param.type === 'integer' && !fraction && digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
  let n = (match[1] === '-' ? -1 : 1) * magnitude;
  const unit = match[3]!;
  const table = param.memory ? MEMORY_UNITS : param.time ? TIME_UNITS : undefined;
  const base = param.memory ? MEMORY_BASE[param.memory] : param.time ? TIME_BASE[param.time] : 1;
  if (unit !== '') {
    if (!table) return { ok: false, message: 'this parameter takes no unit' };
    const index = table.findIndex(([name]) => name === unit);
    if (index === -1) return { ok: false, message: `valid units are ${table.map(([name]) => name).reverse().join(', ')}` };
    n = (n * table[index]![1]) / base;
    // A fraction of a unit is rounded to the next smaller unit, as postgres does (`1.5GB` is 1536MB).
    const smaller = table[index + 1];
    if (smaller) n = roundHalfEven(n / (smaller[1] / base)) * (smaller[1] / base);
  }
  if (param.type === 'integer') {
    n = roundHalfEven(n);
    if (n > 2 ** 31 - 1 || n < -(2 ** 31)) return { ok: false, message: 'value exceeds the integer range' };
  }
  const result: PgValue = { ok: true, type: param.type, value: n };
  if (param.memory) result.bytes = n * base;
  if (param.time) result.milliseconds = n * base;
  return result;
}

/** C's rint() in the default rounding mode: halves go to the even neighbour. */
function roundHalfEven(n: number): number {
  const r = Math.round(n);
  return Math.abs(n % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ---------------------------------------------------------------------------------------------
// Command line

/** postgres's single-letter options that set a parameter. */
const SHORT_OPTIONS: Record<string, { param: string; value?: string }> = {
  B: { param: 'shared_buffers' },
  D: { param: 'data_directory' },
  h: { param: 'listen_addresses' },
  i: { param: 'listen_addresses', value: '*' },
  k: { param: 'unix_socket_directories' },
  l: { param: 'ssl', value: 'on' },
  N: { param: 'max_connections' },
  p: { param: 'port' },
  S: { param: 'work_mem' },
  F: { param: 'fsync', value: 'off' },
};
/** Options of postgres that take a value but set no parameter this table knows. */
const OTHER_WITH_VALUE = new Set(['C', 'd', 'f', 'r', 't', 'W']);

/** The settings a `postgres` command line gives, and its mistakes (`-c` without `=`). */
export interface PgCommandLine {
  readonly settings: readonly PgSettingEntry[];
  readonly findings: readonly Finding[];
}

/**
 * Reads the arguments of `postgres` (the words after the program name) into settings, as postgres
 * does: `-c name=value`, `-cname=value`, `--name=value` (a `-` in the name reads as `_`), and the
 * short options that set a parameter (`-B`, `-D`, `-h`, `-i`, `-k`, `-l`, `-N`, `-p`, `-S`, `-F`).
 * Command-line settings win over postgresql.conf. A name of a setting that is only implied by a
 * flag (`-i`, `-l`, `-F`) is the flag itself, and so is its value.
 */
export function postgresCommandLine(words: readonly CommandWord[]): PgCommandLine {
  const settings: PgSettingEntry[] = [];
  const findings: Finding[] = [];
  const assignment = (word: CommandWord, from: number, flag: string): void => {
    const eq = word.value.indexOf('=', from);
    if (eq === -1) {
      const origin = word.originOf(0, word.value.length);
      findings.push(configFinding(CORE_POSTGRES, origin.file, origin.range, `${flag} needs name=value`));
      return;
    }
    const name = commandPart(word, from, eq);
    const key = name.value.toLowerCase().replace(/-/g, '_');
    settings.push({ key, name, value: commandPart(word, eq + 1) });
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const v = word.value;
    if (v.startsWith('--') && v.length > 2) assignment(word, 2, `--${v.slice(2).split('=')[0]}`);
    else if (v.startsWith('-') && v.length >= 2) {
      const letter = v[1]!;
      const attached = v.length > 2;
      if (letter === 'c') {
        if (attached) assignment(word, 2, '-c');
        else if (words[i + 1]) assignment(words[++i]!, 0, '-c');
        else findings.push(configFinding(CORE_POSTGRES, word.originOf(0, v.length).file, word.originOf(0, v.length).range, '-c needs name=value'));
        continue;
      }
      const option = SHORT_OPTIONS[letter];
      if (option?.value !== undefined) {
        const flag = commandPart(word, 0, 2);
        settings.push({ key: option.param, name: flag, value: { ...flag, value: option.value } });
      } else if (option || OTHER_WITH_VALUE.has(letter)) {
        const valueWord = attached ? commandPart(word, 2) : words[i + 1] ? commandPart(words[++i]!, 0) : undefined;
        if (option && valueWord) settings.push({ key: option.param, name: commandPart(word, 0, 2), value: valueWord });
      }
    }
  }
  return { settings, findings };
}
