// A program that uses escashop-lint as a dependency would: through the package's name, against the
// declarations the build ships (dist/src/index.d.ts), with strict settings. test/api/types.test.ts
// compiles it, and compiles it again without its @ts-expect-error lines to show that they fail.
import {
  ConfigError,
  defineRule,
  format,
  FORMAT_NAMES,
  lint,
  NoComposeFilesError,
  resolveConfig,
  rules,
  type Finding,
  type FormatName,
  type LintOptions,
  type LintResult,
  type LintTarget,
  type Range,
  type RelatedLocation,
  type RuleMeta,
  type Severity,
} from 'escashop-lint';

const options: LintOptions = { cwd: process.cwd(), useConfig: false, profiles: ['web'], envFiles: ['.env.production'] };
const targets: LintTarget[] = ['deploy/**/docker-compose*.yml', { files: ['compose.yaml', 'compose.prod.yaml'], projectDir: '.' }];

export async function errorsOf(): Promise<string[]> {
  let result: LintResult;
  try {
    result = await lint(targets, options);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof NoComposeFilesError) return [error.message];
    throw error;
  }
  const errors: Finding[] = result.findings.filter((f) => f.severity === 'error');
  const where = (range: Range): string => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
  const related: RelatedLocation[] = errors.flatMap((f) => f.related);
  const lines = errors.map((f) => `${f.file}:${where(f.range)} ${f.ruleId} ${f.message}`);
  return [...lines, ...related.map((r) => `${r.file}:${where(r.range)} ${r.message}`)];
}

export async function report(name: FormatName): Promise<string> {
  const result = await lint(['docker-compose.yml'], { useConfig: false });
  return format(result, name, { cwd: process.cwd(), codeFrame: name === 'text' });
}

export async function environment(file: string): Promise<'prod' | 'dev' | 'test'> {
  return (await resolveConfig(file)).environment;
}

export const formats: readonly FormatName[] = FORMAT_NAMES;
export const securityRules: readonly RuleMeta[] = rules.map((rule) => rule.meta).filter((meta) => meta.securitySeverity !== undefined);
export const level: Severity = 'warning';

export const custom = defineRule({
  meta: { id: 'team/no-latest', description: 'images are pinned', severity: 'error', tags: ['supply-chain'] },
  create: (context) => ({
    service(service) {
      if (service.image === undefined) context.report({ at: service.key, message: `service "${service.name}" has no image` });
    },
  }),
});

// @ts-expect-error a severity is error, warning or info
export const fatal: Severity = 'fatal';

// @ts-expect-error the formats are text, json, sarif, github and compact
export const html = (result: LintResult) => format(result, 'html');

// @ts-expect-error lint takes a list of targets
export const single = () => lint('docker-compose.yml');

// @ts-expect-error a finding's range has a start and an end position, not a line number
export const line: Range = { start: 3, end: 4 };
