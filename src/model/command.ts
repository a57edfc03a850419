import { isScalar, isSeq, type YNode } from '../parse/tree.js';
import { Text } from './text.js';

/** A `command`, `entrypoint` or `healthcheck.test`: its words, each with its place in the file. */
export interface Command {
  readonly node: YNode;
  /** `shell`: one string, split the way a shell would; `exec`: a list of words. */
  readonly form: 'shell' | 'exec';
  readonly words: readonly Text[];
}

export function parseCommand(node: YNode | undefined): Command | undefined {
  if (isScalar(node)) {
    if (node.value === null) return undefined;
    return { node, form: 'shell', words: shellWords(Text.of(node)) };
  }
  if (isSeq(node)) {
    const words = node.items.filter(isScalar).filter((item) => item.value !== null).map((item) => Text.of(item));
    return { node, form: 'exec', words };
  }
  return undefined;
}

/**
 * Splits a command string into words the way a POSIX shell does: on whitespace outside quotes, with
 * `'...'`, `"..."` and backslash escapes keeping spaces inside a word. Each word is a slice of the
 * text, so it keeps its place in the file: a word that is one quoted string is the text inside the
 * quotes; a word that mixes quoted and bare parts (`--name="a b"`) keeps its quotes. An unclosed quote
 * runs to the end of the text.
 */
export function shellWords(text: Text): Text[] {
  const words: Text[] = [];
  const s = text.value;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpace(s[i]!)) i++;
    if (i >= s.length) break;
    const start = i;
    let quoted: [number, number] | undefined;
    let parts = 0;
    while (i < s.length && !isSpace(s[i]!)) {
      const c = s[i]!;
      parts++;
      if (c === "'" || c === '"') {
        let close = i + 1;
        while (close < s.length && s[close] !== c) close += c === '"' && s[close] === '\\' ? 2 : 1;
        quoted = [i + 1, Math.min(close, s.length)];
        i = Math.min(close + 1, s.length);
      } else {
        i += c === '\\' ? 2 : 1;
        while (i < s.length && !isSpace(s[i]!) && s[i] !== "'" && s[i] !== '"' && s[i] !== '\\') i++;
      }
    }
    i = Math.min(i, s.length);
    words.push(parts === 1 && quoted ? text.slice(quoted[0], quoted[1]) : text.slice(start, i));
  }
  return words;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
