/**
 * The nginx configuration lexer: reads one statement at a time (its words and what ended it), with
 * the rules of nginx's own reader (src/core/ngx_conf_file.c), and the body of a `*_by_lua_block` as
 * the Lua module reads it. Offsets are string offsets into the file's text; the parser turns them
 * into ranges. Errors are values, never exceptions.
 */

/** A variable a word refers to: `$host`, `${host}`, `$1`. Offsets are into the file's text. */
export interface LexVariable {
  name: string;
  start: number;
  end: number;
  /** Offsets into the word's value (`$` and braces included). */
  valueStart: number;
  valueEnd: number;
}

export interface LexWord {
  /** The word as written, quotes included. */
  raw: string;
  /** The word as nginx reads it: quotes removed, `\"` `\'` `\\` `\t` `\r` `\n` resolved. */
  value: string;
  quoted: '"' | "'" | undefined;
  start: number;
  end: number;
  variables: LexVariable[];
}

export interface LexComment {
  /** The text after `#`, up to the end of the line (a carriage return excluded). */
  text: string;
  start: number;
  end: number;
}

export interface LexError {
  message: string;
  start: number;
  end: number;
  /** Offsets of a place that explains the error (where the unclosed thing started). */
  related?: { message: string; start: number; end: number };
}

/** What ended a statement: `;`, `{` (a block starts), `}` (a block ends, no words), or the end of the file (no words). */
export type Terminator = ';' | '{' | '}' | 'eof';

export type LexStatement =
  | { ok: true; words: LexWord[]; terminator: Terminator; at: number }
  | { ok: false; words: LexWord[]; error: LexError };

export type LexLuaBody = { ok: true; start: number; end: number; close: number } | { ok: false; error: LexError };

/** nginx reads a configuration through a 4096-byte buffer: no single word may fill it. */
const CONF_BUFFER = 4096;

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** nginx's message for a character it did not expect there. */
function unexpected(ch: string): string {
  return `unexpected "${ch}"`;
}

/**
 * Resolves nginx's escapes in the text of a word (between its quotes), keeping for each character of
 * the value the offset in the file of the character it came from.
 */
function unescape(text: string, base: number): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      const control = next === 't' ? '\t' : next === 'r' ? '\r' : next === 'n' ? '\n' : undefined;
      if (control !== undefined || next === '"' || next === "'" || next === '\\') {
        value += control ?? next;
        offsets.push(base + i);
        i++;
        continue;
      }
    }
    value += ch;
    offsets.push(base + i);
  }
  return { value, offsets };
}

const VARIABLE_CHAR = /[A-Za-z0-9_]/;

/**
 * The variables of a value, as nginx's script compiler finds them: `$name` (letters, digits,
 * underscore), `${name}`, and `$1`..`$9` (one digit: a regex capture).
 */
function variablesOf(value: string, offsets: number[], end: number): LexVariable[] {
  const found: LexVariable[] = [];
  const at = (i: number): number => (i < offsets.length ? offsets[i]! : end);
  for (let i = value.indexOf('$'); i !== -1 && i < value.length; i = value.indexOf('$', i + 1)) {
    let nameStart = i + 1;
    let nameEnd: number;
    let close = 0;
    if (value[nameStart] === '{') {
      nameStart++;
      nameEnd = value.indexOf('}', nameStart);
      if (nameEnd === -1 || nameEnd === nameStart) continue;
      close = 1;
    } else if (/[1-9]/.test(value[nameStart] ?? '')) {
      nameEnd = nameStart + 1;
    } else {
      nameEnd = nameStart;
      while (nameEnd < value.length && VARIABLE_CHAR.test(value[nameEnd]!)) nameEnd++;
      if (nameEnd === nameStart) continue;
    }
    const last = nameEnd + close - 1;
    found.push({ name: value.slice(nameStart, nameEnd), start: at(i), end: at(last) + 1, valueStart: i, valueEnd: last + 1 });
    i = last;
  }
  return found;
}

export class NginxLexer {
  private pos = 0;

  /** `onComment` is told each `#` comment as it is read. */
  constructor(
    private readonly text: string,
    private readonly onComment: (comment: LexComment) => void = () => {},
  ) {}

  get offset(): number {
    return this.pos;
  }

  /** Reads the words of one statement up to what ends it, as `ngx_conf_read_token` does. */
  readStatement(): LexStatement {
    const text = this.text;
    const words: LexWord[] = [];
    const fail = (message: string, start: number, end = start + 1, related?: LexError['related']): LexStatement => ({ ok: false, words, error: { message, start, end, related } });
    for (;;) {
      // Between words: whitespace, comments, or what ends the statement.
      while (this.pos < text.length && isSpace(text[this.pos])) this.pos++;
      if (this.pos >= text.length) {
        if (words.length > 0) return fail('unexpected end of file, expecting ";" or "}"', text.length, text.length, { message: 'the directive starts here', start: words[0]!.start, end: words[0]!.end });
        return { ok: true, words, terminator: 'eof', at: text.length };
      }
      const start = this.pos;
      const ch = text[start]!;
      if (ch === ';' || ch === '{') {
        this.pos++;
        if (words.length === 0) return fail(unexpected(ch), start);
        return { ok: true, words, terminator: ch, at: start };
      }
      if (ch === '}') {
        this.pos++;
        if (words.length > 0) return fail(unexpected(ch), start);
        return { ok: true, words, terminator: '}', at: start };
      }
      if (ch === '#') {
        let end = text.indexOf('\n', start);
        if (end === -1) end = text.length;
        const lineEnd = text[end - 1] === '\r' ? end - 1 : end;
        this.onComment({ text: text.slice(start + 1, lineEnd), start, end: lineEnd });
        this.pos = end;
        continue;
      }
      const word = ch === '"' || ch === "'" ? this.quotedWord(ch) : this.bareWord();
      if ('message' in word) return { ok: false, words, error: word };
      words.push(word);
      if (word.quoted) {
        // After a closing quote nginx wants a space, `;`, `{`, or a `)` (which starts a new word).
        const next = text[this.pos];
        if (next !== undefined && !isSpace(next) && next !== ';' && next !== '{' && next !== ')') return fail(unexpected(next), this.pos);
      }
    }
  }

