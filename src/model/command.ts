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

/** Splits on unquoted whitespace; a quoted word keeps its quotes out of the word. */
export function shellWords(text: Text): Text[] {
  const words: Text[] = [];
  const s = text.value;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let start = i;
    let end: number;
    const quote = s[i];
    if (quote === '"' || quote === "'") {
      const close = s.indexOf(quote, i + 1);
      if (close !== -1 && (close + 1 === s.length || /\s/.test(s[close + 1]!))) {
        start = i + 1;
        end = close;
        i = close + 1;
        words.push(text.slice(start, end));
        continue;
      }
    }
    while (i < s.length && !/\s/.test(s[i]!)) i++;
    end = i;
    words.push(text.slice(start, end));
  }
  return words;
}
