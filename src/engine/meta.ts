import type { Severity } from '../findings/finding.js';

export type Environment = 'prod' | 'dev' | 'test';
export const ENVIRONMENTS: readonly Environment[] = ['prod', 'dev', 'test'];

/** A severity, or `off` to not run the check at all. */
export type Level = Severity | 'off';

export interface RuleReferences {
  /** CIS Docker Benchmark v1.6.0 recommendation numbers, e.g. `5.27`. */
  cis?: string[];
  /** KICS query ids (full UUIDs). */
  kics?: string[];
  /** semgrep-rules rule ids. */
  semgrep?: string[];
  /** CWE ids, e.g. `CWE-798`. */
  cwe?: string[];
  /** Further reading: absolute URLs. */
  urls?: string[];
}

/**
 * Everything known about a check apart from its code. The single source for the docs,
 * `--list-rules` and the SARIF rule descriptors.
 */
export interface RuleMeta {
  /** `<namespace>/<name>`, kebab-case. */
  id: string;
  /** One sentence, no trailing period: what the rule wants. */
  description: string;
  /** Severity where `environments` says nothing. */
  severity: Severity;
  /** Per-environment severity; `off` means the rule does not apply there. */
  environments?: Partial<Record<Environment, Level>>;
  tags: string[];
  /** SARIF `security-severity`, in (0, 10]; set for security rules only. */
  securitySeverity?: number;
  references?: RuleReferences;
  /**
   * The rule reports settings a service lacks (no healthcheck, no limits, no `user:`). The engine
   * does not call its `service` visitor on a service with neither `image` nor `build`: such a
   * service comes from an override file linted without its base, which may set all of it.
   */
  reportsAbsence?: boolean;
  /**
   * The rule can fix what it reports (`--fix`): `fix` applies by default, `suggestion` only when asked
   * for (`--fix-type suggestion`). A `fix` rule may also offer a suggestion for some findings, never the reverse.
   */
  fixable?: 'fix' | 'suggestion';
  /** The options a configuration may give the rule (`rules: { "<id>": { "options": {...} } }`). */
  options?: RuleOptionsMeta;
  /** Path of the rule's documentation, relative to the package root. */
  docs: string;
}

/** A rule's options: their JSON Schema, which the configuration is checked against on load, and their defaults. */
export interface RuleOptionsMeta {
  /** JSON Schema (draft-07) of the options object; `additionalProperties: false` so a misspelt option is an error. */
  schema: Record<string, unknown>;
  /** The options when the configuration gives none; configured options are merged over them, key by key. */
  defaults: Record<string, unknown>;
}

export function levelIn(meta: RuleMeta, environment: Environment): Level {
  return meta.environments?.[environment] ?? meta.severity;
}
