import { CORE_ENV_FILE } from '../findings/core.js';
import type { Finding, Severity } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { LineIndex, type Origin, type Range } from '../parse/position.js';
import { interpolate, type InterpolationProblem } from './interpolate.js';

/** A variable's value and, when it came from an env file, the place that set it. */
export interface Variable {
  value: string;
  origin?: Origin;
}

export interface VariableOptions {
  envFiles: readonly string[];
  useProcessEnv: boolean;
  inherited?: ReadonlyMap<string, Variable>;
}

/** One `KEY=value` (or bare `KEY`) statement of an env file. */
export interface EnvEntry {
  readonly name: string;
  /** Where the name is written. */
  readonly nameOrigin: Origin;
  /**
   * The value, unquoted, unescaped and interpolated. For a bare `KEY`, the value it takes from the
   * scope (the environment), and absent when the scope has none: the variable stays unset.
   */
  readonly value?: string;
  /** Where the value is written, quotes included; absent for a bare `KEY`. */
  readonly origin?: Origin;
}

export interface ParsedEnvFile {
  /** The statements with a valid name, in file order; a later one for the same name wins. */
  readonly entries: EnvEntry[];
  /** `core/env-file` findings: bad lines, and `${...}` in values that is unset, required or invalid. */
  readonly findings: Finding[];
  /** The comments, as offsets from the `#` to the end of its line (a `\r` excluded): whole lines, and those after a value. */
  readonly comments: { start: number; end: number }[];
}

export interface EnvFileOptions {
  /**
   * Variables from outside the file (earlier env files, the environment) that `${VAR}` in a value
   * and a bare `KEY` read. As in Compose, they win over the file's own earlier lines.
   */
  scope?: ReadonlyMap<string, string>;
}

/**
 * Reads an env file (`.env`, `--env-file`, an include's `env_file`) the way Compose does:
 *
 * - `KEY=value`, `export KEY=value`, and `KEY: value`; blank lines and `#` comment lines;
 * - unquoted values: leading and trailing blanks dropped, an inline comment from ` #` on dropped;
 * - single-quoted values are literal (only `\'` stands for `'`), double-quoted ones read the escapes
 *   `\n`, `\r`, `\t`, `\\`, `\"`, `\$` (and `\a`, `\b`, `\f`, `\v`, `\0NNN`); both may span lines;
 * - `${VAR}`, `$VAR` and the other interpolation forms in unquoted and double-quoted values;
 * - a bare `KEY` takes its value from the environment, if it has one; `KEY=` is empty.
 *
 * A bad statement (an invalid name, a missing `=`, an unterminated quote, text after a closing
 * quote) is a finding at its line and column, and the rest of the file is still read. Messages never
 * hold a value, and a finding's range redacts any value on its line: values may be secrets.
 */
export function parseEnvFile(source: SourceFile, options: EnvFileOptions = {}): ParsedEnvFile {
  return new EnvFileParser(source, options.scope ?? new Map()).parse();
}

/** Blank characters inside a line, as Compose's env file reader counts them. */
const BLANK = /[\t\v\f\r \u0085\u00a0]/;
/** Characters Compose accepts in a name: letters, digits, `_`, `.`, `-`, `[` and `]`. */
const NAME_CHAR = /^[\p{L}\p{N}_.\-[\]]$/u;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', $: '$$' };

class EnvFileParser {
  private readonly text: string;
  private readonly lines: LineIndex;
  private readonly entries: EnvEntry[] = [];
  private readonly findings: Finding[] = [];
  private readonly comments: { start: number; end: number }[] = [];
  /** What `${VAR}` reads: the scope, then this file's own earlier values. */
  private readonly lookup: Map<string, string>;

  constructor(
    private readonly source: SourceFile,
    private readonly scope: ReadonlyMap<string, string>,
  ) {
    this.text = source.text;
    this.lines = new LineIndex(source.text);
    this.lookup = new Map(scope);
  }

  parse(): ParsedEnvFile {
    const t = this.text;
    let i = 0;
    while (i < t.length) {
      if (/\s/.test(t[i]!)) i++;
      else if (t[i] === '#') i = this.comment(i);
      else i = this.statement(i);
    }
    return { entries: this.entries, findings: this.findings, comments: this.comments };
  }

  /** Records the comment starting at `start`; returns the end of its line. */
  private comment(start: number): number {
    const end = this.lineEnd(start);
    this.comments.push({ start, end: this.text[end - 1] === '\r' ? end - 1 : end });
    return end;
  }

