import type { Finding, Severity } from '../findings/finding.js';
import type { Formatter } from './formatter.js';

/** The workflow command of each severity. */
const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub shows at most this many annotations of each kind (error, warning, notice) from one step. */
export const ANNOTATIONS_PER_KIND = 10;

/** A workflow command's message, escaped as the Actions runner unescapes it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: its message escaping, and `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const { start, end } = f.range;
  const props = [`file=${escapeProperty(f.file)}`, `line=${start.line}`, `endLine=${end.line}`, `col=${start.column}`];
  // GitHub takes endColumn only for a range on one line.
  if (end.line === start.line) props.push(`endColumn=${end.column}`);
  props.push(`title=${escapeProperty(f.ruleId)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
}

/**
 * GitHub Actions workflow commands (`--format github`): each finding an `::error`, `::warning` or
 * `::notice` annotation on its file and range. GitHub shows only the first 10 annotations of each
 * kind from one step and drops the rest without a word; the findings past that are printed as plain
 * log lines, and one more notice says how many, so none is lost (upload SARIF to see them all as
 * code-scanning alerts). That notice takes one of the 10 notice places, so it is never dropped.
 */
export const formatGithub: Formatter = (result) => {
  const total = new Map<Severity, number>();
  for (const f of result.findings) total.set(f.severity, (total.get(f.severity) ?? 0) + 1);
  const overflows = [...total.values()].some((n) => n > ANNOTATIONS_PER_KIND);
  const budget = (severity: Severity) => (severity === 'info' && overflows ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND);
  const shown = new Map<Severity, number>();
  const lines: string[] = [];
  let hidden = 0;
  for (const f of result.findings) {
    const count = shown.get(f.severity) ?? 0;
    if (count < budget(f.severity)) {
      shown.set(f.severity, count + 1);
      lines.push(annotation(f));
    } else {
      hidden++;
      // Escaped like a command's message, so that no text of the file can start a line that the runner reads as a command.
      lines.push(escapeData(`${f.file}:${f.range.start.line}:${f.range.start.column}: ${f.severity}: ${f.message} (${f.ruleId})`));
    }
  }
  if (hidden > 0) {
    lines.push(`::notice title=escashop-lint::${hidden} more finding${hidden === 1 ? '' : 's'} than GitHub annotates from one step (${ANNOTATIONS_PER_KIND} of each kind) are listed in the log above; upload SARIF to see them all`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
