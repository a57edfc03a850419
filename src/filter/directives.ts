import { CORE_DIRECTIVE, CORE_UNUSED_DIRECTIVE } from '../findings/core.js';
import type { Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { LineIndex, type Range } from '../parse/position.js';
import { suggest, suggestRuleId } from '../schema/suggest.js';
import type { CommentSpan } from './directives-comments.js';

/**
 * Inline suppressions: `# escashop-lint-disable-next-line <rule>[, <rule>...] [-- reason]` and its
 * kin, read from the comments of a file (docs/suppressions.md). A comment is a directive when its
 * text, after the `#` and any blanks, starts with `escashop-lint-`; a malformed one, or one naming a
 * rule that does not exist, is a `core/directive` finding at the word that is wrong.
 */

export const DIRECTIVE_PREFIX = 'escashop-lint-';

/**
 * `disable-next-line`: the line after the comment's; `disable-line`: the comment's own line;
 * `disable-file`: the whole file; `disable` … `enable`: from the comment to the next `enable`.
 */
export const DIRECTIVE_KINDS = ['disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

/** The kinds that must name their rules: a line is disabled for given rules, never for all of them. */
const NEEDS_RULES: ReadonlySet<DirectiveKind> = new Set(['disable-next-line', 'disable-line']);

/** Checks about the directives themselves, which no directive can turn off. */
export const DIRECTIVE_CHECKS: ReadonlySet<string> = new Set([CORE_DIRECTIVE.id, CORE_UNUSED_DIRECTIVE.id]);

export interface DirectiveRule {
  /** A full check id, `compose/healthcheck` or `core/schema`. */
  readonly id: string;
  /** Where the id is written in the comment. */
  readonly range: Range;
}

export interface Directive {
  readonly kind: DirectiveKind;
  /** The file the comment is in, as findings name it. */
  readonly file: string;
  /** The directive's name in the comment (`escashop-lint-disable-line`). */
  readonly range: Range;
  /** The rules it names, each once; empty for every rule (`disable-file`, `disable`, `enable` without a list). */
  readonly rules: readonly DirectiveRule[];
  /** The text after ` -- `, if any: why the findings are accepted. */
  readonly reason?: string;
}

export interface ParsedDirectives {
  /** The well-formed directives, in file order; an unknown rule is left out of its directive's list. */
  readonly directives: Directive[];
  /** `core/directive` findings. */
  readonly findings: Finding[];
}

/** The directive's name as written in a comment: `escashop-lint-disable-next-line`. */
export function directiveName(kind: DirectiveKind): string {
  return `${DIRECTIVE_PREFIX}${kind}`;
}

const NAMES: readonly string[] = DIRECTIVE_KINDS.map(directiveName);

/**
 * The directives in the comments of a file. `ruleIds` are the checks a directive may name (every
 * rule and core check known, whether it runs here or not).
 */
export function parseDirectives(source: SourceFile, comments: readonly CommentSpan[], ruleIds: readonly string[]): ParsedDirectives {
  const known = new Set(ruleIds);
  const directives: Directive[] = [];
  const findings: Finding[] = [];
  let lines: LineIndex | undefined;
  for (const comment of comments) {
    // Offsets below are into the comment's text; `base` makes them the file's.
    const base = comment.start;
    const text = source.text.slice(base, comment.end);
    const range = (start: number, end: number): Range => (lines ??= new LineIndex(source.text)).range(base + start, base + end);
    const report = (start: number, end: number, message: string) =>
      findings.push({ ruleId: CORE_DIRECTIVE.id, severity: CORE_DIRECTIVE.severity, message, file: source.name, range: range(start, end), related: [] });
    const at = skipBlanks(text, 1);
    if (!text.startsWith(DIRECTIVE_PREFIX, at)) continue;
    const nameEnd = wordEnd(text, at);
    const name = text.slice(at, nameEnd);
    const kind = DIRECTIVE_KINDS[NAMES.indexOf(name)];
    if (kind === undefined) {
      const guess = suggest(name, NAMES);
      report(at, nameEnd, `unknown directive "${name}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; see docs/suppressions.md`);
      continue;
    }
    // ` -- ` starts the reason; what is before it is the rule list.
    const rest = text.slice(nameEnd);
    const separator = /(?:^|\s)--(?=\s|$)/.exec(rest);
    const listEnd = separator ? nameEnd + separator.index : text.length;
    const reason = separator ? rest.slice(separator.index + separator[0].length).trim() : '';
    const list = ruleList(text, nameEnd, listEnd);
    if ('error' in list) {
      report(list.start, list.end, `${list.error} in ${name}`);
      continue;
    }
    if (list.words.length === 0 && NEEDS_RULES.has(kind)) {
      report(at, nameEnd, `${name} needs the rules it disables: # ${name} <rule-id>[, <rule-id>...] [-- reason]`);
      continue;
    }
    const rules: DirectiveRule[] = [];
    for (const word of list.words) {
      const id = text.slice(word.start, word.end);
      if (DIRECTIVE_CHECKS.has(id)) report(word.start, word.end, `"${id}" is about the directives themselves and cannot be disabled by one`);
      else if (!known.has(id)) {
        const guess = suggestRuleId(id, ruleIds);
        report(word.start, word.end, `unknown rule "${id}" in ${name}${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`);
      } else if (!rules.some((r) => r.id === id)) rules.push({ id, range: range(word.start, word.end) });
    }
    // A list whose every rule was wrong disables nothing (not every rule): its findings say why.
    if (list.words.length > 0 && rules.length === 0) continue;
    directives.push({ kind, file: source.name, range: range(at, nameEnd), rules, ...(reason === '' ? {} : { reason }) });
  }
  return { directives, findings };
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** The end of the word starting at `from`: up to a blank or a comma. */
function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/[\s,]/.test(text[i]!)) i++;
  return i;
}

type RuleList = { words: { start: number; end: number }[] } | { error: string; start: number; end: number };

/** The comma-separated words of text[start, end), or what is wrong with them and where. */
function ruleList(text: string, start: number, end: number): RuleList {
  const words: { start: number; end: number }[] = [];
  let comma = -1;
  for (let i = skipBlanks(text, start); i < end; i = skipBlanks(text, i)) {
    if (text[i] === ',') {
      if (words.length === 0 || comma !== -1) return { error: 'a rule id is missing before this ","', start: i, end: i + 1 };
      comma = i;
      i++;
      continue;
    }
    const wordStop = Math.min(wordEnd(text, i), end);
    if (words.length > 0 && comma === -1) return { error: 'expected "," between rule ids, or " -- " before a reason', start: i, end: wordStop };
    words.push({ start: i, end: wordStop });
    comma = -1;
    i = wordStop;
  }
  if (comma !== -1) return { error: 'a rule id is missing after this ","', start: comma, end: comma + 1 };
  return { words };
}
