import { nameGlobs, type RuleContext, type RuleMeta, type Service } from '../../../src/engine/api.js';

/**
 * The options of the rules that ask every service for a setting (a healthcheck, limits, a user):
 * `exemptServices`, services by name glob that the team has decided go without it. A rule sets
 * `meta.options` to it and asks `isExempt()` first.
 */
export const EXEMPT_SERVICES_OPTIONS: NonNullable<RuleMeta['options']> = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      exemptServices: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Service names (globs, case-insensitive: "migrate", "*-job") this rule leaves alone.',
      },
    },
  },
  defaults: { exemptServices: [] },
};

/** True when the rule's `exemptServices` option names the service. */
export function isExempt(context: RuleContext, service: Service): boolean {
  return nameGlobs(context.options.exemptServices as readonly string[])(service.name);
}
