import { CORE_NGINX } from '../findings/core.js';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Finding, RelatedLocation } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { BLOCK_DIRECTIVES, SERVER_BLOCK_PARENTS, SIMPLE_DIRECTIVES, TABLE_BLOCKS } from './nginx-directives.js';
import { NginxLexer, type LexError, type LexWord } from './nginx-lexer.js';
import { IncludeWalker, resolveConfigPath, serverPath, type ConfigInclude, type ConfigReader } from './config-words.js';
import { LineIndex, type Range } from './position.js';

/**
 * nginx configuration files → a tree of directives with exact ranges (docs/nginx-parser.md). The
 * grammar is nginx's own (src/core/ngx_conf_file.c): words, `;`, `{ }` blocks, quotes, escapes,
 * `#` comments; `*_by_lua_block` bodies are kept as raw Lua text; `include` is followed through the
 * `ConfigReader` the caller supplies (src/parse/config-words.ts), as the redis and postgres parsers do. Syntax errors are `core/nginx` findings at an exact line and column,
 * with nginx's wording; parsing a file stops at its first error, as nginx does.
 */


export interface NginxVariable {
  /** Without `$` and braces: `host` for `$host` and `${host}`, `1` for `$1`. */
  name: string;
  file: string;
  /** `$` and braces included. */
  range: Range;
  /** Where it starts and ends in the word's `value` (`$` and braces included). */
  valueStart: number;
  valueEnd: number;
}

export interface NginxWord {
  /** As written, quotes included. */
  raw: string;
  /** As nginx reads it: quotes removed, `\"` `\'` `\\` `\t` `\r` `\n` resolved (other `\x` stay as written). */
  value: string;
  quoted: '"' | "'" | undefined;
  /** The file the word is written in: with `range`, a word is an `Origin` a rule can report. */
  file: string;
  range: Range;
  variables: NginxVariable[];
}

export interface NginxComment {
  /** The text after `#`, to the end of the line. */
  text: string;
  file: string;
  range: Range;
}

/** The text of a block whose body is not nginx syntax (`*_by_lua_block`): between the braces, as written. */
export interface NginxRawBody {
  text: string;
  range: Range;
}

export interface NginxDirective {
  name: NginxWord;
  args: NginxWord[];
  /** The directives of a `{ }` block (included files spliced in after their `include`). */
  block?: NginxDirective[];
  /** The raw body of a `*_by_lua_block`. */
  body?: NginxRawBody;
  /** From the name to the `;` or the closing `}` included. */
  range: Range;
  /** The file the directive is written in. */
  file: string;
  /** The block directive it sits in; undefined at the top level of the main file (or of its includes there). */
  parent?: NginxDirective;
  /** The `include` that brought in the file this directive is written in. */
  includedFrom?: NginxDirective;
  /** For `include`: the files it read, in nginx's order. */
  included?: string[];
}

export interface NginxConfig {
  /** The main file's name. */
  file: string;
  directives: NginxDirective[];
  /** Comments of every file read, in reading order. */
  comments: NginxComment[];
  /** Every file read: the main file first, then included files in the order nginx reads them. */
  files: string[];
}

export interface NginxParseResult {
  config: NginxConfig;
  findings: Finding[];
  /** What became of each `include`, in reading order. */
  includes: ConfigInclude[];
}

export interface NginxParseOptions {
  /** Where nginx reads the file (a container path such as `/etc/nginx/nginx.conf`); default the file's own path. */
  path?: string;
  /** nginx's configuration prefix, against which relative includes resolve; default the folder of `path`. */
  prefix?: string;
  /** Reads included files; without one, includes are kept as directives and not followed. */
  reader?: ConfigReader;
}

/** nginx sets no limit on nesting; this one only stops a runaway chain the cycle check cannot see. */
const MAX_INCLUDE_DEPTH = 64;

/** Blocks inside blocks, across included files: far more than any real configuration, and within the parser's stack. */
export const MAX_BLOCK_DEPTH = 200;

const LUA_BLOCK = /_by_lua_block$/;

export function isLuaBlock(name: string): boolean {
  return LUA_BLOCK.test(name);
}

