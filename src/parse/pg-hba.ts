import { isIP } from 'node:net';
import { compareFindings, type Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { ConfigText, IncludeWalker, configDir, configFinding, resolveConfigPath, serverPath, type ConfigInclude, type ConfigReader, type ConfigWord } from './config-words.js';
import type { Origin, Range } from './position.js';
import { CORE_POSTGRES } from '../findings/core.js';
import { pgInclude, type IncludeKind } from './postgres-conf.js';

/**
 * pg_hba.conf and pg_ident.conf, read as postgres (16 and later) reads them: fields separated by
 * blanks, a field a comma-separated list of tokens, `"..."` quoting (`""` for a quote), `#` comments,
 * a backslash at the end of a line continuing it, `@file` reading a file's tokens into a list, and
 * `include`, `include_if_exists` and `include_dir` lines.
 */

/** A token of an authentication file. A token read from an `@file` has that token as its `via`. */
export type HbaToken = ConfigWord;

export type HbaConnectionType = 'local' | 'host' | 'hostssl' | 'hostnossl' | 'hostgssenc' | 'hostnogssenc';
const CONNECTION_TYPES: readonly string[] = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'];

export const HBA_METHODS: readonly string[] = ['trust', 'reject', 'scram-sha-256', 'md5', 'password', 'gss', 'sspi', 'ident', 'peer', 'ldap', 'radius', 'cert', 'pam', 'bsd'];

export type HbaAddress =
  /** `all`, `samehost`, `samenet` (unquoted). */
  | { readonly kind: 'all' | 'samehost' | 'samenet'; readonly word: HbaToken }
  /** An address with a `/bits` suffix; `address` is in its usual form (`127.1` reads as `127.0.0.1`). */
  | { readonly kind: 'cidr'; readonly word: HbaToken; readonly family: 4 | 6; readonly address: string; readonly prefix: number }
  /** An address and a netmask in the next field; `prefix` when the mask is contiguous. */
  | { readonly kind: 'ip-mask'; readonly word: HbaToken; readonly mask: HbaToken; readonly family: 4 | 6; readonly address: string; readonly prefix?: number }
  /** A host name; a leading `.` matches every name ending in it. */
  | { readonly kind: 'hostname'; readonly word: HbaToken; readonly hostname: string; readonly suffix: boolean };

export interface HbaOption {
  readonly word: HbaToken;
  /** The text before the first `=`. */
  readonly name: string;
  /** The text after it. */
  readonly value: string;
}

/** One record of pg_hba.conf. */
export interface HbaRecord {
  /** From the first field to the end of the last. */
  readonly origin: Origin;
  readonly type: HbaToken;
  readonly connection: HbaConnectionType;
  /** Database names and keywords (`all`, `sameuser`, `samerole`, `samegroup`, `replication`), `/regex`, with `@file` lists read in. */
  readonly databases: readonly HbaToken[];
  /** Role names, `+group`, `all`, `/regex`, with `@file` lists read in. */
  readonly users: readonly HbaToken[];
  /** Absent on `local` lines. */
  readonly address?: HbaAddress;
  readonly method: HbaToken;
  readonly options: readonly HbaOption[];
}

/** One `map system-user database-user` line of pg_ident.conf. */
export interface IdentRecord {
  readonly origin: Origin;
  readonly map: HbaToken;
  /** A user name, or a `/regex`. */
  readonly systemUser: HbaToken;
  readonly databaseUser: HbaToken;
}

export interface AuthFile<R extends object> {
  readonly file: string;
  /** The valid records, in the order postgres matches them, those of included files in their place. */
  readonly records: readonly R[];
  readonly includes: readonly ConfigInclude[];
  /** `core/postgres` findings: lines postgres refuses (it then refuses the whole file), includes that fail. */
  readonly findings: readonly Finding[];
}

export type HbaFile = AuthFile<HbaRecord>;
export type IdentFile = AuthFile<IdentRecord>;

export interface AuthParseOptions {
  /** Reads included and `@` files; without one, they are listed but not followed. */
  reader?: ConfigReader;
  /** The absolute path the server reads the file at (a container path); relative includes resolve against its directory. */
  path?: string;
}

/** True when a token is the keyword `word`: unquoted and exactly it (`"all"` is a name, not the keyword). */
export function isKeyword(token: HbaToken, word: string): boolean {
  return !token.quoted && token.value === word;
}

/** What a database or user token means. */
export function hbaTokenKind(token: HbaToken): 'keyword' | 'group' | 'regex' | 'file' | 'name' {
  if (token.quoted) return 'name';
  if (['all', 'sameuser', 'samerole', 'samegroup', 'replication'].includes(token.value)) return 'keyword';
  if (token.value.startsWith('+')) return 'group';
  if (token.value.startsWith('/')) return 'regex';
  if (token.value.startsWith('@') && token.value.length > 1) return 'file';
  return 'name';
}

export function parsePgHba(source: SourceFile, options: AuthParseOptions = {}): HbaFile {
  return parseAuthFile(source, options, hbaRecord);
}

export function parsePgIdent(source: SourceFile, options: AuthParseOptions = {}): IdentFile {
  return parseAuthFile(source, options, identRecord);
}

/** postgres's CONF_FILE_MAX_DEPTH. */
const MAX_INCLUDE_DEPTH = 10;

/** A logical line: its fields (each a list of tokens), and the range to redact in a finding on it. */
interface AuthLine {
  readonly fields: HbaToken[][];
  readonly text: ConfigText;
  readonly start: number;
  readonly end: number;
}

type LineProblem = { at: Range; message: string };
type RecordReader<R extends object> = (line: AuthLine) => R | LineProblem;

function parseAuthFile<R extends object>(source: SourceFile, options: AuthParseOptions, readRecord: RecordReader<R>): AuthFile<R> {
  const walker = new IncludeWalker(options.reader, MAX_INCLUDE_DEPTH);
  const records: R[] = [];
  const findings: Finding[] = [];
  const readFile = (file: SourceFile, at: string): void => {
    walker.within(at, () => {
      for (const line of authLines(new ConfigText(file), at, walker, findings)) {
        const kind = includeKind(line);
        if (kind) {
          const target = line.fields[1]![0]!;
          pgInclude(walker, kind, target, at, {
            report: (message) => findings.push(configFinding(CORE_POSTGRES, target.origin.file, target.origin.range, message)),
            read: readFile,
          });
          continue;
        }
        const record = readRecord(line);
        if ('message' in record) findings.push(configFinding(CORE_POSTGRES, line.text.source.name, record.at, record.message, redactRange(line)));
        else records.push(record);
      }
    });
  };
  readFile(source, serverPath(source, options.path));
  return { file: source.name, records, includes: walker.includes, findings: findings.sort(compareFindings) };
}

/** An include line has exactly two fields, the first being `include`, `include_if_exists` or `include_dir` (quoted or not). */
function includeKind(line: AuthLine): IncludeKind | undefined {
  if (line.fields.length !== 2) return undefined;
  const first = line.fields[0]![0]!.value;
  return first === 'include' || first === 'include_if_exists' || first === 'include_dir' ? first : undefined;
}

/** Everything after the first field: option values (a RADIUS secret, an LDAP bind password) may be secrets. */
function redactRange(line: AuthLine): Range {
  const first = line.fields[0]?.[0];
  const start = first && !first.origin.via ? first.origin.range.end : line.text.lines.position(line.start);
  return { start, end: line.text.lines.position(line.end) };
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * The logical lines of a file: physical lines joined where one ends in a backslash, each turned into
 * fields. `@file` tokens are read in through the walker (their tokens carry the `@` token as `via`).
 */
function authLines(text: ConfigText, at: string, walker: IncludeWalker, findings: Finding[]): AuthLine[] {
  const lines: AuthLine[] = [];
  const physical = [...text.physicalLines()];
  for (let i = 0; i < physical.length; i++) {
    // The characters of the logical line and, for each, its offset in the file.
    let chars = '';
    const offsets: number[] = [];
    const start = physical[i]!.start;
    let end = start;
    for (;;) {
      const line = physical[i]!;
      end = line.end > line.start && text.text[line.end - 1] === '\r' ? line.end - 1 : line.end;
      // The backslash is dropped even on the last line of the file, as postgres drops it.
      const continued = end > line.start && text.text[end - 1] === '\\';
      const stop = continued ? end - 1 : end;
      for (let o = line.start; o < stop; o++) {
        chars += text.text[o];
        offsets.push(o);
      }
      if (!continued || i + 1 >= physical.length) break;
      i++;
    }
    offsets.push(end);
    const fields = lineFields(text, chars, offsets, at, walker, findings);
    if (fields.length > 0) lines.push({ fields, text, start, end });
  }
  return lines;
}

/** The fields of one logical line, as postgres's next_field_expand reads them. */
function lineFields(text: ConfigText, chars: string, offsets: number[], at: string, walker: IncludeWalker, findings: Finding[]): HbaToken[][] {
  const fields: HbaToken[][] = [];
  let p = 0;
  while (p < chars.length) {
    const field: HbaToken[] = [];
    let comma: boolean;
    do {
      const token = nextToken(chars, p);
      p = token.next;
      comma = token.comma;
      if (!token.found) break;
      const word = text.word(offsets[token.start]!, offsets[token.end - 1]! + 1, token.value, token.initialQuote);
      if (!token.initialQuote && token.value.length > 1 && token.value.startsWith('@')) field.push(...expandFile(word, at, walker, findings));
      else field.push(word);
    } while (comma);
    if (field.length > 0) fields.push(field);
  }
  return fields;
}

interface RawToken {
  found: boolean;
  value: string;
  initialQuote: boolean;
  comma: boolean;
  /** Index of the first and just after the last character of the token. */
  start: number;
  end: number;
  /** Where the next token starts looking. */
  next: number;
}

/** postgres's next_token: skips blanks and commas, then reads up to an unquoted blank, comma or `#` (the rest of the line is a comment). */
function nextToken(s: string, from: number): RawToken {
  let p = from;
  while (p < s.length && (isBlank(s[p]) || s[p] === ',')) p++;
  const start = p;
  let value = '';
  let inQuote = false;
  let wasQuote = false;
  let sawQuote = false;
  let initialQuote = false;
  let comma = false;
  while (p < s.length && (!isBlank(s[p]) || inQuote)) {
    const c = s[p]!;
    if (c === '#' && !inQuote) {
      const found = sawQuote || value.length > 0;
      return { found, value, initialQuote, comma: false, start, end: p, next: s.length };
    }
    if (c === ',' && !inQuote) {
      comma = true;
      break;
    }
    if (c !== '"' || wasQuote) value += c;
    wasQuote = inQuote && c === '"' ? !wasQuote : false;
    if (c === '"') {
      inQuote = !inQuote;
      sawQuote = true;
      if (value.length === 0) initialQuote = true;
    }
    p++;
  }
  return { found: sawQuote || value.length > 0, value, initialQuote, comma, start, end: p, next: comma ? p + 1 : p };
}

/** The tokens of an `@file`, all fields of all its lines, each with the `@` token as its `via`. */
function expandFile(word: HbaToken, at: string, walker: IncludeWalker, findings: Finding[]): HbaToken[] {
  const absPath = resolveConfigPath(word.value.slice(1), configDir(at));
  const tokens: HbaToken[] = [];
  const included = walker.follow(word, absPath, [absPath], {
    mustExist: true,
    report: (message) => findings.push(configFinding(CORE_POSTGRES, word.origin.file, word.origin.range, message.replace('included file', 'file'))),
    read: (file, filePath) =>
      walker.within(filePath, () => {
        for (const line of authLines(new ConfigText(file), filePath, walker, findings)) for (const field of line.fields) for (const token of field) tokens.push({ ...token, origin: { ...token.origin, via: word.origin } });
      }),
  });
  // An @file that could not be read stays in the list as written.
  return included.status === 'read' ? tokens : [word];
}

// ---------------------------------------------------------------------------------------------
// Records

function problem(token: HbaToken | undefined, line: AuthLine, message: string): LineProblem {
  const at = token && !token.origin.via ? token.origin.range : line.text.lines.range(line.end, line.end);
  return { at, message };
}

/** The single token of a field that must hold one value. */
function single(field: HbaToken[] | undefined, line: AuthLine, what: string): HbaToken | LineProblem {
  if (!field) return problem(undefined, line, `end of line before the ${what}`);
  if (field.length > 1) return problem(field[1], line, `more than one ${what}`);
  return field[0]!;
}

const isProblem = (x: object): x is LineProblem => 'message' in x;

/** A pg_hba.conf record, with the checks postgres makes when it loads the file. */
function hbaRecord(line: AuthLine): HbaRecord | LineProblem {
  const fields = line.fields;
  let f = 0;
  const type = single(fields[f++], line, 'connection type');
  if (isProblem(type)) return type;
  if (!CONNECTION_TYPES.includes(type.value)) return problem(type, line, `invalid connection type; expected ${CONNECTION_TYPES.join(', ')}`);
  const connection = type.value as HbaConnectionType;
  const databases = fields[f++];
  if (!databases) return problem(undefined, line, 'end of line before the database');
  const users = fields[f++];
  if (!users) return problem(undefined, line, 'end of line before the user');
  let address: HbaAddress | undefined;
  if (connection !== 'local') {
    const word = single(fields[f++], line, 'address');
    if (isProblem(word)) return word;
    const read = hbaAddress(word, fields[f], line);
    if (isProblem(read)) return read;
    address = read;
    if (address.kind === 'ip-mask') f++;
  }
  const method = single(fields[f++], line, 'authentication method');
  if (isProblem(method)) return method;
  const methodProblem = checkMethod(method, connection);
  if (methodProblem) return problem(method, line, methodProblem);
  const options: HbaOption[] = [];
  for (const token of fields.slice(f).flat()) {
    const eq = token.value.indexOf('=');
    if (eq === -1) return problem(token, line, 'authentication option not in name=value form');
    const name = token.value.slice(0, eq);
    if (!HBA_OPTIONS.has(name)) return problem(token, line, 'unknown authentication option name');
    options.push({ word: token, name, value: token.value.slice(eq + 1) });
  }
  // Tokens read in from an @file are elsewhere: the record ends at the last token written on its line.
  const last = fields.flat().filter((token) => !token.origin.via).at(-1)!;
  const origin = { file: line.text.source.name, range: { start: type.origin.range.start, end: last.origin.range.end } };
  return { origin, type, connection, databases, users, ...(address ? { address } : {}), method, options };
}

/** postgres's authentication option names (any method; postgres also checks each belongs to the method). */
const HBA_OPTIONS = new Set([
  'map', 'clientcert', 'clientname', 'pamservice', 'pam_use_hostname', 'ldapurl', 'ldaptls', 'ldapscheme', 'ldapserver', 'ldapport',
  'ldapbinddn', 'ldapbindpasswd', 'ldapsearchattribute', 'ldapsearchfilter', 'ldapbasedn', 'ldapprefix', 'ldapsuffix', 'krb_realm',
  'include_realm', 'compat_realm', 'upn_username', 'radiusservers', 'radiusserver', 'radiussecrets', 'radiussecret', 'radiusidentifiers',
  'radiusidentifier', 'radiusports', 'radiusport',
]);

function checkMethod(method: HbaToken, connection: HbaConnectionType): string | undefined {
  if (!HBA_METHODS.includes(method.value)) return `invalid authentication method; expected one of ${HBA_METHODS.join(', ')}`;
  if (connection === 'local' && method.value === 'gss') return 'gss authentication is not supported on local sockets';
  if (connection !== 'local' && method.value === 'peer') return 'peer authentication is only supported on local sockets';
  if (connection !== 'hostssl' && method.value === 'cert') return 'cert authentication is only supported on hostssl connections';
  return undefined;
}

/** The address field (and the netmask field after an address without `/bits`). */
function hbaAddress(word: HbaToken, next: HbaToken[] | undefined, line: AuthLine): HbaAddress | LineProblem {
  for (const kind of ['all', 'samehost', 'samenet'] as const) if (isKeyword(word, kind)) return { kind, word };
  const slash = word.value.indexOf('/');
  const host = slash === -1 ? word.value : word.value.slice(0, slash);
  const family = ipFamily(host);
  if (family === undefined) {
    if (slash !== -1) return problem(word, line, 'a host name cannot have a CIDR mask');
    return { kind: 'hostname', word, hostname: host, suffix: host.startsWith('.') };
  }
  if (slash !== -1) {
    const bits = word.value.slice(slash + 1);
    const prefix = /^\s*[+-]?\d+$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) return problem(word, line, 'invalid CIDR mask in the address');
    return { kind: 'cidr', word, family, address: addressText(host, family), prefix };
  }
  const mask = single(next, line, 'netmask');
  if (isProblem(mask)) return next ? mask : problem(word, line, 'an address without /bits needs a netmask field after it');
  const maskFamily = ipFamily(mask.value);
  if (maskFamily === undefined) return problem(mask, line, 'invalid IP mask');
  if (maskFamily !== family) return problem(mask, line, 'the IP address and the mask are of different families');
  const prefix = contiguousPrefix(mask.value, maskFamily);
  return { kind: 'ip-mask', word, mask, family, address: addressText(host, family), ...(prefix === undefined ? {} : { prefix }) };
}

function ipFamily(text: string): 4 | 6 | undefined {
  if (ipv4Bytes(text)) return 4;
  return isIP(text.replace(/%[^%]*$/, '')) === 6 ? 6 : undefined;
}

/**
 * An IPv4 address as the C library's numeric host parsing (inet_aton) reads it, which postgres
 * uses: one to four parts, each decimal, octal (leading 0) or hex (0x), the last filling the bytes
 * left (`127.1` is 127.0.0.1, `10.0.0` 10.0.0.0). Undefined for anything else.
 */
function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const numbers = parts.map((p) => (/^0x[0-9a-f]+$/i.test(p) ? parseInt(p.slice(2), 16) : /^0[0-7]*$/.test(p) ? parseInt(p, 8) : /^[1-9]\d*$/.test(p) ? Number(p) : NaN));
  if (numbers.some((n) => Number.isNaN(n))) return undefined;
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 2 ** (8 * (4 - numbers.length))) return undefined;
  const bytes = [...numbers];
  for (let i = 4 - numbers.length - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes;
}

