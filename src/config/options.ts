import { Ajv, type ValidateFunction } from 'ajv';
import type { RuleMeta } from '../engine/meta.js';

/**
 * Rule options are checked against each rule's own JSON Schema (`meta.options.schema`, draft-07).
 * Rules are many and a configuration gives options to few, so each schema is compiled the first
 * time a configuration gives that rule options, and once only.
 */
let ajv: Ajv | undefined;
const compiled = new WeakMap<RuleMeta, ValidateFunction>();

/** The validator of a rule's options (an empty schema, which takes anything, for a rule without options). */
export function optionsValidator(meta: RuleMeta): ValidateFunction {
  let validate = compiled.get(meta);
  if (!validate) {
    // Schemas are not registered by their `$id`: two rules may reuse one.
    ajv ??= new Ajv({ allErrors: true, allowUnionTypes: true, strict: false, addUsedSchema: false });
    validate = ajv.compile(meta.options?.schema ?? {});
    compiled.set(meta, validate);
  }
  return validate;
}
