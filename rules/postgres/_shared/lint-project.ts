import type { Rule } from '../../../src/engine/rule.js';
import { lint } from '../../../src/lint.js';
import { hostProject } from '../../../test/host-project.js';

/** A finding of a postgres rule test in one line: `file line:column-line:column severity message`. */
export async function lintProject(rule: Rule, files: Record<string, string>): Promise<string[]> {
  const dir = hostProject({ files });
  const result = await lint([dir], { cwd: dir, rules: [rule], useConfig: false });
  return result.findings.map(
    (f) => `${f.file} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.severity} ${f.ruleId.startsWith('core/') ? f.ruleId : ''}${f.message}`,
  );
}

/** A compose file with one postgres service `db` (image, then the indented lines given). */
export function dbService(image: string, ...lines: string[]): string {
  return ['services:', '  db:', `    image: ${image}`, ...lines.map((l) => `    ${l}`), ''].join('\n');
}
