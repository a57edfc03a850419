/**
 * The programmatic API: `import { lint, format } from 'escashop-lint'`. The command line is built on
 * it (`src/cli/main.ts` imports from here), so what it does, the API does. docs/api.md describes it.
 */
import { rules as builtinRules } from '../rules/index.js';
import type { RuleMeta } from './engine/meta.js';
import type { Rule } from './engine/rule.js';
import { CORE_CHECKS } from './findings/core.js';
import type { LintResult } from './lint.js';
import { PACKAGE_ROOT, VERSION } from './package-info.js';
import type { FormatContext } from './report/formatter.js';
import { FORMATTERS } from './report/index.js';
import { maskedSources } from './report/sources.js';

export { lint, resolveConfig, rulesOfConfig, type FileResult, type LintOptions, type LintResult, type LintTarget, type ProjectTarget, type ResolvedConfig } from './lint.js';
export type { Concurrency } from './parallel/concurrency.js';
export { ConfigError, type ConfigData, type OverrideData, type ProjectData, type RuleSetting } from './config/load.js';
/** The shape of a policy in a configuration (for typed JavaScript configurations, docs/policies.md). */
export type { PolicyCondition, PolicyData, PolicySelect } from './policies/types.js';
export type { CacheStatus } from './cache/index.js';
export { NoComposeFilesError } from './input/discover.js';
export { NoMatchingFilesError } from './input/globs.js';
export { FILE_KINDS, type FileKind } from './input/file-kind.js';
export type { Finding, RelatedLocation, Severity } from './findings/finding.js';
export type { Position, Range } from './parse/position.js';
export { ENVIRONMENTS, type Environment, type Level, type RuleMeta, type RuleOptionsMeta, type RuleReferences } from './engine/meta.js';
export { defineRule, type Report, type Rule, type RuleContext, type RuleDefinition, type RuleVisitors, type Target } from './engine/rule.js';
export { CORE_CHECKS } from './findings/core.js';
// For plugin authors (docs/plugins.md): the model rules see, and a tester for their rules. The
// helpers built-in rules use are the subpath `escashop-lint/rule-api` (src/engine/api.ts).
export type {
  Command,
  ComposeProject,
  ConfigEntry,
  ConfigKind,
  ConfigOwner,
  ConfigProgram,
  ConfigWord,
  HbaFile,
  Healthcheck,
  Hook,
  ImageReference,
  KeyValue,
  ModelProblem,
  NginxConfig,
  NginxDirective,
  NginxWord,
  Origin,
  Policy,
  Port,
  PostgresConfig,
  RedisConfig,
  ResourceLimits,
  Service,
  ServiceConfigFiles,
  ServiceConfigs,
  Text,
  Volume,
  YMap,
  YNode,
  YScalar,
  YSeq,
} from './engine/api.js';
export {
  AssertionError,
  RuleTester,
  type DescribeFunction,
  type ExpectedFinding,
  type ItFunction,
  type PolicyInput,
  type RuleTesterCases,
  type RuleTesterInvalidCase,
  type RuleTesterValidCase,
} from './testing/rule-tester.js';
export { FORMATTERS, type FormatContext, type Formatter } from './report/index.js';
export { JSON_REPORT_VERSION, type JsonRelated, type JsonReport, type JsonResult, type JsonSpan, type JsonSuppressed } from './report/json.js';
export {
  applyBaseline,
  BASELINE_VERSION,
  BaselineError,
  createBaseline,
  filterFindings,
  fingerprintFindings,
  formatBaseline,
  parseBaseline,
  readBaseline,
  sourceTextReader,
  writeBaseline,
  type Baseline,
  type BaselineEntry,
  type BaselineMatch,
  type FilterOptions,
  type FingerprintOptions,
} from './filter/index.js';
export type { SuppressedFinding, Suppression } from './filter/suppressions.js';
export { VERSION } from './package-info.js';
/** `--fix` for programs: lint, apply the fixes, lint again until nothing changes (docs/fixes.md). */
export { fixRun, MAX_FIX_PASSES, type FileChange, type FixRunOptions, type FixRunResult, type NotFixed } from './fix/run.js';
export type { EditResult, FileWrite, Fix, TextEdit } from './fix/types.js';

/** Every built-in rule, in id order: the default of `LintOptions.rules`. */
export { rules } from '../rules/index.js';

/** The report formats, as `--format` names them. */
export type FormatName = 'text' | 'json' | 'sarif' | 'github' | 'compact';
export const FORMAT_NAMES: readonly FormatName[] = ['text', 'json', 'sarif', 'github', 'compact'];

/** How `format()` writes a report: `FormatContext`'s settings, each optional. */
export interface FormatOptions extends Partial<Omit<FormatContext, 'rules' | 'packageRoot' | 'version' | 'readSource'>> {
  /** The rules the result was linted with, when not the built-in ones (SARIF describes each rule it reports); the configuration's own rules come with the result (`LintResult.rules`). */
  rules?: readonly Rule[];
}

/**
 * A lint result as the command line prints it with `--format <name>`: file names relative to
 * `options.cwd` (default: the process's), no color and no code frames unless asked for. Code frames
 * read the files from disk and mask every secret range of every finding in `result.files` and
 * `result.suppressed`, so pass the result `lint()` returned, filtered in `findings` only.
 */
export function format(result: LintResult, name: FormatName, options: FormatOptions = {}): string {
  const formatter = FORMATTERS[name];
  if (!formatter) throw new TypeError(`unknown format "${name}" (use ${FORMAT_NAMES.join(', ')})`);
  const { rules: linted, ...settings } = options;
  const cwd = options.cwd ?? process.cwd();
  return formatter(result, {
    ...settings,
    cwd,
    color: options.color ?? false,
    codeFrame: options.codeFrame ?? false,
    rules: [...checks(linted), ...(result.rules ?? [])],
    packageRoot: PACKAGE_ROOT,
    version: VERSION,
    readSource: maskedSources([...result.findings, ...result.files.flatMap((file) => file.findings), ...(result.suppressed ?? []).map((s) => s.finding)], cwd),
  });
}

/** The metadata of every check a lint with `linted` can report: the core checks, then the rules. */
export function checks(linted: readonly Rule[] = builtinRules): RuleMeta[] {
  return [...CORE_CHECKS, ...linted.map((rule) => rule.meta)];
}
