import type { Rule } from '../engine/rule.js';
import { CORE_RULE_ERROR } from '../findings/core.js';
import { oneLine, type Finding } from '../findings/finding.js';
import type { Range } from '../parse/position.js';

/** How much of a thrown error's message a `core/rule-error` finding quotes. */
export const ERROR_MESSAGE_LIMIT = 160;

/** A thrown value in one capped line: `TypeError: <first line of its message>`, or the value itself when it is no error. */
export function describeThrown(error: unknown): string {
  let text: string;
  if (typeof error === 'object' && error !== null && typeof (error as Error).message === 'string') {
    const { name, message } = error as Error;
    const first = oneLine(message.trim().split('\n')[0] ?? '');
    const kind = typeof name === 'string' && name !== '' ? name : 'Error';
    text = first === '' ? kind : `${kind}: ${first}`;
  } else {
    text = oneLine(String(error).trim().split('\n')[0] ?? '');
  }
  return text.length > ERROR_MESSAGE_LIMIT ? `${text.slice(0, ERROR_MESSAGE_LIMIT - 1)}…` : text;
}

/**
 * The `core/rule-error` finding of a rule that threw on a project, at `at` (the plugin's entry in
 * the configuration file, or the policy's key): `rule "acme/x" of plugin "escashop-plugin-foo"
 * failed: TypeError: …; its findings for this project are missing`.
 */
export function ruleErrorFinding(rule: Pick<Rule, 'meta'>, error: unknown, at: { file: string; range: Range }, pluginName?: string): Finding {
  const of = pluginName === undefined ? '' : ` of plugin "${pluginName}"`;
  return {
    ruleId: CORE_RULE_ERROR.id,
    severity: CORE_RULE_ERROR.severity,
    message: `rule "${rule.meta.id}"${of} failed: ${describeThrown(error)}; its findings for this project are missing`,
    file: at.file,
    range: at.range,
    related: [],
  };
}