  /** Reads the statement starting at `start`; returns the offset where the next one may start. */
  private statement(start: number): number {
    const t = this.text;
    const end = this.lineEnd(start);
    const exported = /^export[\t ]+(?=\S)/.exec(t.slice(start, end));
    const nameStart = start + (exported ? exported[0].length : 0);
    let sep = -1;
    for (let j = nameStart; j < end; ) {
      const c = String.fromCodePoint(t.codePointAt(j)!);
      if (c === '=' || c === ':') {
        sep = j;
        break;
      }
      if (!BLANK.test(c) && !NAME_CHAR.test(c)) {
        this.report(j, j + c.length, `invalid variable name: unexpected character "${c}"`, 'error', this.rest(j + c.length, end));
        return end;
      }
      j += c.length;
    }

    if (sep === -1) {
      // A bare `KEY`: the variable takes its value from the environment.
      const written = t.slice(nameStart, end).trimEnd();
      const blank = written.search(/\s/);
      if (blank !== -1) {
        const after = nameStart + blank + (written.slice(blank).length - written.slice(blank).trimStart().length);
        this.report(after, nameStart + written.length, 'missing "=" after the variable name', 'error', this.rest(after, end));
        return end;
      }
      if (!this.validName(written, nameStart, end)) return end;
      const value = this.scope.get(written);
      this.define({ name: written, nameOrigin: this.origin(nameStart, nameStart + written.length), ...(value === undefined ? {} : { value }) });
      return end;
    }

    const name = t.slice(nameStart, sep).trimEnd();
    let valueStart = sep + 1;
    while (valueStart < end && BLANK.test(t[valueStart]!)) valueStart++;
    const read = this.value(valueStart, end, sep + 1);
    if (!read) return end;
    if (name === '') this.report(sep, sep + 1, 'missing variable name before "="', 'error', read.range);
    else if (/\s/.test(name)) this.report(nameStart, nameStart + name.length, 'invalid variable name: it contains a space', 'error', read.range);
    else if (this.validName(name, nameStart, end, read.range)) {
      this.define({ name, nameOrigin: this.origin(nameStart, nameStart + name.length), value: read.value, origin: { file: this.source.name, range: read.range } });
    }
    return read.next;
  }

  /** Names Compose accepts but `${...}` can never read: one starting with a digit (Compose ignores it). */
  private validName(name: string, start: number, end: number, redact?: Range): boolean {
    if (!/^\p{N}/u.test(name)) return true;
    this.report(start, start + name.length, 'invalid variable name: it starts with a digit', 'error', redact ?? this.rest(start + name.length, end));
    return false;
  }

  private define(entry: EnvEntry): void {
    this.entries.push(entry);
    if (entry.value !== undefined && !this.scope.has(entry.name)) this.lookup.set(entry.name, entry.value);
  }

  /**
   * The value starting at `start` (blanks before it skipped); undefined after reporting an unterminated
   * quote. An empty unquoted value is placed at `emptyAt`, just after the `=`.
   */
  private value(start: number, lineEnd: number, emptyAt: number): { value: string; range: Range; next: number } | undefined {
    const t = this.text;
    const quote = t[start];
    if (quote !== '"' && quote !== "'") {
      let raw = t.slice(start, lineEnd);
      const comment = raw.indexOf(' #');
      if (comment !== -1) {
        raw = raw.slice(0, comment);
        this.comment(start + comment + 1);
      }
      raw = raw.trimEnd();
      const range = raw === '' ? this.lines.range(emptyAt, emptyAt) : this.lines.range(start, start + raw.length);
      return { value: this.interpolate(raw, (offset) => start + offset), range, next: lineEnd };
    }
    let body = '';
    let escaped = false;
    let close = -1;
    for (let j = start + 1; j < t.length; j++) {
      const c = t[j]!;
      if (escaped) {
        escaped = false;
        // An escaped quote drops its backslash; any other escaped character keeps it, for now.
        body += c === quote ? c : `\\${c}`;
      } else if (c === '\\') escaped = true;
      else if (c === quote) {
        close = j;
        break;
      } else body += c;
    }
    if (close === -1) {
      this.report(start, start + 1, `unterminated quoted value: no closing ${quote}`, 'error', this.rest(start, lineEnd));
      return undefined;
    }
    const range = this.lines.range(start, close + 1);
    const next = this.lineEnd(close + 1);
    const trailing = t.slice(close + 1, next).trim();
    if (trailing !== '' && !trailing.startsWith('#')) {
      const at = close + 1 + t.slice(close + 1, next).indexOf(trailing);
      this.report(at, at + trailing.length, 'unexpected text after the closing quote', 'error', this.lines.range(at, at + trailing.length));
    } else if (trailing !== '') this.comment(close + 1 + t.slice(close + 1, next).indexOf('#'));
    if (quote === "'") return { value: body, range, next };
    const unescaped = unescape(body);
    // Offsets in the value map to the file only when nothing was unescaped.
    const exact = unescaped === t.slice(start + 1, close);
    return { value: this.interpolate(unescaped, (offset) => (exact ? start + 1 + offset : undefined), range), range, next };
  }

