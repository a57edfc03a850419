import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CORPUS, composeFiles } from '../../scripts/corpus-report.mjs';
import type { Finding } from '../../src/findings/finding.js';
import type { Origin, Range } from '../../src/parse/position.js';

/**
 * What the property-based tests of this folder share: the run parameters (a fixed seed, a modest
 * number of runs, more under `ESCASHOP_HEAVY=1`), the check that a range lies inside its file, the
 * corpus texts, and the mutations applied to them. See docs/robustness.md.
 */

const HEAVY = process.env.ESCASHOP_HEAVY === '1';

/**
 * fast-check's parameters for a property: `runs` runs (twenty times more in heavy mode), the seed 8
 * unless `ESCASHOP_FC_SEED` gives another, and `ESCASHOP_FC_PATH` to replay one counterexample.
 */
export function params(runs: number): fc.Parameters<unknown> {
  const seed = process.env.ESCASHOP_FC_SEED;
  const replay = process.env.ESCASHOP_FC_PATH;
  return {
    numRuns: HEAVY ? runs * 20 : runs,
    seed: seed === undefined ? 8 : Number(seed),
    ...(replay ? { path: replay, endOnFailure: true } : {}),
  };
}

/** The time a property may take: heavy runs get ten minutes. */
export const TIMEOUT = HEAVY ? 600_000 : 60_000;

/** Why `range` is not a place in `text` (lines split at `\n`, end exclusive), or undefined when it is. */
export function rangeProblem(range: Range, text: string): string | undefined {
  const lines = text.split('\n');
  const { start, end } = range;
  const where = `${start.line}:${start.column}-${end.line}:${end.column}`;
  const valid = (n: number) => Number.isInteger(n) && n >= 1;
  if (![start.line, start.column, end.line, end.column].every(valid)) return `${where} is not made of positions from 1:1`;
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) return `${where} ends before it starts`;
  if (end.line > lines.length) return `${where} is past the last line (${lines.length})`;
  if (start.column > lines[start.line - 1]!.length + 1) return `${where} starts past the end of line ${start.line}`;
  if (end.column > lines[end.line - 1]!.length + 1) return `${where} ends past the end of line ${end.line}`;
  return undefined;
}

/** Why an origin (and each place its `via` chain names) is not inside a known file, or undefined. */
export function originProblem(origin: Origin, texts: ReadonlyMap<string, string>): string | undefined {
  for (let at: Origin | undefined = origin; at; at = at.via) {
    const text = texts.get(at.file);
    if (text === undefined) return `names a file that was not read: ${at.file}`;
    const bad = rangeProblem(at.range, text);
    if (bad) return `${at.file}:${bad}`;
  }
  return undefined;
}

/**
 * What is wrong with findings: each needs a rule id, a one-line message and a file among `texts`,
 * and its range, related locations and secret ranges must lie inside that file.
 */
export function findingProblems(findings: readonly Finding[], texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const f of findings) {
    const label = `${f.ruleId} ${f.file}:${f.range.start.line}:${f.range.start.column} ${f.message}`;
    if (!f.ruleId || !f.file || !f.message || f.message.includes('\n')) problems.push(`${label}: no rule id, file or one-line message`);
    const places: Origin[] = [{ file: f.file, range: f.range }, ...(f.related ?? []).map((r) => ({ file: r.file, range: r.range })), ...(f.redact ?? []).map((range) => ({ file: f.file, range }))];
    for (const place of places) {
      const bad = originProblem(place, texts);
      if (bad) problems.push(`${label}: ${bad}`);
    }
  }
  return problems;
}

/** Files of the shared corpus, relative to it, as the manifest lists them: compose files, or config files of one manifest kind. */
export function corpusFiles(kind: 'compose' | 'nginx' | 'redis' | 'postgres'): string[] {
  if (kind === 'compose') return composeFiles();
  const rows = readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n').slice(1);
  return rows.map((row) => row.split('\t')).filter((cols) => cols[1] === kind).map((cols) => cols[0]!);
}

/** A corpus file's text without its byte-order mark. */
export function corpusText(file: string): string {
  return readFileSync(path.join(CORPUS, file), 'utf8').replace(/^\uFEFF/, '');
}

/** One edit of a text, its numbers taken modulo the text's size so that every edit applies (and shrinks). */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; line: number; other: number }
  | { kind: 'indent'; line: number; by: number; tab: boolean }
  | { kind: 'insert'; at: number; text: string };

/** The edits of a corpus file, `insert` taking its text from `fragments` (the syntax of the file's kind). */
export function mutation(fragments: readonly string[]): fc.Arbitrary<Mutation> {
  const n = fc.nat({ max: 1_000_000 });
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: n }),
    fc.record({ kind: fc.constant('flip' as const), at: n, bit: fc.nat({ max: 15 }) }),
    fc.record({ kind: fc.constant('deleteLine' as const), line: n }),
    fc.record({ kind: fc.constant('duplicateLine' as const), line: n }),
    fc.record({ kind: fc.constant('swapLines' as const), line: n, other: n }),
    fc.record({ kind: fc.constant('indent' as const), line: n, by: fc.integer({ min: -8, max: 8 }), tab: fc.boolean() }),
    fc.record({ kind: fc.constant('insert' as const), at: n, text: fc.constantFrom(...fragments) }),
  );
}

/** `text` with one edit applied. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (i: number) => i % lines.length;
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'flip': {
      if (text.length === 0) return text;
      const i = m.at % text.length;
      return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << m.bit)) + text.slice(i + 1);
    }
    case 'deleteLine':
      lines.splice(line(m.line), 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(line(m.line), 0, lines[line(m.line)]!);
      return lines.join('\n');
    case 'swapLines': {
      const [a, b] = [line(m.line), line(m.other)];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'indent': {
      const i = line(m.line);
      const current = lines[i]!;
      if (m.by >= 0) lines[i] = (m.tab ? '\t' : ' ').repeat(m.by) + current;
      else lines[i] = current.replace(new RegExp(`^[ \\t]{0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
  }
}

/** A corpus file of `files` (texts read once) with one to four edits applied. */
export function mutatedCorpus(files: readonly string[], fragments: readonly string[]): fc.Arbitrary<{ file: string; text: string }> {
  const texts = new Map<string, string>();
  const textOf = (file: string) => {
    if (!texts.has(file)) texts.set(file, corpusText(file));
    return texts.get(file)!;
  };
  return fc
    .tuple(fc.constantFrom(...files), fc.array(mutation(fragments), { minLength: 1, maxLength: 4 }))
    .map(([file, edits]) => ({ file, text: edits.reduce(mutate, textOf(file)) }));
}

/** Text made of `fragments` and separators: a soup of a syntax's tokens. */
export function soup(fragments: readonly string[], separators: readonly string[] = [' ', '\n', '\r\n', '\t', '']): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fragments) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), fc.constantFrom(...separators)), { maxLength: 60 })
    .map((parts) => parts.map(([a, b]) => a + b).join(''));
}
