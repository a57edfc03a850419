import type { Fix } from '../fix/types.js';
import type { Range } from '../parse/position.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface RelatedLocation {
  message: string;
  file: string;
  range: Range;
}

/** One problem, at an exact range of a real file. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  /** Other places that explain the finding: the alias that pulled a value in, the file that set it. */
  related: RelatedLocation[];
  /** Ranges that hold a secret value: no output format may print their text. */
  redact?: Range[];
  /** How to fix it, when the rule knows and fixes were asked for (`--fix`, JSON and SARIF output): edits of files by absolute path. */
  fix?: Fix;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** A message on one line: line breaks (and the blanks around them) in a quoted value become one space. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