  /** Interpolates a value; each unset, required or invalid `${...}` is a finding, at the expression when `at` can place it. */
  private interpolate(raw: string, at: (offset: number) => number | undefined, whole?: Range): string {
    const result = interpolate(raw, this.lookup);
    for (const problem of result.problems) {
      const start = at(problem.rawStart);
      const end = at(problem.rawEnd);
      const range = start === undefined || end === undefined ? whole! : this.lines.range(start, end);
      this.findings.push(this.finding(range, problemMessage(problem), problem.kind === 'unset' ? 'warning' : 'error'));
    }
    return result.value;
  }

  /** The offset of the end of the line holding `offset` (its `\n`, or the end of the text). */
  private lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl;
  }

  /** The rest of a line from `start`, without trailing blanks: what may hold a value. */
  private rest(start: number, lineEnd: number): Range | undefined {
    const length = this.text.slice(start, lineEnd).trimEnd().length;
    return length > 0 ? this.lines.range(start, start + length) : undefined;
  }

  private origin(start: number, end: number): Origin {
    return { file: this.source.name, range: this.lines.range(start, end) };
  }

  private report(start: number, end: number, message: string, severity: Severity, redact?: Range): void {
    this.findings.push(this.finding(this.lines.range(start, end), message, severity, redact));
  }

  private finding(range: Range, message: string, severity: Severity, redact?: Range): Finding {
    return { ruleId: CORE_ENV_FILE.id, severity, message, file: this.source.name, range, related: [], ...(redact ? { redact: [redact] } : {}) };
  }
}

/** A double-quoted value's escapes; `\$` becomes `$$`, which interpolation reads as a literal `$`. */
function unescape(body: string): string {
  return body.replace(/\\(0[0-7]{3}|.)/gs, (match, c: string) => {
    if (c.length === 4) return String.fromCharCode(parseInt(c.slice(1), 8));
    return ESCAPES[c] ?? match;
  });
}

/** A problem in words that hold no value: the variable's name at most. */
function problemMessage(problem: InterpolationProblem): string {
  switch (problem.kind) {
    case 'unset':
      return `variable "${problem.variable}" is not set and has no default`;
    case 'required':
      return `required variable "${problem.variable}" has no value; Compose refuses to load the file`;
    case 'syntax':
      return 'invalid variable expression; Compose refuses to load the file';
  }
}

/** Findings already reported for each loader, so a file read by several projects gets each once. */
const reported = new WeakMap<object, Set<string>>();

/**
 * The variables a project interpolates with, and where each value was set. Env files are read in
 * order, a later one overriding an earlier one; then, as in Compose, the process environment (only
 * with `useProcessEnv`) overrides them, and the variables of an including project override all.
 * A file that cannot be read is a `core/input` finding (through `files.text`); a bad line of one is
 * a `core/env-file` finding, each reported once per `files`.
 */
export function projectVariables(
  options: VariableOptions,
  files: { text(absPath: string): SourceFile | undefined; findings: Finding[] },
): { variables: Map<string, string>; origins: Map<string, Origin> } {
  const outer = new Map<string, Variable>();
  if (options.useProcessEnv) {
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) outer.set(name, { value });
  }
  for (const [name, variable] of options.inherited ?? []) outer.set(name, variable);

  const fromFiles = new Map<string, Variable>();
  const seen = reported.get(files) ?? new Set<string>();
  reported.set(files, seen);
  for (const file of options.envFiles) {
    const source = files.text(file);
    if (!source) continue;
    // Inside an env file, `${VAR}` reads earlier files first, then the environment (Compose's order).
    const scope = new Map<string, Variable>([...outer, ...fromFiles]);
    const parsed = parseEnvFile(source, { scope: new Map([...scope].map(([name, v]) => [name, v.value])) });
    for (const finding of parsed.findings) {
      const key = JSON.stringify([finding.file, finding.range, finding.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      files.findings.push(finding);
    }
    for (const entry of parsed.entries) {
      if (entry.value === undefined) continue;
      // A bare `KEY` passes on the value, and the origin, of the variable it names.
      const origin = entry.origin ?? scope.get(entry.name)?.origin;
      fromFiles.set(entry.name, origin ? { value: entry.value, origin } : { value: entry.value });
    }
  }

  const variables = new Map<string, string>();
  const origins = new Map<string, Origin>();
  for (const [name, variable] of [...fromFiles, ...outer]) {
    variables.set(name, variable.value);
    if (variable.origin) origins.set(name, variable.origin);
    else origins.delete(name);
  }
  return { variables, origins };
}
