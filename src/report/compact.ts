import path from 'node:path';
import type { Severity } from '../findings/finding.js';
import type { Formatter } from './formatter.js';

const WORD: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning', info: 'Info' };

/**
 * One line per finding, `<absolute path>: line L, col C, Error - message (rule-id)`: the compact
 * layout editors and CI runners already parse (VS Code's built-in `$eslint-compact` problem
 * matcher, vim's errorformat for it), then the number of problems. Messages are one line and never
 * hold a secret's value.
 */
export const formatCompact: Formatter = (result, context) => {
  const lines = result.findings.map((f) => `${path.resolve(context.cwd, f.file)}: line ${f.range.start.line}, col ${f.range.start.column}, ${WORD[f.severity]} - ${f.message} (${f.ruleId})`);
  const count = result.findings.length;
  return lines.length === 0 ? '' : `${lines.join('\n')}\n\n${count} problem${count === 1 ? '' : 's'}\n`;
};
