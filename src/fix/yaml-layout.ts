import type { YMap, YNode, YSeq } from '../parse/tree.js';
import type { FixSources, FixText } from './sources.js';
import type { BlockLayout } from './yaml-values.js';

/**
 * Where a collection of the tree is written and in which form: what an edit that adds to it or takes
 * from it needs to know, read from the file itself rather than assumed.
 */
export interface CollectionText {
  text: FixText;
  /** Offsets of the collection's text: the first key or `-` to the end of its last value; a flow one's brackets included. */
  start: number;
  end: number;
  flow: boolean;
}

/**
 * The text of a mapping or list, when what is written at its origin is that collection: a mapping the
 * model made of a list (`environment: [A=1]` merged with a mapping) is not, and is refused.
 */
export function collectionText(node: YMap | YSeq, sources: FixSources): CollectionText | string {
  const at = sources.locate(node.origin);
  if (typeof at === 'string') return at;
  const first = at.text.text[at.start];
  const open = node.kind === 'map' ? '{' : '[';
  if (first === open) {
    const close = node.kind === 'map' ? '}' : ']';
    if (at.text.text[at.end - 1] !== close) return `the ${kindName(node)} at ${where(node)} does not end where it should`;
    return { text: at.text, start: at.start, end: at.end, flow: true };
  }
  const dash = first === '-' && /[\s]/.test(at.text.text[at.start + 1] ?? ' ');
  if (dash !== (node.kind === 'seq') || first === '{' || first === '[') return `the ${kindName(node)} at ${where(node)} is written in another form there`;
  return { text: at.text, start: at.start, end: at.end, flow: false };
}

function kindName(node: YNode): string {
  return node.kind === 'map' ? 'mapping' : node.kind === 'seq' ? 'list' : 'value';
}

export function where(node: YNode): string {
  const { file, range } = node.origin;
  return `${file}:${range.start.line}:${range.start.column}`;
}

const layouts = new WeakMap<FixText, BlockLayout>();

/**
 * How a file indents: the most common step from a `key:` line to the mapping below it (2 when the
 * file has none), and whether its lists' `-` sit under their key or one step in.
 */
export function blockLayout(text: FixText): BlockLayout {
  let layout = layouts.get(text);
  if (!layout) {
    layout = detectLayout(text.text);
    layouts.set(text, layout);
  }
  return layout;
}

function detectLayout(text: string): BlockLayout {
  const steps = new Map<number, number>();
  const seqIndents = new Map<number, number>();
  let opener: number | undefined;
  for (const line of text.split('\n')) {
    const content = /^( *)((?:- +)*)(.*?)\s*$/.exec(line)!;
    const body = content[3]!;
    if (body === '' && content[2] === '' ) continue;
    if (body.startsWith('#')) continue;
    const dashIndent = content[1]!.length;
    const keyIndent = dashIndent + content[2]!.length;
    if (opener !== undefined) {
      if (content[2] !== '') count(seqIndents, dashIndent - opener);
      else count(steps, keyIndent - opener);
    }
    opener = /^[^\s#'"[{][^#]*:$|^["'][^#]*["']:$/.test(stripComment(body)) ? keyIndent : undefined;
  }
  const step = mostCommon(steps, (n) => n > 0) ?? 2;
  const seqIndent = mostCommon(seqIndents, (n) => n >= 0) ?? step;
  return { step, seqIndent };
}

function stripComment(body: string): string {
  const hash = body.search(/\s#/);
  return (hash === -1 ? body : body.slice(0, hash)).trimEnd();
}

function count(counts: Map<number, number>, n: number): void {
  counts.set(n, (counts.get(n) ?? 0) + 1);
}

function mostCommon(counts: Map<number, number>, keep: (n: number) => boolean): number | undefined {
  let best: [number, number] | undefined;
  for (const [n, times] of counts) if (keep(n) && (!best || times > best[1] || (times === best[1] && n < best[0]))) best = [n, times];
  return best?.[0];
}
