import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { CORE_CHECKS } from '../src/findings/core.js';
import { lint } from '../src/lint.js';
import { PACKAGE_ROOT } from '../src/package-info.js';
import { composeFiles, corpusLintOptions, countsByRule, reviewMarkdown } from '../scripts/corpus-report.mjs';
import { levels } from '../src/report/rule-docs.js';

/**
 * Per-rule finding counts over every compose file of the shared corpus (each its own project, in
 * one lint() call), against the committed snapshot test/corpus-counts.json: a change that makes a
 * rule fire more or less on real files shows up in review as a change of that file. After a
 * deliberate change, regenerate it with
 *   UPDATE_CORPUS_COUNTS=1 npx vitest run test/corpus-counts.test.ts
 * and look at docs/corpus-review.md (node scripts/corpus-report.mjs) for what moved.
 */
const SNAPSHOT = path.join(PACKAGE_ROOT, 'test/corpus-counts.json');

interface Snapshot {
  projects: number;
  rules: Record<string, { findings: number; files: number }>;
}

describe('finding counts over the shared corpus', () => {
  it('match test/corpus-counts.json', async () => {
    const files = composeFiles();
    expect(files.length).toBeGreaterThan(1000);
    const result = await lint(files, corpusLintOptions());
    const ids = [...CORE_CHECKS, ...rules.map((r) => r.meta)].map((m) => m.id);
    const actual: Snapshot = { projects: files.length, rules: countsByRule(result.findings, ids) };
    if (process.env.UPDATE_CORPUS_COUNTS === '1') {
      writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
      return;
    }
    expect(existsSync(SNAPSHOT), 'no snapshot: run UPDATE_CORPUS_COUNTS=1 npx vitest run test/corpus-counts.test.ts').toBe(true);
    const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot;
    expect(actual, 'counts moved: if that is intended, run UPDATE_CORPUS_COUNTS=1 npx vitest run test/corpus-counts.test.ts').toEqual(expected);
  });
});

describe('docs/corpus-review.md (scripts/corpus-report.mjs)', () => {
  const metas = [CORE_CHECKS[0]!, rules[0]!.meta];
  const finding = (file: string, line: number, message: string) => ({
    ruleId: rules[0]!.meta.id,
    severity: 'error',
    message,
    file,
    range: { start: { line, column: 3 }, end: { line, column: 6 } },
  });
  const findings = [finding('a/compose.yml', 4, 'service "api" is bad'), finding('a/compose.yml', 9, 'service "db" is bad'), finding('b/compose.yml', 2, 'other')];

  it('counts findings and files per check, zero included, and shows message kinds and examples', () => {
    expect(countsByRule(findings, metas.map((m) => m.id))).toEqual({ [CORE_CHECKS[0]!.id]: { findings: 0, files: 0 }, [rules[0]!.meta.id]: { findings: 3, files: 2 } });
    const page = reviewMarkdown({ metas, levels, projects: 5, findings });
    expect(page).toContain(`| [\`${rules[0]!.meta.id}\`](#${rules[0]!.meta.id.replace('/', '')}) | ${Object.values(levels(rules[0]!.meta)).join(' / ')} | 3 | 2 |`);
    expect(page).toContain('**3** findings in **2** of 5 files (3 error).');
    expect(page).toContain('- 2 × service "…" is bad\n- 1 × other\n');
    expect(page).toContain('- `a/compose.yml:4:3` error: service "api" is bad');
    expect(page).toContain('No finding in any of the 5 files.');
  });

  it('keeps the review notes written between the markers when regenerated', () => {
    const id = rules[0]!.meta.id;
    const first = reviewMarkdown({ metas, levels, projects: 5, findings });
    const noted = first.replace(`<!-- review:${id}:start -->\n`, `<!-- review:${id}:start -->\nAll three reviewed: right.\n`);
    const again = reviewMarkdown({ metas, levels, projects: 5, findings: findings.slice(0, 1), previous: noted });
    expect(again).toContain(`<!-- review:${id}:start -->\nAll three reviewed: right.\n<!-- review:${id}:end -->`);
    expect(again).toContain('**1** finding in **1** of 5 files (1 error).');
  });
});