/** An address in its usual text form: IPv4 dotted quad (`127.1` → `127.0.0.1`), IPv6 as written. */
function addressText(text: string, family: 4 | 6): string {
  return family === 4 ? ipv4Bytes(text)!.join('.') : text;
}

/** The prefix length of a netmask (IPv4 or IPv6) whose one bits are contiguous; undefined otherwise, or when it is no address. */
export function netmaskPrefix(mask: string): number | undefined {
  const family = ipFamily(mask);
  return family === undefined ? undefined : contiguousPrefix(mask, family);
}

function contiguousPrefix(mask: string, family: 4 | 6): number | undefined {
  let bits = '';
  if (family === 4) bits = ipv4Bytes(mask)!.map((byte) => byte.toString(2).padStart(8, '0')).join('');
  else {
    const [head = '', tail = ''] = mask.replace(/%[^%]*$/, '').split('::');
    const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
    const h = groups(head);
    const t = groups(tail);
    const all = mask.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
    bits = all.map((g) => parseInt(g, 16).toString(2).padStart(16, '0')).join('');
  }
  const match = /^(1*)0*$/.exec(bits);
  return match ? match[1]!.length : undefined;
}

/** A pg_ident.conf record: map name, system user, database user. */
function identRecord(line: AuthLine): IdentRecord | LineProblem {
  const names = ['map name', 'system user name', 'database user name'] as const;
  const tokens: HbaToken[] = [];
  for (let i = 0; i < names.length; i++) {
    const token = single(line.fields[i], line, names[i]!);
    if (isProblem(token)) return token;
    tokens.push(token);
  }
  const [map, systemUser, databaseUser] = tokens as [HbaToken, HbaToken, HbaToken];
  return { origin: { file: map.origin.file, range: { start: map.origin.range.start, end: databaseUser.origin.range.end } }, map, systemUser, databaseUser };
}
