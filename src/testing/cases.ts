import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject } from 'ajv';
import { settingsFor } from '../config/resolve.js';
import type { Rule } from '../engine/rule.js';
import type { Finding, Severity } from '../findings/finding.js';
import { lint, lintSource } from '../lint.js';
import { DEFAULT_POLICY, type Policy } from '../model/policy.js';

/**
 * What a rule test case is and how it is linted: shared by the public `RuleTester` and the
 * repository's own rule test harness (test/rule-tester.ts).
 */

/** What a configuration may say about a stack, for one test case: each part given replaces the default's. */
export interface PolicyInput {
  ingress?: readonly string[];
  secrets?: { allowNames?: readonly string[]; allowValues?: readonly string[] };
}

/** The configuration a case is linted with, as a configuration file would give it. */
export interface CaseSettings {
  /** The rule's options (`rules: { "<id>": { "options": … } }`), checked against its `meta.options.schema`. */
  options?: Record<string, unknown>;
  /** The stack's policy (`ingress`, `secrets`), over the default one. */
  policy?: PolicyInput;
}

/** One finding an invalid case expects: where it starts, and whatever else is given. */
export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The exact message, or a pattern it matches. */
  message?: string | RegExp;
  severity?: Severity;
  /** The file the finding is in, relative to the project (a case with `files`); the compose file when not given. */
  file?: string;
}

/** A case's policy: the default policy with the parts the case gives. */
export function policyOf(input: PolicyInput | undefined): Policy {
  if (!input) return DEFAULT_POLICY;
  return {
    ingress: input.ingress ?? DEFAULT_POLICY.ingress,
    secrets: { ...DEFAULT_POLICY.secrets, ...input.secrets },
  };
}

/** Ajv's complaints about a case's options, one line each: `options/port must be integer`. */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `options${e.instancePath} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}`);
}

/** Lints `code` as the compose file `filename` with one rule, in memory, with the case's options and policy. */
export function lintCode(rule: Rule, code: string, filename: string, settings: CaseSettings): Finding[] {
  const absPath = path.resolve(filename);
  return lintSource({ name: filename, absPath, text: code }, [rule], {
    ...settingsFor(absPath, undefined),
    options: () => settings.options,
    policy: policyOf(settings.policy),
  });
}

/**
 * Lints a project written to a fresh temporary folder (removed afterwards): `code` as the compose
 * file `filename`, and `files` (relative path → text) beside it, with one rule. Options and policy
 * reach the rule through a configuration file, as they do in use. Finding files are relative to the folder.
 */
export async function lintProjectFiles(rule: Rule, code: string, filename: string, files: Readonly<Record<string, string>>, settings: CaseSettings): Promise<Finding[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'escashop-rule-tester-'));
  try {
    for (const [rel, text] of Object.entries({ ...files, [filename]: code })) {
      const file = path.join(dir, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    const config = path.join(dir, '.escashop-rule-tester.json');
    writeFileSync(config, JSON.stringify({ ...(settings.options ? { rules: { [rule.meta.id]: { options: settings.options } } } : {}), ...settings.policy }));
    return (await lint([filename], { cwd: dir, rules: [rule], config })).findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pipeline's own findings on a case (YAML, schema, unreadable files), one line each: a case must have none. */
export function coreProblems(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.ruleId.startsWith('core/')).map((f) => `${f.file === '' ? '' : `${f.file}:`}${f.range.start.line}:${f.range.start.column} ${f.message} (${f.ruleId})`);
}

/**
 * The findings and the expected ones side by side, in a form a deep-equality assertion compares
 * exactly (count and order): each finding shows the keys its expectation gives (all of them past
 * the expected count), a message that matches an expected pattern shows the pattern, and a finding
 * in another file than `file` names it.
 */
export function compareFindings(findings: readonly Finding[], expected: readonly ExpectedFinding[], file?: string): { actual: ExpectedFinding[]; expected: ExpectedFinding[]; equal: boolean } {
  const actual = findings.map((f, k): ExpectedFinding => {
    const want: Partial<ExpectedFinding> = expected[k] ?? { endLine: 0, endColumn: 0, message: '', severity: 'error' };
    const got: ExpectedFinding = { line: f.range.start.line, column: f.range.start.column };
    if (want.endLine !== undefined) got.endLine = f.range.end.line;
    if (want.endColumn !== undefined) got.endColumn = f.range.end.column;
    if (want.message instanceof RegExp) got.message = want.message.test(f.message) ? want.message : f.message;
    else if (want.message !== undefined) got.message = f.message;
    if (want.severity !== undefined) got.severity = f.severity;
    if (file !== undefined && f.file !== file) got.file = f.file;
    return got;
  });
  const wanted = expected.map(({ file: at, ...e }): ExpectedFinding => (at === undefined || at === file ? e : { ...e, file: at }));
  return { actual, expected: wanted, equal: isDeepStrictEqual(actual, wanted) };
}
