import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/engine/rule.js';
import { defineRule } from '../src/engine/rule.js';
import { DEFAULT_POLICY } from '../src/model/policy.js';
import stopGracePeriod from '../rules/compose/stop-grace-period-db/index.js';
import ingressOnly from '../rules/compose/ingress-only-ports/index.js';
import { optionsProblems, optionsValidator, policyOf, runRule } from './rule-tester.js';

/** The rule tester itself: options are checked against the rule's schema, policy is merged over the default. */

const db = 'services:\n  db:\n    image: postgres:16.3\n    stop_grace_period: 60s\n';

describe('rule tester: options', () => {
  it('runs a case with options merged over the defaults', () => {
    expect(runRule(stopGracePeriod, db).map((f) => f.ruleId)).toEqual([]);
    expect(runRule(stopGracePeriod, db, undefined, { options: { minimumSeconds: 90 } }).map((f) => `${f.range.start.line}:${f.range.start.column}`)).toEqual(['4:24']);
  });

  it('fails a case whose options the rule schema refuses', () => {
    expect(optionsProblems(stopGracePeriod.meta, { minimumSeconds: 0 })).toEqual(['options/minimumSeconds must be >= 1']);
    expect(optionsProblems(stopGracePeriod.meta, { minimum: 30 })).toEqual(['options must NOT have additional properties ("minimum")']);
    expect(() => runRule(stopGracePeriod, db, undefined, { options: { minimumSeconds: '60s' } })).toThrow(/meta\.options\.schema/);
  });

  it('fails a case that gives options to a rule that takes none', () => {
    expect(optionsProblems(ingressOnly.meta, {})).toEqual(['compose/ingress-only-ports takes no options']);
    expect(() => runRule(ingressOnly, db, undefined, { options: {} })).toThrow(/meta\.options\.schema/);
  });

  it('refuses a schema with a mistake in it (strict mode)', () => {
    const broken: Rule = defineRule({
      meta: {
        id: 'test/broken-schema',
        description: 'A rule whose schema misspells a keyword',
        severity: 'info',
        tags: [],
        options: { schema: { type: 'object', additionalProperties: false, properties: { n: { type: 'integer', minimun: 1 } } }, defaults: { n: 1 } },
      },
      create: () => ({}),
    });
    expect(() => optionsValidator(broken.meta)).toThrow(/unknown keyword: "minimun"/);
  });
});

describe('rule tester: policy', () => {
  it('is the default policy with the parts a case gives', () => {
    expect(policyOf(undefined)).toBe(DEFAULT_POLICY);
    expect(policyOf({ ingress: ['gateway'] })).toEqual({ ingress: ['gateway'], secrets: DEFAULT_POLICY.secrets });
    expect(policyOf({ secrets: { allowValues: ['^ci-'] } })).toEqual({ ingress: DEFAULT_POLICY.ingress, secrets: { allowNames: [], allowValues: ['^ci-'] } });
  });
});
