import type { Finding, Severity } from '../findings/finding.js';
import type { Range } from '../parse/position.js';
import type { Formatter } from './formatter.js';

/**
 * The JSON report, `--format json`. Its shape is a public interface: docs/json-format.md documents
 * every field and schemas/report.schema.json describes it; `version` changes when a field is
 * removed, renamed or changes meaning.
 */
export const JSON_REPORT_VERSION = 1;

export interface JsonSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonRelated extends JsonSpan {
  message: string;
}

export interface JsonResult extends JsonSpan {
  ruleId: string;
  severity: Severity;
  message: string;
  related: JsonRelated[];
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'escashop-lint'; version: string };
  results: JsonResult[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

export function jsonReport(result: { files: readonly unknown[]; findings: readonly Finding[] }, version: string): JsonReport {
  const count = (severity: Severity) => result.findings.filter((f) => f.severity === severity).length;
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: 'escashop-lint', version },
    results: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...span(f.file, f.range),
      related: f.related.map((r) => ({ message: r.message, ...span(r.file, r.range) })),
    })),
    summary: { files: result.files.length, errors: count('error'), warnings: count('warning'), infos: count('info') },
  };
}

function span(file: string, range: Range): JsonSpan {
  return { file, line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** Findings as one JSON document, indented by two spaces, ending with a newline. No source text. */
export const formatJson: Formatter = (result, context) => `${JSON.stringify(jsonReport(result, context.version), null, 2)}\n`;