/** One file being parsed: its text, line index and lexer. */
interface FileState {
  source: SourceFile;
  lines: LineIndex;
  lexer: NginxLexer;
  includedFrom?: NginxDirective;
}

class Parser {
  readonly findings: Finding[] = [];
  readonly comments: NginxComment[] = [];
  readonly files: string[] = [];
  /** Offsets of each directive's first character and of its `{`, for ranges set once the block ends. */
  private readonly starts = new WeakMap<NginxDirective, number>();
  private readonly opens = new WeakMap<NginxDirective, number>();
  /** How many blocks the directive being read sits in. */
  private depth = 0;

  constructor(
    private readonly prefix: string,
    readonly walker: IncludeWalker,
  ) {}

  /** Parses a whole file (read by nginx as `serverPath`) into `into`, under `parent`; false when it stopped at an error. */
  parseFile(source: SourceFile, serverPath: string, into: NginxDirective[], parent: NginxDirective | undefined, includedFrom?: NginxDirective): boolean {
    const lines = new LineIndex(source.text);
    const lexer = new NginxLexer(source.text, (c) => this.comments.push({ text: c.text, file: source.name, range: lines.range(c.start, c.end) }));
    this.files.push(source.name);
    return this.walker.within(serverPath, () => this.parseBlock({ source, lines, lexer, includedFrom }, into, parent, true));
  }

  /** Reads directives until the block's `}` (or the end of the file at the top level). */
  private parseBlock(state: FileState, into: NginxDirective[], parent: NginxDirective | undefined, topLevel: boolean): boolean {
    for (;;) {
      const statement = state.lexer.readStatement();
      if (!statement.ok) return this.error(state, statement.error);
      const { words, terminator, at } = statement;
      if (terminator === 'eof') {
        if (!topLevel) {
          const open = this.opens.get(parent!)!;
          return this.error(state, { message: 'unexpected end of file, expecting "}"', start: at, end: at, related: { message: `the "${parent!.name.value}" block opens here`, start: open, end: open + 1 } });
        }
        return true;
      }
      if (terminator === '}') {
        if (topLevel) return this.error(state, { message: 'unexpected "}"', start: at, end: at + 1 });
        parent!.range = state.lines.range(this.starts.get(parent!)!, at + 1);
        return true;
      }
      const [name, ...args] = words.map((w) => this.word(state, w));
      const directive: NginxDirective = { name: name!, args, range: state.lines.range(words[0]!.start, at + 1), file: state.source.name, parent, includedFrom: state.includedFrom };
      into.push(directive);
      this.starts.set(directive, words[0]!.start);
      const inTable = parent !== undefined && TABLE_BLOCKS.has(parent.name.value);
      if (terminator === ';') {
        if (!inTable && this.needsBlock(directive)) return this.error(state, { message: `directive "${directive.name.value}" has no opening "{"`, start: at, end: at + 1 });
        if (directive.name.value === 'include' && !this.include(directive, into)) return false;
        continue;
      }
      // terminator '{'
      if (inTable) return this.error(state, { message: 'unexpected "{"', start: at, end: at + 1 });
      if (SIMPLE_DIRECTIVES.has(directive.name.value)) return this.error(state, { message: `directive "${directive.name.value}" is not terminated by ";"`, start: at, end: at + 1 });
      if (isLuaBlock(directive.name.value)) {
        const lua = state.lexer.readLuaBody();
        if (!lua.ok) return this.error(state, lua.error);
        directive.body = { text: state.source.text.slice(lua.start, lua.end), range: state.lines.range(lua.start, lua.end) };
        directive.range = state.lines.range(words[0]!.start, lua.close + 1);
        continue;
      }
      if (this.depth >= MAX_BLOCK_DEPTH) return this.error(state, { message: `blocks nest deeper than ${MAX_BLOCK_DEPTH} levels`, start: at, end: at + 1 });
      directive.block = [];
      this.opens.set(directive, at);
      this.depth++;
      const closed = this.parseBlock(state, directive.block, directive, false);
      this.depth--;
      if (!closed) return false;
    }
  }

