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
}

export type Formatter = (result: LintResult, context: FormatContext) => string;
