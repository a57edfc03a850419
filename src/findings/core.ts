import type { RuleMeta } from '../engine/meta.js';

/**
 * Checks that the pipeline itself makes before any rule runs: the file could be read, it is
 * well-formed YAML, it follows the compose-spec schema, its references resolve; and which files an
 * override file was linted with. The file checks are errors (a YAML warning aside).
 */
export const CORE_INPUT: RuleMeta = {
  id: 'core/input',
  description: 'The file can be read: it exists, is text in UTF-8 and is within the size limit',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/input.md',
};

export const CORE_YAML: RuleMeta = {
  id: 'core/yaml',
  description: 'The file is well-formed YAML without duplicate keys or runaway alias expansion',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/yaml.md',
};

export const CORE_SCHEMA: RuleMeta = {
  id: 'core/schema',
  description: 'The file follows the compose-spec JSON schema',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/schema.md',
};

export const CORE_EXTENDS: RuleMeta = {
  id: 'core/extends',
  description: 'Every "extends" names a service that exists, in a file that exists, without a cycle',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/extends.md',
};

export const CORE_INCLUDE: RuleMeta = {
  id: 'core/include',
  description: 'Every "include" names compose files that exist, without a cycle or a resource defined twice',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/include.md',
};

export const CORE_ENV_FILE: RuleMeta = {
  id: 'core/env-file',
  description: 'Every line of an env file is a valid variable definition, and its values interpolate',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/env-file.md',
};

/** A note, not a problem: the base file an override file was linted over, without -f. */
export const CORE_OVERLAY: RuleMeta = {
  id: 'core/overlay',
  description: 'An override file is linted over the base file it overrides, as it is deployed',
  severity: 'info',
  tags: ['correctness'],
  docs: 'docs/core/overlay.md',
};

export const CORE_IMAGE_OR_BUILD: RuleMeta = {
  id: 'core/image-or-build',
  description: 'Every service has an image or a build, or the file is linted with the base file it overrides',
  severity: 'warning',
  tags: ['correctness'],
  docs: 'docs/core/image-or-build.md',
};

/** Checked by the parser in src/parse/. */
export const CORE_NGINX: RuleMeta = {
  id: 'core/nginx',
  description: 'The file is a well-formed nginx configuration',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/nginx.md',
};

/** Checked by the parser in src/parse/. */
export const CORE_REDIS: RuleMeta = {
  id: 'core/redis',
  description: 'Every line of a redis config splits into a directive and its arguments as redis reads them, and every include names files that exist, without a cycle',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/redis.md',
};

/** Checked by the parser in src/parse/. */
export const CORE_POSTGRES: RuleMeta = {
  id: 'core/postgres',
  description: 'postgresql.conf and pg_hba.conf parse as postgres reads them, known settings have valid values, and every include names files that exist, without a cycle',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/postgres.md',
};

/** Checked by src/filter/directives.ts: the inline suppression comments. */
export const CORE_DIRECTIVE: RuleMeta = {
  id: 'core/directive',
  description: 'Every escashop-lint-disable comment is well-formed and names rules that exist',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/directive.md',
};

/** Reported only with --report-unused-disable-directives (`LintOptions.reportUnusedDisableDirectives`). */
export const CORE_UNUSED_DIRECTIVE: RuleMeta = {
  id: 'core/unused-directive',
  description: 'Every escashop-lint-disable comment suppresses a finding',
  severity: 'warning',
  tags: ['best-practice'],
  docs: 'docs/core/unused-directive.md',
};

/** A note, not a problem: a file named on the command line that the configuration's `ignore` leaves out. */
export const CORE_IGNORED: RuleMeta = {
  id: 'core/ignored',
  description: 'A file named to be linted is not one the configuration ignores',
  severity: 'warning',
  tags: ['correctness'],
  docs: 'docs/core/ignored.md',
};

/**
 * A rule that threw (a plugin's, as a rule), reported instead of its findings for the project: the run
 * goes on without it (`runRules`' `onRuleError`, `ruleErrorFinding` in src/plugins/rule-error.ts).
 */
export const CORE_RULE_ERROR: RuleMeta = {
  id: 'core/rule-error',
  description: 'Every rule runs to the end on every project: a rule that throws is reported, and its findings are missing',
  severity: 'error',
  tags: ['correctness'],
  docs: 'docs/core/rule-error.md',
};

export const CORE_CHECKS: readonly RuleMeta[] = [CORE_INPUT, CORE_YAML, CORE_SCHEMA, CORE_EXTENDS, CORE_INCLUDE, CORE_ENV_FILE, CORE_OVERLAY, CORE_IMAGE_OR_BUILD, CORE_NGINX, CORE_REDIS, CORE_POSTGRES, CORE_DIRECTIVE, CORE_UNUSED_DIRECTIVE, CORE_IGNORED, CORE_RULE_ERROR];
