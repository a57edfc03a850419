import type { SuppressedFinding } from '../filter/suppressions.js';
import type { Finding, Severity } from '../findings/finding.js';
import type { Fix } from '../fix/types.js';
import { displayName } from '../input/source.js';
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
  /** How `--fix` would fix it, when the rule knows (docs/fixes.md). */
  fix?: JsonFix;
}

/** A finding's fix: its text edits, and the files it writes, named but never with their text (a secret's value). */
export interface JsonFix {
  description: string;
  kind: Fix['kind'];
  /** Each replaces the span by `text`; an empty span inserts, an empty `text` deletes. */
  edits: (JsonSpan & { text: string })[];
  /** Present when the fix writes files besides its edits. */
  files?: { file: string; mode?: string; append?: true }[];
}

/** A finding an inline directive suppressed, with the directive: where it is and its reason. */
export interface JsonSuppressed extends JsonResult {
  suppression: JsonSpan & { kind: 'inSource'; directive: string; justification?: string };
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'escashop-lint'; version: string };
  results: JsonResult[];
  /** Present when inline directives suppressed findings. */
  suppressed?: JsonSuppressed[];
  /** `suppressed` is present when inline directives suppressed findings. */
  summary: { files: number; errors: number; warnings: number; infos: number; suppressed?: number };
}

/** `cwd` names the files fixes edit as findings name them (default: the process's working directory). */
export function jsonReport(result: { files: readonly unknown[]; findings: readonly Finding[]; suppressed?: readonly SuppressedFinding[] }, version: string, cwd = process.cwd()): JsonReport {
  const count = (severity: Severity) => result.findings.filter((f) => f.severity === severity).length;
  const suppressed = result.suppressed ?? [];
  const report: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'escashop-lint', version },
    results: result.findings.map((f) => (f.fix ? { ...jsonResult(f), fix: jsonFix(f.fix, cwd) } : jsonResult(f))),
    summary: { files: result.files.length, errors: count('error'), warnings: count('warning'), infos: count('info') },
  };
  if (suppressed.length === 0) return report;
  return {
    ...report,
    suppressed: suppressed.map(({ finding, suppression: s }) => ({
      ...jsonResult(finding),
      suppression: { kind: s.kind, directive: s.directive, ...(s.justification === undefined ? {} : { justification: s.justification }), ...span(s.file, s.range) },
    })),
    summary: { ...report.summary, suppressed: suppressed.length },
  };
}

function jsonResult(f: Finding): JsonResult {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...span(f.file, f.range),
    related: f.related.map((r) => ({ message: r.message, ...span(r.file, r.range) })),
  };
}

function jsonFix(fix: Fix, cwd: string): JsonFix {
  const files = (fix.files ?? []).map((write) => ({
    file: displayName(write.file, cwd),
    ...(write.mode === undefined ? {} : { mode: write.mode.toString(8).padStart(4, '0') }),
    ...(write.append ? { append: true as const } : {}),
  }));
  return {
    description: fix.description,
    kind: fix.kind,
    edits: fix.edits.map((edit) => ({ ...span(displayName(edit.file, cwd), edit.range), text: edit.text })),
    ...(files.length === 0 ? {} : { files }),
  };
}

function span(file: string, range: Range): JsonSpan {
  return { file, line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** Findings as one JSON document, indented by two spaces, ending with a newline. No source text (a suppression's justification, the reason its comment gives, aside). */
export const formatJson: Formatter = (result, context) => `${JSON.stringify(jsonReport(result, context.version, context.cwd), null, 2)}\n`;