  private quotedWord(quote: '"' | "'"): LexWord | LexError {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
    const closed = i < text.length;
    const content = text.slice(start + 1, Math.min(i, text.length));
    const bytes = utf8Length(content);
    // The content, its closing quote and the next character must fit nginx's buffer. Filled before
    // the closing quote, nginx suspects a missing quote; filled just after it, it names the word.
    if (bytes >= CONF_BUFFER) return { message: `too long parameter, probably missing terminating "${quote}" character`, start, end: start + 1 };
    if (closed && bytes + 1 >= CONF_BUFFER && i + 1 < text.length) return { message: `too long parameter "${content.slice(0, 10)}..." started`, start, end: start + 1 };
    if (!closed) {
      return { message: 'unexpected end of file, expecting ";" or "}"', start: text.length, end: text.length, related: { message: 'the quoted string starts here', start, end: start + 1 } };
    }
    this.pos = i + 1;
    const { value, offsets } = unescape(content, start + 1);
    return { raw: text.slice(start, this.pos), value, quoted: quote, start, end: this.pos, variables: variablesOf(value, offsets, i) };
  }

  private bareWord(): LexWord | LexError {
    const text = this.text;
    const start = this.pos;
    let i = start;
    // A word ends at whitespace, `;` or `{`, except a `{` right after `$` (`${name}`); `\` escapes the next character.
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\\') {
        i += 2;
        continue;
      }
      if (isSpace(ch) || ch === ';' || (ch === '{' && text[i - 1] !== '$')) break;
      i++;
    }
    i = Math.min(i, text.length);
    const raw = text.slice(start, i);
    const bytes = utf8Length(raw);
    if (bytes > CONF_BUFFER || (bytes === CONF_BUFFER && i < text.length)) {
      return { message: `too long parameter "${raw.slice(0, 10)}..." started`, start, end: start + 1 };
    }
    if (i >= text.length) {
      return { message: 'unexpected end of file, expecting ";" or "}"', start: text.length, end: text.length, related: { message: 'the word starts here', start, end: i } };
    }
    this.pos = i;
    const { value, offsets } = unescape(raw, start);
    return { raw, value, quoted: undefined, start, end: i, variables: variablesOf(value, offsets, i) };
  }

  /**
   * Reads the Lua code of a `*_by_lua_block` after its `{`, as the Lua module does: braces count
   * except inside Lua strings (`"..."`, `'...'` on one line, `[[...]]`, `[==[...]==]`) and comments
   * (`-- ...`, `--[[...]]`); the body ends at the `}` that balances the opening one.
   */
  readLuaBody(): LexLuaBody {
    const text = this.text;
    const start = this.pos;
    let depth = 1;
    /** nginx reports an unfinished block at the last `{` it saw (the opening one at first). */
    let lastOpen = start - 1;
    let i = start;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '{') {
        depth++;
        lastOpen = i;
        i++;
      } else if (ch === '}') {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          return { ok: true, start, end: i, close: i };
        }
        i++;
      } else if (ch === '[' || (ch === '-' && text.startsWith('--', i))) {
        const comment = ch === '-';
        const open = /^\[(=*)\[/.exec(text.slice(comment ? i + 2 : i, (comment ? i + 2 : i) + 64));
        if (open) {
          const closing = `]${open[1]}]`;
          const from = (comment ? i + 2 : i) + open[0].length;
          const close = text.indexOf(closing, from);
          if (close === -1) return { ok: false, error: { message: `Lua code block missing the closing long bracket "${closing}"`, start: i, end: from } };
          i = close + closing.length;
        } else if (comment) {
          const eol = text.indexOf('\n', i);
          i = eol === -1 ? text.length : eol + 1;
        } else {
          i++;
        }
      } else if (ch === '"' || ch === "'") {
        i = this.luaShortString(i, ch);
      } else {
        i++;
      }
    }
    return { ok: false, error: { message: 'unexpected end of file, expecting terminating characters for lua code block', start: lastOpen, end: lastOpen + 1 } };
  }

  /** The offset after a Lua short string starting at `start`; a quote with no closing quote on its line is an ordinary character. */
  private luaShortString(start: number, quote: string): number {
    const text = this.text;
    let i = start + 1;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === quote) return i + 1;
      if (ch === '\n') break;
      if (ch === '\\') {
        if (text[i + 1] === '\n' || i + 1 >= text.length) break;
        i += 2;
        continue;
      }
      i++;
    }
    return start + 1;
  }
}
