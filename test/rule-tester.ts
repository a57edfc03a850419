import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { RuleMeta } from '../src/engine/meta.js';
import type { Rule } from '../src/engine/rule.js';
import type { Finding } from '../src/findings/finding.js';
import { compareFindings, coreProblems, lintCode, policyOf, schemaProblems, type CaseSettings, type ExpectedFinding, type PolicyInput } from '../src/testing/cases.js';

/** The case model and the linting of a case are the public RuleTester's (src/testing/cases.ts). */
export { policyOf, type CaseSettings, type ExpectedFinding, type PolicyInput };

export interface ValidCase extends CaseSettings {
  name?: string;
  code: string;
  /** Decides the environment: `docker-compose.yml` (prod) unless given. */
  filename?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new WeakMap<RuleMeta, ValidateFunction>();

/**
 * The Ajv validator of a rule's options schema (draft-07, strict: an unknown keyword or a type
 * mismatch in the schema itself throws, so that a schema mistake fails the rule's tests); undefined
 * for a rule without options.
 */
export function optionsValidator(meta: RuleMeta): ValidateFunction | undefined {
  if (!meta.options) return undefined;
  let validate = validators.get(meta);
  if (!validate) {
    validate = ajv.compile(meta.options.schema);
    validators.set(meta, validate);
  }
  return validate;
}

/** The problems of options a test case gives a rule, one line each: none when the rule's schema takes them. */
export function optionsProblems(meta: RuleMeta, options: Record<string, unknown>): string[] {
  const validate = optionsValidator(meta);
  if (!validate) return [`${meta.id} takes no options`];
  if (validate(options)) return [];
  return schemaProblems(validate.errors);
}

/** Fails the test when a case's options do not match the rule's options schema. */
export function expectValidOptions(rule: Rule, settings: CaseSettings): void {
  if (settings.options) expect(optionsProblems(rule.meta, settings.options), 'test case options must match the rule\'s meta.options.schema').toEqual([]);
}

/**
 * Lints `code` as `filename` with one rule, with the case's options and policy; fails on any YAML or
 * schema error so cases stay valid compose, and on options the rule's schema refuses.
 */
export function runRule(rule: Rule, code: string, filename = 'docker-compose.yml', settings: CaseSettings = {}): Finding[] {
  expectValidOptions(rule, settings);
  const findings = lintCode(rule, code, filename, settings);
  expect(coreProblems(findings), 'test case must be valid compose').toEqual([]);
  return findings;
}

/** ESLint-style valid and invalid cases, asserting rule id, line and column of every finding. */
export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.id}: cases`, () => {
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        expect(runRule(rule, c.code, c.filename, c).map(summarize)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const findings = runRule(rule, c.code, c.filename, c);
        expect(findings.map((f) => f.ruleId)).toEqual(c.errors.map(() => rule.meta.id));
        const compared = compareFindings(findings, c.errors);
        expect(compared.actual).toEqual(compared.expected);
      });
    });
  });
}

function summarize(f: Finding): string {
  return `${f.ruleId} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`;
}

/**
 * Reads expectations written into a fixture as comment lines under the line they are about:
 *
 *       - "5432:5432"
 *   #     ^^^^^^^^^^^ compose/ingress-only-ports
 *
 * The carets give the start and end column on the nearest line above that is not a marker.
 */
export function markersOf(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let target = 0;
  lines.forEach((line, i) => {
    const m = /^(\s*#\s*)(\^+)\s+([a-z]+\/[a-z0-9-]+)\s*$/.exec(line);
    if (!m) {
      target = i + 1;
      return;
    }
    const start = m[1]!.length + 1;
    out.push(`${m[3]} ${target}:${start}-${target}:${start + m[2]!.length}`);
  });
  return out;
}

/**
 * Runs every fixture under `<ruleDir>/fixtures/`: files in `valid/` must give no finding of the
 * rule, files in `invalid/` exactly the findings their caret markers show.
 */
export function fixtureTests(rule: Rule, ruleDir: string): void {
  describe(`${rule.meta.id}: fixtures`, () => {
    for (const kind of ['valid', 'invalid'] as const) {
      const dir = path.join(ruleDir, 'fixtures', kind);
      let files: string[] = [];
      try {
        files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
      } catch {
        files = [];
      }
      it(`has ${kind} fixtures`, () => expect(files.length).toBeGreaterThan(0));
      for (const file of files) {
        it(`${kind}/${file}`, () => {
          const text = readFileSync(path.join(dir, file), 'utf8');
          const want = markersOf(text);
          if (kind === 'valid') expect(want, 'valid fixtures carry no markers').toEqual([]);
          else expect(want.length, 'invalid fixtures mark at least one finding').toBeGreaterThan(0);
          const got = runRule(rule, text, file).map(
            (f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`,
          );
          expect(got).toEqual(want);
        });
      }
    }
  });
}
