import { AssertionError } from 'node:assert';
import { optionsValidator } from '../config/options.js';
import type { Rule } from '../engine/rule.js';
import { CORE_RULE_ERROR } from '../findings/core.js';
import type { Finding } from '../findings/finding.js';
import { compareFindings, coreProblems, lintCode, lintProjectFiles, schemaProblems, type CaseSettings, type ExpectedFinding, type PolicyInput } from './cases.js';

export type { ExpectedFinding, PolicyInput };
export { AssertionError };

/** A case a rule must find nothing in. */
export interface RuleTesterValidCase extends CaseSettings {
  /** Shown in the test's title. */
  name?: string;
  /** A compose file's text. */
  code: string;
  /** The compose file's name, which decides its environment: `docker-compose.yml` (prod) by default. */
  filename?: string;
  /**
   * Other files of the project, by path relative to the compose file (`nginx/nginx.conf`): the
   * case is then linted as a project on disk, in a temporary folder, as a config rule needs.
   */
  files?: Readonly<Record<string, string>>;
}

/** A case a rule must find exactly `errors` in, in order (by file, line and column). */
export interface RuleTesterInvalidCase extends RuleTesterValidCase {
  errors: ExpectedFinding[];
}

export interface RuleTesterCases {
  valid: readonly RuleTesterValidCase[];
  invalid: readonly RuleTesterInvalidCase[];
}

/** A test framework's `describe` (a group) and `it` (a test, which may return a promise). */
export type DescribeFunction = (title: string, body: () => void) => unknown;
export type ItFunction = (title: string, body: () => Promise<void>) => unknown;

/**
 * Tests a rule on valid and invalid compose cases, as escashop-lint runs it: each case is linted with
 * that rule alone, and an invalid case's findings are compared with its `errors` exactly.
 *
 * Under a test framework that has `describe` and `it` (as globals, or set on `RuleTester.describe`
 * and `RuleTester.it`), `run()` registers one test per case. Without one, it runs the cases at once,
 * and the promise it returns rejects with an `AssertionError` at the first case that fails.
 */
export class RuleTester {
  /** The framework's `describe`; the global one when not set. */
  static describe: DescribeFunction | undefined;
  /** The framework's `it`; the global one when not set. */
  static it: ItFunction | undefined;

  run(rule: Rule, cases: RuleTesterCases): Promise<void> {
    const tests = [
      ...cases.valid.map((c, i) => ({ title: `valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, body: () => checkCase(rule, c, []) })),
      ...cases.invalid.map((c, i) => ({ title: `invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, body: () => checkCase(rule, c, c.errors) })),
    ];
    const framework = globalThis as { describe?: unknown; it?: unknown };
    const describe = RuleTester.describe ?? (typeof framework.describe === 'function' ? (framework.describe as DescribeFunction) : undefined);
    const it = RuleTester.it ?? (typeof framework.it === 'function' ? (framework.it as ItFunction) : undefined);
    if (describe && it) {
      describe(rule.meta.id, () => {
        for (const test of tests) it(test.title, test.body);
      });
      return Promise.resolve();
    }
    return (async () => {
      for (const test of tests) {
        try {
          await test.body();
        } catch (error) {
          if (error instanceof AssertionError) error.message = `${rule.meta.id} ${test.title}: ${error.message}`;
          throw error;
        }
      }
    })();
  }
}

/** Lints one case and fails (an `AssertionError`) unless the rule finds exactly `errors`. */
async function checkCase(rule: Rule, c: RuleTesterValidCase, errors: readonly ExpectedFinding[]): Promise<void> {
  const filename = c.filename ?? 'docker-compose.yml';
  if (c.options) {
    const problems = rule.meta.options ? optionsProblems(rule, c.options) : [`${rule.meta.id} takes no options`];
    if (problems.length > 0) throw new AssertionError({ message: `the case's options do not match the rule's meta.options.schema: ${problems.join('; ')}`, actual: problems, expected: [], operator: 'deepStrictEqual' });
  }
  const findings: Finding[] = c.files ? await lintProjectFiles(rule, c.code, filename, c.files, c) : lintCode(rule, c.code, filename, c);
  // On disk, lint() isolates a rule that throws (core/rule-error): fail with what it threw.
  const failed = findings.find((f) => f.ruleId === CORE_RULE_ERROR.id);
  if (failed) throw new AssertionError({ message: `the rule threw: ${failed.message}`, actual: failed.message, expected: undefined, operator: 'fail' });
  const core = coreProblems(findings);
  if (core.length > 0) throw new AssertionError({ message: `the case is not a valid compose project: ${core.join('; ')}`, actual: core, expected: [], operator: 'deepStrictEqual' });
  const compared = compareFindings(findings, errors, filename);
  if (!compared.equal) {
    const message = errors.length === 0 ? `expected no finding, got ${findings.length}: ${findings.map(findingLine).join('; ')}` : `expected ${errors.length} finding${errors.length === 1 ? '' : 's'}, got ${findings.length} that differ: ${findings.map(findingLine).join('; ')}`;
    throw new AssertionError({ message, actual: compared.actual, expected: compared.expected, operator: 'deepStrictEqual' });
  }
}

function optionsProblems(rule: Rule, options: Record<string, unknown>): string[] {
  const validate = optionsValidator(rule.meta);
  return validate(options) ? [] : schemaProblems(validate.errors);
}

function findingLine(f: Finding): string {
  return `${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.severity} ${f.message}`;
}
