import type { Environment, Level } from '../engine/meta.js';
import type { Severity } from '../findings/finding.js';

/**
 * One declarative policy as a configuration file writes it (`policies: { "<id>": … }`), after the
 * configuration schema (`schemas/escashoprc.schema.json`, `definitions.policy`) has accepted it.
 * docs/policies.md describes each key.
 */
export interface PolicyData {
  /** One sentence: what the policy wants. `--list-rules`, the docs and SARIF show it. */
  description: string;
  /** The finding's message; `{{service}}`, `{{path}}`, `{{value}}` and `{{expected}}` are filled in. */
  message?: string;
  /** The level where `environments` says nothing; `warning` by default. */
  severity?: Severity;
  /** Where the policy runs: a list of environments (off elsewhere), or a level per environment. */
  environments?: Environment[] | Partial<Record<Environment, Level>>;
  tags?: string[];
  /** SARIF `security-severity`, in (0, 10], for a security policy. */
  securitySeverity?: number;
  /** A URL that explains the policy (SARIF `helpUri`, `--explain`). */
  docs?: string;
  /** Which services the policy is about; every service when absent. */
  select?: PolicySelect;
  /** Conditions a selected service must meet for the policy to apply to it. */
  when?: PolicyCondition | PolicyCondition[];
  /** What must hold: each condition that does not is a finding. */
  assert: PolicyCondition | PolicyCondition[];
}

/** Service selectors: each one given must match (a service is selected when all do); a list matches when any of its items does. */
export interface PolicySelect {
  /** Service name globs. */
  services?: string[];
  /** Image reference globs. */
  images?: string[];
  /** `key` (the label is set) or `key=glob` (its value matches). */
  labels?: string[];
  /** Profiles: the service is in one of them. */
  profiles?: string[];
}

/** A condition on the values a path reaches in a service of the effective model. */
export interface PolicyCondition extends PolicyCheck {
  /** Dot-separated keys from the service, `*` for any key or item, `[0]` an item, `"a.b"` a key with dots (docs/policies.md). */
  path: string;
  /** `true`: the path must reach something; `false`: it must reach nothing. */
  present?: boolean;
}

/** What a value must be: the checks of a condition, and of `each` for every item of a value. */
export interface PolicyItemCheck {
  equals?: string | number | boolean;
  oneOf?: (string | number | boolean)[];
  matches?: string;
  notMatches?: string;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  /** How a string operand of gt/gte/lt/lte is read when its unit does not say: a duration or a size. */
  as?: 'number' | 'duration' | 'size';
  /** This condition's own message, instead of the policy's (or, in `each`, instead of the condition's). */
  message?: string;
}

/** The checks of a condition: those of a value, and `each` for the items of a list or of a string cut at `split`. */
export interface PolicyCheck extends PolicyItemCheck {
  /** Splits a string value into items at this separator, for `each`. */
  split?: string;
  /** Checks every item of a list value (or every part of a string cut at `split`) must meet. */
  each?: PolicyItemCheck;
}

/** Where a policy is written, to name the place of a problem: the configuration loader gives it. */
export interface PolicySource {
  /** Absolute path of the configuration file. */
  readonly file: string;
  /** `name:line:column` of the value at a key path of the file (`['policies', 'team/x', 'assert', 0, 'lte']`). */
  where(segments: readonly (string | number)[]): string;
}
