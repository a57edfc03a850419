import type { Rule } from '../../../src/engine/rule.js';
import { CORE_CHECKS } from '../../../src/findings/core.js';
import { lint } from '../../../src/lint.js';
import { FORMATTERS } from '../../../src/report/index.js';
import { formatContext } from '../../../test/report/helpers.js';
import { hostProject, lintHostProject, rangeOf } from '../../../test/host-project.js';

/**
 * Lints a temporary project with one rule and prints its findings in every output format, text with
 * code frames too: what a test searches for a secret that must never be printed.
 */
export async function everyFormat(rule: Rule, files: Record<string, string>): Promise<{ findings: number; output: string }> {
  const dir = hostProject({ files });
  const result = await lint([dir], { cwd: dir, rules: [rule], useConfig: false });
  const outputs = Object.values(FORMATTERS).flatMap((format) =>
    [false, true].map((codeFrame) => format(result, formatContext(dir, { codeFrame, rules: [...CORE_CHECKS, rule.meta] }))),
  );
  return { findings: result.findings.length, output: outputs.join('\n') };
}

/** The redacted ranges of each finding of one rule on a temporary project, as `line:column-line:column`. */
export async function redactedRanges(rule: Rule, files: Record<string, string>): Promise<string[][]> {
  return (await lintHostProject(rule, { files })).map((f) => (f.redact ?? []).map((r) => rangeOf({ range: r })));
}
