import type { RuleMeta } from '../engine/meta.js';
import type { LintResult } from '../lint.js';

export interface FormatContext {
  /** Directory the reported file names are relative to. */
  cwd: string;
  color: boolean;
  /** Metadata of every check that can appear in the results. */
  rules: readonly RuleMeta[];
  /** Package root, where rule documentation lives. */
  packageRoot: string;
  version: string;
  /** Show the offending source line under each finding (text format). */
  codeFrame: boolean;
  /** File text by reported name, for code frames. */
  readSource(file: string): string | undefined;
  /** With `--baseline` or `--write-baseline`: how many findings the baseline holds (not in the result). */
  baselined?: number;
  /** `--sarif-category`: the SARIF run's category (`runs[0].automationDetails.id`), for GitHub code scanning. */
  sarifCategory?: string;
  /** `--sarif-include-suppressed`: write the findings inline directives suppressed as SARIF results with `suppressions`. */
  sarifIncludeSuppressed?: boolean;
}

export type Formatter = (result: LintResult, context: FormatContext) => string;
