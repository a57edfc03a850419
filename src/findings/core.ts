import type { RuleMeta } from '../engine/meta.js';

/**
 * Checks that the pipeline itself makes before any rule runs: the file could be read, it is
 * well-formed YAML, and it follows the compose-spec schema. They are always errors.
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

export const CORE_CHECKS: readonly RuleMeta[] = [CORE_INPUT, CORE_YAML, CORE_SCHEMA, CORE_EXTENDS, CORE_INCLUDE, CORE_ENV_FILE];
