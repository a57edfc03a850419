import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/findings/finding.js';
import type { LintResult } from '../../src/lint.js';
import { ANNOTATIONS_PER_KIND, formatGithub } from '../../src/report/github.js';
import { formatContext } from './helpers.js';

/**
 * GitHub's limits on workflow-command annotations (the Actions toolkit's problem-matcher docs):
 * 10 error, 10 warning and 10 notice annotations per step, 50 per job; past that they are dropped
 * without a word.
 */
const PER_STEP = 10;

function finding(severity: Severity, line: number, message = `finding on line ${line}`): Finding {
  return { ruleId: 'compose/healthcheck', severity, message, file: 'compose.yaml', range: { start: { line, column: 3 }, end: { line, column: 6 } }, related: [] };
}
const result = (findings: Finding[]): LintResult => ({ files: [{ file: 'compose.yaml', findings }], findings });
const many = (severity: Severity, n: number, from = 1) => Array.from({ length: n }, (_, i) => finding(severity, from + i));

/** The workflow commands of an output, counted by command name. */
function commands(out: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of out.split('\n')) {
    const m = /^::([a-z-]+)[ :]/.exec(line);
    if (m) counts[m[1]!] = (counts[m[1]!] ?? 0) + 1;
  }
  return counts;
}

describe('--format github within GitHub\'s annotation limits', () => {
  it('uses the limit GitHub applies per step', () => {
    expect(ANNOTATIONS_PER_KIND).toBe(PER_STEP);
  });

  it('annotates every finding, with no summary, when each kind fits', () => {
    const out = formatGithub(result([...many('error', 10), ...many('warning', 10, 20), ...many('info', 10, 40)]), formatContext('/x'));
    expect(commands(out)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(out).not.toContain('more finding');
  });

  it('keeps a notice place for its summary, so GitHub never drops the summary: 11 info findings are 9 notices and the summary', () => {
    const out = formatGithub(result(many('info', 11)), formatContext('/x'));
    const lines = out.trimEnd().split('\n');
    expect(commands(out)).toEqual({ notice: 10 });
    expect(lines.filter((l) => !l.startsWith('::'))).toEqual(['compose.yaml:10:3: info: finding on line 10 (compose/healthcheck)', 'compose.yaml:11:3: info: finding on line 11 (compose/healthcheck)']);
    expect(lines.at(-1)).toBe('::notice title=escashop-lint::2 more findings than GitHub annotates from one step (10 of each kind) are listed in the log above; upload SARIF to see them all');
  });

  it('stays within 10 of each kind and 30 in all with many findings of every kind', () => {
    const out = formatGithub(result([...many('error', 25), ...many('warning', 25, 30), ...many('info', 25, 60)]), formatContext('/x'));
    expect(commands(out)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(out).toContain('::notice title=escashop-lint::46 more findings than GitHub annotates');
    // Every finding is in the log: annotated or a plain line.
    for (let line = 1; line < 85; line++) {
      if ((line > 25 && line < 30) || (line > 54 && line < 60)) continue;
      expect(out).toMatch(new RegExp(`(line=${line},|compose\\.yaml:${line}:3: )`));
    }
  });

  it('escapes the log lines past the limit, so a line break in a message cannot start a workflow command', () => {
    const evil = finding('error', 11, 'service "a\n::add-mask::x\r\n::error::forged" 100% bad');
    const out = formatGithub(result([...many('error', 10), evil]), formatContext('/x'));
    const lines = out.trimEnd().split('\n');
    expect(lines).toContain('compose.yaml:11:3: error: service "a%0A::add-mask::x%0D%0A::error::forged" 100%25 bad (compose/healthcheck)');
    expect(commands(out)).toEqual({ error: 10, notice: 1 });
  });

  it('escapes an annotated message the same way', () => {
    const out = formatGithub(result([finding('warning', 2, 'a\n::error::b')]), formatContext('/x'));
    expect(out).toBe('::warning file=compose.yaml,line=2,endLine=2,col=3,endColumn=6,title=compose/healthcheck::a%0A::error::b\n');
  });
});
