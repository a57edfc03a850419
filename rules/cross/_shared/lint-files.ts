import type { Rule } from '../../../src/engine/rule.js';
import { lintHostProject, rangeOf } from '../../../test/host-project.js';

/** A finding of a cross rule as its tests compare it: place, severity, message and related places. */
export interface CrossFinding {
  at: string;
  severity: string;
  message: string;
  related: string[];
}

/**
 * Lints a temporary project made of `files` (relative path → text) with one rule, and returns its
 * findings with exact places (`file:line:column-line:column`), related ones as `file:line:column-endColumn message`.
 */
export async function lintFiles(rule: Rule, files: Record<string, string>): Promise<CrossFinding[]> {
  return (await lintHostProject(rule, { files })).map((f) => ({
    at: `${f.file}:${rangeOf(f)}`,
    severity: f.severity,
    message: f.message,
    related: f.related.map((r) => `${r.file}:${r.range.start.line}:${r.range.start.column}-${r.range.end.column} ${r.message}`),
  }));
}
