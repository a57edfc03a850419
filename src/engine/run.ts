import type { Finding } from '../findings/finding.js';
import { maskConfigSecrets } from '../model/config-secrets.js';
import { isIncomplete } from '../model/overlay.js';
import type { ComposeProject } from '../model/project.js';
import { levelIn, type Level, type RuleMeta } from './meta.js';
import type { FixSources } from '../fix/sources.js';
import { isRefused, type EditResult, type Fix } from '../fix/types.js';
import { makeFinding, type Report, type Rule, type RuleVisitors } from './rule.js';

/**
 * Told about a rule whose `create` or a visitor threw on a project: the engine calls that rule no
 * more on this project and drops the findings it had reported on it.
 */
export type RuleErrorHandler = (rule: Rule, error: unknown) => void;

/**
 * Runs every rule that applies in the project's environment, in one walk over the model. `levelOf`
 * gives each rule's level and `optionsOf` its options (the configuration's say); by default the rule's own metadata decides.
 * A service with neither image nor build (`isIncomplete`) is not visited by the rules whose
 * metadata says they report something missing (`reportsAbsence`).
 * With `fixSources` (the texts of the project's files), each finding whose report has a `fix` gets
 * the fix it proposes (`Finding.fix`). A rule that throws stops the run, unless `onRuleError` is given: then the rule is isolated (see
 * `RuleErrorHandler`) and every other rule runs to the end.
 */
export function runRules(
  project: ComposeProject,
  rules: readonly Rule[],
  levelOf: (meta: RuleMeta) => Level = (meta) => levelIn(meta, project.environment),
  optionsOf: (meta: RuleMeta) => Readonly<Record<string, unknown>> | undefined = () => undefined,
  onRuleError?: RuleErrorHandler,
  fixSources?: FixSources,
): Finding[] {
  const reported: { finding: Finding; rule: Rule; fix?: Report['fix'] }[] = [];
  const failed = new Set<Rule>();
  /** Calls `call` for `rule` unless it failed before; a throw fails it (or, without a handler, goes up). */
  const guarded = <T>(rule: Rule, call: () => T): T | undefined => {
    if (failed.has(rule)) return undefined;
    if (!onRuleError) return call();
    try {
      return call();
    } catch (error) {
      failed.add(rule);
      onRuleError(rule, error);
      return undefined;
    }
  };
  const active: { rule: Rule; visitors: RuleVisitors }[] = [];
  for (const rule of rules) {
    const level = levelOf(rule.meta);
    if (level === 'off') continue;
    const visitors = guarded(rule, () => {
      const made = rule.create({
        project,
        environment: project.environment,
        severity: level,
        options: { ...rule.meta.options?.defaults, ...optionsOf(rule.meta) },
        report: (report) => reported.push({ finding: makeFinding(rule.meta, level, report, project.variableOrigins), rule, ...(report.fix ? { fix: report.fix } : {}) }),
      });
      if (typeof made !== 'object' || made === null) throw new TypeError(`create() of rule "${rule.meta.id}" returned ${made === null ? 'null' : typeof made}, not an object of visitors`);
      return made;
    });
    if (visitors) active.push({ rule, visitors });
  }
  for (const { rule, visitors } of active) guarded(rule, () => visitors.project?.(project));
  for (const service of project.services) {
    const incomplete = isIncomplete(service);
    for (const { rule, visitors } of active) {
      if (!(incomplete && rule.meta.reportsAbsence)) guarded(rule, () => visitors.service?.(service));
    }
  }
  for (const configs of project.configs) {
    for (const { rule, visitors } of active) guarded(rule, () => visitors.serviceConfigs?.(configs));
  }
  // Fixes are made once the whole project has been seen (a fix may gather what several findings need).
  if (fixSources) for (const r of reported) if (r.fix) attachFix(r.finding, guarded(r.rule, () => r.fix!(fixSources)));
  const findings = reported.filter((r) => !failed.has(r.rule)).map((r) => r.finding);
  // A code frame shows a whole line: a config file's secrets are masked in every finding on their line.
  maskConfigSecrets(findings, project.configs);
  return findings;
}

/** A rule's proposed fix on its finding: not a refusal, and one that changes something (none when it is already so). */
function attachFix(finding: Finding, proposal: Fix | Extract<EditResult, { refused: string }> | undefined): void {
  if (proposal === undefined || isRefused(proposal)) return;
  if (proposal.edits.length > 0 || (proposal.files?.length ?? 0) > 0) finding.fix = proposal;
}
