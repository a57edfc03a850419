import { Lexer } from 'yaml';
import type { SourceFile } from '../input/source.js';
import { parseEnvFile } from '../model/env-file.js';
import { ConfigText } from '../parse/config-words.js';
import { parseNginx } from '../parse/nginx.js';
import type { Position } from '../parse/position.js';
import { postgresComments } from '../parse/postgres-conf.js';

/**
 * Where the comments of a file are, read with the rules of the program that reads the file, so that
 * a `#` inside a quoted value, a YAML block scalar or a Lua string is never taken for a comment.
 */

/** The comment syntaxes of the files findings point into. */
export type CommentSyntax = 'yaml' | 'env' | 'nginx' | 'redis' | 'postgresql' | 'pg_hba';

/** One comment: offsets into the file's text from its `#` to the end of its line (a `\r` excluded). */
export interface CommentSpan {
  start: number;
  end: number;
}

const FINDERS: Record<CommentSyntax, (source: SourceFile) => CommentSpan[]> = {
  yaml: (source) => yamlComments(source.text),
  env: (source) => parseEnvFile(source).comments,
  // Includes are not followed: each file's own comments are read when it is.
  nginx: nginxComments,
  redis: redisComments,
  postgresql: (source) => withoutCr(source.text, postgresComments(source.text)),
  pg_hba: pgHbaComments,
};

/** The comments of a file, in order. */
export function findComments(source: SourceFile, syntax: CommentSyntax): CommentSpan[] {
  return FINDERS[syntax](source);
}

/** yaml's lexer marks where a document and a scalar start with these; they are not in the text. */
const YAML_MARKERS = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * YAML comments, from the yaml package's lexer: a token starting with `#` that is not a scalar's
 * text (the lexer puts a scalar marker before every scalar, a block scalar's lines included), so a
 * `#` in a quoted, plain or block scalar is none.
 */
function yamlComments(text: string): CommentSpan[] {
  const comments: CommentSpan[] = [];
  let offset = 0;
  let scalar = false;
  for (const token of new Lexer().lex(text)) {
    if (YAML_MARKERS.has(token)) {
      scalar = token === '\u001f';
      continue;
    }
    if (!scalar && token.startsWith('#')) comments.push({ start: offset, end: offset + token.replace(/\r$/, '').length });
    scalar = false;
    offset += token.length;
  }
  return comments;
}

/** redis skips a line whose first character (after blanks) is `#`; a `#` later in a line is an argument. */
function redisComments(source: SourceFile): CommentSpan[] {
  const text = new ConfigText(source);
  const comments: CommentSpan[] = [];
  for (const line of text.physicalLines()) {
    const start = line.start + (/^[ \t\r]*/.exec(source.text.slice(line.start, line.end))?.[0].length ?? 0);
    if (source.text[start] === '#') comments.push({ start, end: trimCr(source.text, line.end) });
  }
  return comments;
}

/**
 * pg_hba.conf comments as postgres's tokenizer finds them: a `#` outside double quotes ends the
 * line's fields, even inside a word. A line ending in a backslash continues on the next, and so does
 * a comment.
 */
function pgHbaComments(source: SourceFile): CommentSpan[] {
  const text = new ConfigText(source);
  const comments: CommentSpan[] = [];
  let inQuote = false;
  let inComment = false;
  for (const line of text.physicalLines()) {
    const end = trimCr(source.text, line.end);
    for (let i = line.start; i < end && !inComment; i++) {
      const c = source.text[i];
      if (c === '"') inQuote = !inQuote;
      else if (c === '#' && !inQuote) {
        comments.push({ start: i, end });
        inComment = true;
      }
    }
    const continued = end > line.start && source.text[end - 1] === '\\';
    if (!continued) inQuote = inComment = false;
  }
  return comments;
}

function trimCr(text: string, end: number): number {
  return text[end - 1] === '\r' ? end - 1 : end;
}

function withoutCr(text: string, spans: CommentSpan[]): CommentSpan[] {
  return spans.map((s) => ({ start: s.start, end: trimCr(text, s.end) }));
}

/** nginx comments, from our nginx parser (its lexer knows quoted words and Lua bodies); it stops at a syntax error, as nginx does. */
function nginxComments(source: SourceFile): CommentSpan[] {
  const starts = [0];
  for (let i = source.text.indexOf('\n'); i !== -1; i = source.text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: Position) => starts[p.line - 1]! + p.column - 1;
  return parseNginx(source).config.comments.map((c) => ({ start: offset(c.range.start), end: offset(c.range.end) }));
}
