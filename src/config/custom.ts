import type { Rule } from '../engine/rule.js';
import type { Range } from '../parse/position.js';

/**
 * A rule a configuration defines: one of its `policies`, or a rule of one of its `plugins`. `file`
 * and `range` say where the configuration names it (the policy's key, the plugin's entry; line 1 of
 * a JavaScript configuration), which is where a failure of the rule is reported.
 */
export interface CustomRule {
  readonly rule: Rule;
  /** Absolute path of the configuration file. */
  readonly file: string;
  readonly range: Range;
  /** The plugin's entry as written, for a plugin's rule; absent for a policy. */
  readonly plugin?: string;
  /** The index of that entry in `plugins`. */
  readonly entry?: number;
}

/** The namespaces of the built-in checks: no policy or plugin rule may take one. */
export const RESERVED_NAMESPACES: readonly string[] = ['core', 'compose', 'nginx', 'redis', 'postgres', 'cross'];

/** What defines a custom rule, in words: `plugin "x"` or `the policy in .escashoprc.json`. */
export function definedBy(custom: CustomRule, name: (file: string) => string): string {
  return custom.plugin === undefined ? `the policy in ${name(custom.file)}` : `plugin "${custom.plugin}"`;
}
