import type { Finding } from '../findings/finding.js';
import type { FormatContext, Formatter } from './formatter.js';
import { stylizer, type Stylize } from './style.js';

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/** Findings grouped by file, one per line: `line:col  severity  message  rule-id`, then a summary. */
export const formatText: Formatter = (result, context) => {
  const style = stylizer(context.color);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(style('underline', file));
    const pos = findings.map((f) => `${f.range.start.line}:${f.range.start.column}`);
    const posWidth = pos.reduce((w, p) => Math.max(w, p.length), 0);
    const msgWidth = findings.reduce((w, f) => Math.max(w, oneLine(f.message).length), 0);
    findings.forEach((finding, i) => {
      const severity = style(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(7));
      const message = oneLine(finding.message).padEnd(msgWidth);
      out.push(`  ${style('dim', pos[i]!.padEnd(posWidth))}  ${severity}  ${message}  ${style('dim', finding.ruleId)}`);
      if (context.codeFrame) out.push(...codeFrame(finding, context, style));
    });
    out.push('');
  }
  out.push(summary(result.findings, result.files.length, style) + suppressedNote(result.suppressed?.length ?? 0, style) + baselinedNote(context.baselined, style) + fixableNote(result.findings, style));
  return out.join('\n') + '\n';
};

/** Messages are one line with single spaces, so editors' problem matchers can split the columns. */
function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

function summary(findings: readonly Finding[], fileCount: number, style: Stylize): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  if (findings.length === 0) return style('green', `✔ no problems in ${files}`);
  const text = `✖ ${findings.length} problem${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info) in ${files}`;
  return style(errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'blue', style('bold', text));
}

/**
 * `; 2 potentially fixable with --fix` after the summary when findings carry fixes (docs/fixes.md),
 * and the suggestions `--fix-type suggestion` would apply. Empty when none (and with --cache, which
 * computes no fixes).
 */
function fixableNote(findings: readonly Finding[], style: Stylize): string {
  const fixes = findings.filter((f) => f.fix?.kind === 'fix').length;
  const suggestions = findings.filter((f) => f.fix?.kind === 'suggestion').length;
  if (fixes === 0 && suggestions === 0) return '';
  const text = fixes === 0 ? `${suggestions} potentially fixable with --fix --fix-type suggestion`
    : `${fixes} potentially fixable with --fix${suggestions === 0 ? '' : ` (${suggestions} more with --fix-type suggestion)`}`;
  return style('dim', `; ${text}`);
}

/** `; 3 suppressed` after the summary when inline directives suppressed findings (docs/suppressions.md). */
function suppressedNote(suppressed: number, style: Stylize): string {
  return suppressed === 0 ? '' : style('dim', `; ${suppressed} suppressed`);
}

/** `; 53 baselined` after the summary when a baseline is in use: the findings it holds are not shown. */
function baselinedNote(baselined: number | undefined, style: Stylize): string {
  return baselined === undefined ? '' : style('dim', `; ${baselined} baselined`);
}

/** The finding's first line with the range underlined; secret ranges are masked. */
function codeFrame(finding: Finding, context: FormatContext, style: Stylize): string[] {
  const text = context.readSource(finding.file);
  if (text === undefined) return [];
  const lineNo = finding.range.start.line;
  let line = text.split('\n')[lineNo - 1];
  if (line === undefined) return [];
  line = line.replace(/\r$/, '');
  for (const r of finding.redact ?? []) {
    if (r.start.line > lineNo || r.end.line < lineNo) continue;
    const from = r.start.line === lineNo ? r.start.column - 1 : 0;
    const to = r.end.line === lineNo ? r.end.column - 1 : line.length;
    line = line.slice(0, from) + '*'.repeat(Math.max(0, to - from)) + line.slice(to);
  }
  const start = finding.range.start.column - 1;
  const end = finding.range.end.line === lineNo ? Math.max(start + 1, finding.range.end.column - 1) : line.length;
  const gutter = `${lineNo} | `;
  return [`    ${style('dim', gutter)}${line}`, `    ${' '.repeat(gutter.length)}${' '.repeat(start)}${style('red', '^'.repeat(Math.max(1, end - start)))}`];
}
