import path from 'node:path';
import { expect } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { lint, type LintTarget } from '../../src/lint.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { policyRules, type PolicyData, type PolicySource } from '../../src/policies/index.js';
import { nodeAt } from '../../src/schema/paths.js';
import { hostProject, rangeOf } from '../host-project.js';

/**
 * Policies read from a configuration's text, with a `PolicySource` that names places in it as the
 * configuration loader does: `name:line:column` of the value at a key path, or of the key of a mapping or list.
 */
export function configPolicies(text: string, name = '.escashoprc.json'): { policies: Record<string, PolicyData>; source: PolicySource } {
  const parsed = parseYaml({ name, absPath: path.resolve(name), text });
  expect(parsed.findings).toEqual([]);
  const root = parsed.root!;
  const where = (segments: readonly (string | number)[]) => {
    const found = nodeAt(root, segments);
    const at = found.node.kind === 'scalar' ? found.node : (found.key ?? found.node);
    return `${name}:${at.origin.range.start.line}:${at.origin.range.start.column}`;
  };
  return { policies: (JSON.parse(text) as { policies: Record<string, PolicyData> }).policies, source: { file: path.resolve(name), where } };
}

/** A configuration's text holding these policies, one key per line so a test can name the line of each. */
export function configText(policies: Record<string, unknown>): string {
  return `${JSON.stringify({ policies }, null, 2)}\n`;
}

/** A finding in one line: `rule line:column-line:column file message`. */
export const line = (f: Finding): string => `${f.ruleId} ${rangeOf(f)} ${f.file} ${f.message}`;

/**
 * Lints a temporary project (relative path → text) with the policies only, no configuration file:
 * the targets (default: `compose.yaml`), each finding in one line.
 */
export async function lintPolicies(policies: Record<string, unknown>, files: Record<string, string>, targets: LintTarget[] = ['compose.yaml']): Promise<string[]> {
  return (await policyFindings(policies, files, targets)).map(line);
}

export async function policyFindings(policies: Record<string, unknown>, files: Record<string, string>, targets: LintTarget[] = ['compose.yaml']): Promise<Finding[]> {
  const { policies: data, source } = configPolicies(configText(policies));
  const dir = hostProject({ files });
  const result = await lint(targets, { cwd: dir, rules: policyRules(data, source), useConfig: false });
  const core = result.findings.filter((f) => f.ruleId.startsWith('core/'));
  expect(core.map(line), 'test projects are valid compose').toEqual([]);
  return result.findings;
}

/** The configuration error a set of policies makes, as its message. */
export function configError(text: string): string {
  const { policies, source } = configPolicies(text);
  try {
    policyRules(policies, source);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}
