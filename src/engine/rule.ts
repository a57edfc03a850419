import type { ServiceConfigFiles } from '../model/configs.js';
import { oneLine, type Finding, type RelatedLocation, type Severity } from '../findings/finding.js';
import type { Origin } from '../parse/position.js';
import type { YNode } from '../parse/tree.js';
import type { ComposeProject } from '../model/project.js';
import type { Service } from '../model/service.js';
import { isText, Text } from '../model/text.js';
import type { FixSources } from '../fix/sources.js';
import { isRefused, type EditResult, type Fix } from '../fix/types.js';
import type { Environment, RuleMeta } from './meta.js';

/** What a rule points a finding at: a node of the model, a text (or part of one), or an origin. */
export type Target = YNode | Text | Origin | { readonly origin: Origin };

export interface Report {
  at: Target;
  message: string;
  /** A secret value the finding is about: its range is never printed by any output format. */
  secret?: Target;
  related?: RelatedLocation[];
  /**
   * How to fix it (`--fix`, docs/fixes.md): called once the rules have seen the whole project, when
   * fixes are asked for, with the texts of the files the model was read from. Returns a fix built with
   * the edit builders (`fixWith()`), or a refusal (the finding then has none).
   */
  fix?: (sources: FixSources) => Fix | Extract<EditResult, { refused: string }> | undefined;
}

export interface RuleContext {
  readonly project: ComposeProject;
  readonly environment: Environment;
  readonly severity: Severity;
  /** The rule's options: its `meta.options.defaults` with the configuration's options merged over them. */
  readonly options: Readonly<Record<string, unknown>>;
  report(report: Report): void;
}

/** Callbacks a rule registers; the engine walks the model once and calls each. */
export interface RuleVisitors {
  project?(project: ComposeProject): void;
  service?(service: Service): void;
  /** A service's nginx, redis or postgres configuration files, parsed. */
  serviceConfigs?(configs: ServiceConfigFiles): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  create(context: RuleContext): RuleVisitors;
}

export interface RuleDefinition {
  /** The rule's metadata; `docs` may be left out (see `defineRule`). */
  meta: Omit<RuleMeta, 'docs'> & { docs?: string };
  create(context: RuleContext): RuleVisitors;
}

/**
 * Declares a rule. Its documentation is `meta.docs` when given (a URL, or a path), else the
 * README.md beside it, `rules/<id>/README.md` (of the package root for a built-in rule, of the
 * plugin's package for a plugin's, see src/plugins/).
 */
export function defineRule(definition: RuleDefinition): Rule {
  return { meta: { ...definition.meta, docs: definition.meta.docs ?? `rules/${definition.meta.id}/README.md` }, create: definition.create };
}

export function originOf(target: Target): Origin {
  return 'origin' in target ? target.origin : target;
}

/**
 * The finding a report makes. `variableOrigins` (the project's) says where each variable's value was
 * set: a finding on text that came from a variable also points at the env file line that set it.
 */
export function makeFinding(meta: RuleMeta, severity: Severity, report: Report, variableOrigins: ReadonlyMap<string, Origin> = new Map()): Finding {
  const origin = originOf(report.at);
  const related: RelatedLocation[] = [...(report.related ?? [])];
  for (let via = origin.via; via; via = via.via) related.push({ message: 'pulled in through this alias', file: via.file, range: via.range });
  for (const name of new Set([...variablesOf(report.at), ...(report.secret ? variablesOf(report.secret) : [])])) {
    const set = variableOrigins.get(name);
    if (set) related.push({ message: `value of \${${name}} set here`, file: set.file, range: set.range });
  }
  // A message is one line even when it quotes a value written over several (a block scalar).
  const finding: Finding = { ruleId: meta.id, severity, message: oneLine(report.message), file: origin.file, range: origin.range, related };
  if (report.secret) finding.redact = [originOf(report.secret).range];
  return finding;
}

/** The variables whose values make up part of a target: none for a collection or a bare origin. */
function variablesOf(target: Target): string[] {
  // Branded rather than `instanceof`: a plugin's Text comes from its own copy of escashop-lint.
  if (isText(target)) return target.variables;
  return 'kind' in target && target.kind === 'scalar' ? Text.of(target).variables : [];
}

/**
 * A fix from a builder's result: its edits with what they do in words (`description`, never a
 * secret's value), or the builder's refusal. `kind: 'suggestion'` is applied only when asked for.
 */
export function fixWith(description: string, result: EditResult, kind: Fix['kind'] = 'fix'): Fix | Extract<EditResult, { refused: string }> {
  return isRefused(result) ? result : { description, edits: result.edits, kind };
}
