import { describe, expect, it } from 'vitest';
import type { Finding, RelatedLocation, Severity } from '../../src/findings/finding.js';
import type { LintResult } from '../../src/lint.js';
import { mergeResults } from '../../src/parallel/merge.js';

/** Merging the shares' results (hand-made ones, for the cases a real run rarely makes). */

const at = (line: number, column: number, endColumn = column + 3) => ({ start: { line, column }, end: { line, column: endColumn } });
function finding(file: string, line: number, ruleId: string, severity: Severity = 'warning', extra: { column?: number; endColumn?: number; related?: RelatedLocation[]; message?: string } = {}): Finding {
  return { ruleId, severity, message: extra.message ?? `${ruleId} here`, file, range: at(line, extra.column ?? 1, extra.endColumn), related: extra.related ?? [] };
}
/** A share's result as lint() gives it: `files` every file read (each with its findings), findings sorted. */
function share(files: string[], findings: Finding[], suppressed: LintResult['suppressed'] = []): LintResult {
  return { files: files.map((file) => ({ file, findings: findings.filter((f) => f.file === file) })), findings, suppressed };
}
const brief = (f: Finding) => `${f.severity} ${f.file} ${f.range.start.line}:${f.range.start.column}-${f.range.end.column} ${f.ruleId}`;
const merged = (results: LintResult[]) => {
  const out = mergeResults(results);
  if ('conflict' in out) throw new Error(out.conflict);
  return out.result;
};
const conflict = (results: LintResult[]) => {
  const out = mergeResults(results);
  return 'conflict' in out ? out.conflict : undefined;
};

describe('mergeResults', () => {
  it('takes one share as it is', () => {
    const only = share(['a.yml'], [finding('a.yml', 1, 'compose/x')]);
    expect(mergeResults([only])).toEqual({ result: only });
  });

  it('joins the shares, sorted by file, line and column, files in share order once each', () => {
    const result = merged([
      share(['b/compose.yml', 'common.yml'], [finding('b/compose.yml', 2, 'compose/x'), finding('common.yml', 5, 'compose/y')]),
      share(['a/compose.yml', 'common.yml'], [finding('a/compose.yml', 1, 'compose/z'), finding('common.yml', 5, 'compose/y')]),
    ]);
    expect(result.findings.map(brief)).toEqual(['warning a/compose.yml 1:1-4 compose/z', 'warning b/compose.yml 2:1-4 compose/x', 'warning common.yml 5:1-4 compose/y']);
    expect(result.files.map((f) => `${f.file}: ${f.findings.map(brief).join(', ')}`)).toEqual([
      'b/compose.yml: warning b/compose.yml 2:1-4 compose/x',
      'common.yml: warning common.yml 5:1-4 compose/y',
      'a/compose.yml: warning a/compose.yml 1:1-4 compose/z',
    ]);
  });

  it('keeps a finding of a shared file once, at the highest severity a share gives it', () => {
    const result = merged([
      share(['common.yml'], [finding('common.yml', 3, 'compose/y', 'warning')]),
      share(['common.yml'], [finding('common.yml', 3, 'compose/y', 'error')]),
      share(['common.yml'], [finding('common.yml', 3, 'compose/y', 'info')]),
    ]);
    expect(result.findings.map(brief)).toEqual(['error common.yml 3:1-4 compose/y']);
  });

  it('merges suppressed findings the same way', () => {
    const suppression = { kind: 'inSource' as const, directive: 'escashop-lint-disable-next-line', file: 'common.yml', range: at(2, 5) };
    const result = merged([
      share(['common.yml'], [], [{ finding: finding('common.yml', 3, 'compose/y', 'warning'), suppression }]),
      share(['common.yml'], [], [{ finding: finding('common.yml', 3, 'compose/y', 'error'), suppression }]),
    ]);
    expect(result.suppressed!.map((s) => brief(s.finding))).toEqual(['error common.yml 3:1-4 compose/y']);
  });

  it('is a conflict when shares found one finding with different details at its highest severity', () => {
    const related = (line: number): RelatedLocation[] => [{ message: 'set here', file: '.env', range: at(line, 1) }];
    expect(conflict([share(['c.yml'], [finding('c.yml', 3, 'compose/y', 'error', { related: related(1) })]), share(['c.yml'], [finding('c.yml', 3, 'compose/y', 'error', { related: related(2) })])])).toBe(
      'compose/y at c.yml:3:1 differs between shares',
    );
    // At a lower severity the difference does not matter: the higher one is taken.
    expect(merged([share(['c.yml'], [finding('c.yml', 3, 'compose/y', 'error', { related: related(1) })]), share(['c.yml'], [finding('c.yml', 3, 'compose/y', 'info', { related: related(2) })])]).findings).toHaveLength(1);
  });

  it('is a conflict when findings that sort equal come from different shares in different forms', () => {
    const a = finding('c.yml', 3, 'compose/y', 'warning', { endColumn: 5 });
    const b = finding('c.yml', 3, 'compose/y', 'warning', { endColumn: 9 });
    expect(conflict([share(['c.yml'], [a]), share(['c.yml'], [b])])).toBe('compose/y at c.yml:3:1 sorts equal to another finding of another share');
    // From one share, they keep its order.
    expect(merged([share(['c.yml'], [b, a]), share(['d.yml'], [])]).findings.map(brief)).toEqual(['warning c.yml 3:1-9 compose/y', 'warning c.yml 3:1-5 compose/y']);
  });

  it('keeps an unused directive only when every share that read its file found it unused', () => {
    const unused = finding('common.yml', 2, 'core/unused-directive');
    expect(merged([share(['common.yml'], [unused]), share(['common.yml'], [unused]), share(['other.yml'], [])]).findings.map(brief)).toEqual(['warning common.yml 2:1-4 core/unused-directive']);
    expect(conflict([share(['common.yml'], [unused]), share(['common.yml'], [])])).toBe('core/unused-directive at common.yml:2:1: the directive is used in one share and not in another');
  });

  it('is a conflict when a finding is suppressed in one share and shown in another', () => {
    const shown = finding('common.yml', 3, 'compose/y');
    const suppression = { kind: 'inSource' as const, directive: 'escashop-lint-disable-next-line', file: 'common.yml', range: at(2, 5) };
    expect(conflict([share(['common.yml'], [shown]), share(['common.yml'], [], [{ finding: shown, suppression }])])).toBe('compose/y at common.yml:3:1 is suppressed in one share and not in another');
  });
});
