import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { settingsFor } from '../src/config/resolve.js';
import type { RuleMeta } from '../src/engine/meta.js';
import type { Rule } from '../src/engine/rule.js';
import type { Finding, Severity } from '../src/findings/finding.js';
import { lintSource } from '../src/lint.js';
import { DEFAULT_POLICY, type Policy } from '../src/model/policy.js';

/** What a configuration may say about a stack, for one test case: each part given replaces the default's. */
export interface PolicyInput {
  ingress?: readonly string[];
  secrets?: { allowNames?: readonly string[]; allowValues?: readonly string[] };
}

/** The configuration a case is linted with, as a configuration file would give it. */
export interface CaseSettings {
  /** The rule's options (`rules: { "<id>": { "options": … } }`), checked against its `meta.options.schema`. */
  options?: Record<string, unknown>;
  /** The stack's policy (`ingress`, `secrets`), over `DEFAULT_POLICY`. */
  policy?: PolicyInput;
}

export interface ValidCase extends CaseSettings {
  name?: string;
  code: string;
  /** Decides the environment: `docker-compose.yml` (prod) unless given. */
  filename?: string;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: string | RegExp;
  severity?: Severity;
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
  return (validate.errors ?? []).map((e) => `options${e.instancePath} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}`);
}

/** A case's policy: `DEFAULT_POLICY` with the parts the case gives. */
export function policyOf(input: PolicyInput | undefined): Policy {
  if (!input) return DEFAULT_POLICY;
  return {
    ingress: input.ingress ?? DEFAULT_POLICY.ingress,
    secrets: { ...DEFAULT_POLICY.secrets, ...input.secrets },
  };
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
  const absPath = path.resolve(filename);
  const findings = lintSource({ name: filename, absPath, text: code }, [rule], {
    ...settingsFor(absPath, undefined),
    options: () => settings.options,
    policy: policyOf(settings.policy),
  });
  const core = findings.filter((f) => f.ruleId.startsWith('core/'));
  expect(core.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`), 'test case must be valid compose').toEqual([]);
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
        c.errors.forEach((want, k) => {
          const got = findings[k]!;
          expect({ line: got.range.start.line, column: got.range.start.column }).toEqual({ line: want.line, column: want.column });
          if (want.endLine !== undefined) expect(got.range.end.line).toBe(want.endLine);
          if (want.endColumn !== undefined) expect(got.range.end.column).toBe(want.endColumn);
          if (typeof want.message === 'string') expect(got.message).toBe(want.message);
          else if (want.message) expect(got.message).toMatch(want.message);
          if (want.severity) expect(got.severity).toBe(want.severity);
        });
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
