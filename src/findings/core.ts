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

export const CORE_CHECKS: readonly RuleMeta[] = [CORE_INPUT, CORE_YAML, CORE_SCHEMA];
