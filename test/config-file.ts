import type { Rule } from '../src/engine/rule.js';
import { lint } from '../src/lint.js';
import { hostProject, rangeOf } from './host-project.js';

/**
 * Lints one config file of a temporary project on its own (`escashop-lint nginx.conf`), with one
 * rule and no configuration: each finding as `file line:column-line:column severity message`.
 * `files` holds the file and whatever it includes; `target` names the file to lint.
 */
export async function lintConfigFile(rule: Rule, files: Record<string, string>, target: string): Promise<string[]> {
  const dir = hostProject({ files });
  const { findings } = await lint([target], { cwd: dir, rules: [rule], useConfig: false });
  return findings.map((f) => `${f.file} ${rangeOf(f)} ${f.severity} ${f.ruleId.startsWith('core/') ? f.ruleId : ''}${f.message}`);
}
