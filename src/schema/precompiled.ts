import { createRequire } from 'node:module';
import type { SchemaError } from './validate.js';

/** A standalone Ajv validator: `errors` holds what the last call found. */
export type ValidateFn = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** The shipped schemas that scripts/codegen.mjs precompiles into `src/schema/generated/`. */
export type PrecompiledSchema = 'compose-spec' | 'escashoprc' | 'baseline';

const loaded = new Map<PrecompiledSchema, ValidateFn>();

/**
 * The precompiled validator of a shipped schema, loaded on its first use and once per process: a
 * run that reads no configuration never loads the configuration's validator, nor one without a
 * baseline the baseline's.
 */
export function precompiledValidator(schema: PrecompiledSchema): ValidateFn {
  let validate = loaded.get(schema);
  if (validate === undefined) {
    validate = load(schema);
    loaded.set(schema, validate);
  }
  return validate;
}

function load(schema: PrecompiledSchema): ValidateFn {
  // The bundled CLI (scripts/bundle.mjs) drops this line, so that these become the bundle's own
  // requires: each validator is then part of the bundle, still evaluated only here.
  const require = createRequire(import.meta.url);
  switch (schema) {
    case 'compose-spec':
      return require('./generated/compose-spec.validate.cjs') as ValidateFn;
    case 'escashoprc':
      return require('./generated/escashoprc.validate.cjs') as ValidateFn;
    case 'baseline':
      return require('./generated/baseline.validate.cjs') as ValidateFn;
  }
}
