import type { Finding } from '../findings/finding.js';
import type { ComposeProject } from '../model/project.js';
import { levelIn, type Level, type RuleMeta } from './meta.js';
import { makeFinding, type Rule, type RuleVisitors } from './rule.js';

/**
 * Runs every rule that applies in the project's environment, in one walk over the model. `levelOf`
 * gives each rule's level (the configuration's say); by default the rule's own metadata decides.
 */
export function runRules(
  project: ComposeProject,
  rules: readonly Rule[],
  levelOf: (meta: RuleMeta) => Level = (meta) => levelIn(meta, project.environment),
): Finding[] {
  const findings: Finding[] = [];
  const active: RuleVisitors[] = [];
  for (const rule of rules) {
    const level = levelOf(rule.meta);
    if (level === 'off') continue;
    active.push(
      rule.create({
        project,
        environment: project.environment,
        severity: level,
        report: (report) => findings.push(makeFinding(rule.meta, level, report, project.variableOrigins)),
      }),
    );
  }
  for (const visitors of active) visitors.project?.(project);
  for (const service of project.services) {
    for (const visitors of active) visitors.service?.(service);
  }
  return findings;
}
