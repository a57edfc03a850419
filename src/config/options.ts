import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type { RuleMeta } from '../engine/meta.js';

/**
 * Rule options are checked against each rule's own JSON Schema (`meta.options.schema`, draft-07).
 * Rules are many and a configuration gives options to few, so each schema is compiled the first
 * time a configuration gives that rule options, and once only; Ajv itself is loaded then too.
 */
let ajv: Ajv | undefined;
const compiled = new WeakMap<RuleMeta, ValidateFunction>();

/** The validator of a rule's options (an empty schema, which takes anything, for a rule without options). */
export function optionsValidator(meta: RuleMeta): ValidateFunction {
  let validate = compiled.get(meta);
  if (!validate) {
    // Schemas are not registered by their `$id`: two rules may reuse one.
    if (ajv === undefined) {
      // The bundled CLI (scripts/bundle.mjs) drops this line, so that the require below is the bundle's own.
      const require = createRequire(import.meta.url);
      const { Ajv } = require('ajv') as typeof import('ajv');
      ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false, addUsedSchema: false });
    }
    validate = ajv.compile(meta.options?.schema ?? {});
    compiled.set(meta, validate);
  }
  return validate;
}