  private needsBlock(directive: NginxDirective): boolean {
    const name = directive.name.value;
    if (name === 'server') return directive.parent !== undefined && SERVER_BLOCK_PARENTS.has(directive.parent.name.value);
    return BLOCK_DIRECTIVES.has(name) || isLuaBlock(name);
  }

  private word(state: FileState, w: LexWord): NginxWord {
    const file = state.source.name;
    return {
      raw: w.raw,
      value: w.value,
      quoted: w.quoted,
      file,
      range: state.lines.range(w.start, w.end),
      variables: w.variables.map((v) => ({ name: v.name, file, range: state.lines.range(v.start, v.end), valueStart: v.valueStart, valueEnd: v.valueEnd })),
    };
  }

  private error(state: FileState, error: LexError): false {
    const related: RelatedLocation[] = error.related ? [{ message: error.related.message, file: state.source.name, range: state.lines.range(error.related.start, error.related.end) }] : [];
    const text = state.source.text;
    // `{{ ... }}` (Go templates, consul-template, Jinja) is not nginx syntax: say so beside nginx's message.
    const brace = text[error.start] === '{' ? error.start : -1;
    if (brace !== -1 && (text[brace + 1] === '{' || text[brace - 1] === '{')) {
      const start = text[brace - 1] === '{' ? brace - 1 : brace;
      related.push({ message: 'a template placeholder ("{{"): nginx reads this file only once it is rendered', file: state.source.name, range: state.lines.range(start, start + 2) });
    }
    this.report(state.source.name, state.lines.range(error.start, error.end), error.message, related);
    return false;
  }

  private report(file: string, range: Range, message: string, related: RelatedLocation[] = []): void {
    this.findings.push({ ruleId: CORE_NGINX.id, severity: 'error', message, file, range, related });
  }

  /**
   * Follows an `include`, as nginx does: a pattern with `*`, `?` or `[` reads the files it matches
   * (sorted; none is fine), any other path must exist. Each file's directives are spliced in after
   * the `include`. False when an included file stopped at a syntax error.
   */
  private include(directive: NginxDirective, into: NginxDirective[]): boolean {
    const arg = directive.args[0];
    if (!arg || directive.args.length !== 1) return true;
    const target = resolveConfigPath(arg.value, this.prefix);
    const word = { raw: arg.raw, value: arg.value, quoted: arg.quoted !== undefined, origin: { file: arg.file, range: arg.range } };
    const parsed: string[] = [];
    let ok = true;
    this.walker.follow(word, target, /[*?[]/.test(arg.value) ? this.glob(target) : [target], {
      mustExist: true,
      report: (message) => this.report(directive.file, arg.range, message),
      read: (file, absPath) => {
        // nginx stops at the first error: files after one that failed are not parsed.
        if (!ok) return;
        parsed.push(file.name);
        ok = this.parseFile(file, absPath, into, directive.parent, directive);
      },
    });
    directive.included = parsed;
    return ok;
  }

  /**
   * The files a pattern matches, sorted by byte order as glob(3) does; a folder that does not exist
   * matches nothing. Wildcards are read in the last path segment only: a pattern with one in a folder
   * name is left unread.
   */
  private glob(pattern: string): string[] | { missing: boolean } {
    const dir = path.posix.dirname(pattern);
    const name = path.posix.basename(pattern);
    if (/[*?[]/.test(dir)) return { missing: false };
    const listed = this.walker.list(dir);
    if (!listed.ok) return listed.missing ? [] : { missing: false };
    const matches = picomatch(name, { dot: name.startsWith('.') });
    return listed.names
      .filter((n) => matches(n))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((n) => path.posix.join(dir, n));
  }
}

/** Parses an nginx configuration file and, through `options.reader`, the files it includes. Never throws. */
export function parseNginx(source: SourceFile, options: NginxParseOptions = {}): NginxParseResult {
  const top = serverPath(source, options.path);
  const parser = new Parser(options.prefix ?? path.posix.dirname(top), new IncludeWalker(options.reader, MAX_INCLUDE_DEPTH));
  const directives: NginxDirective[] = [];
  parser.parseFile(source, top, directives, undefined);
  return { config: { file: source.name, directives, comments: parser.comments, files: parser.files }, findings: parser.findings, includes: parser.walker.includes };
}
