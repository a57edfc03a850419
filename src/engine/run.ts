import type { Finding } from '../findings/finding.js';
import { maskConfigSecrets } from '../model/config-secrets.js';
import { isIncomplete } from '../model/overlay.js';
import type { ComposeProject } from '../model/project.js';
import { levelIn, type Level, type RuleMeta } from './meta.js';
import { makeFinding, type Rule, type RuleVisitors } from './rule.js';

/**
 * Runs every rule that applies in the project's environment, in one walk over the model. `levelOf`
 * gives each rule's level and `optionsOf` its options (the configuration's say); by default the rule's own metadata decides.
 * A service with neither image nor build (`isIncomplete`) is not visited by the rules whose
 * metadata says they report something missing (`reportsAbsence`).
 */
export function runRules(
  project: ComposeProject,
  rules: readonly Rule[],
  levelOf: (meta: RuleMeta) => Level = (meta) => levelIn(meta, project.environment),
  optionsOf: (meta: RuleMeta) => Readonly<Record<string, unknown>> | undefined = () => undefined,
): Finding[] {
  const findings: Finding[] = [];
  const active: { meta: RuleMeta; visitors: RuleVisitors }[] = [];
  for (const rule of rules) {
    const level = levelOf(rule.meta);
    if (level === 'off') continue;
    const visitors = rule.create({
      project,
      environment: project.environment,
      severity: level,
      options: { ...rule.meta.options?.defaults, ...optionsOf(rule.meta) },
      report: (report) => findings.push(makeFinding(rule.meta, level, report, project.variableOrigins)),
    });
    active.push({ meta: rule.meta, visitors });
  }
  for (const { visitors } of active) visitors.project?.(project);
  for (const service of project.services) {
    const incomplete = isIncomplete(service);
    for (const { meta, visitors } of active) {
      if (!(incomplete && meta.reportsAbsence)) visitors.service?.(service);
    }
  }
  for (const configs of project.configs) {
    for (const { visitors } of active) visitors.serviceConfigs?.(configs);
  }
  // A code frame shows a whole line: a config file's secrets are masked in every finding on their line.
  maskConfigSecrets(findings, project.configs);
  return findings;
}
