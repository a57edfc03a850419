import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import healthcheck from '../../rules/compose/healthcheck/index.js';
import noPlaintextSecrets from '../../rules/compose/no-plaintext-secrets/index.js';
import { lint } from '../../src/lint.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { formatJson, type JsonReport } from '../../src/report/json.js';
import { sarifLog } from '../../src/report/sarif.js';
import { formatText } from '../../src/report/text.js';
import { formatContext, sarifSchemaErrors, tempDir } from '../report/helpers.js';

const SECRET = 'Sup3r-s3cret-Passw0rd!x';

/** A prod file: one healthcheck finding suppressed with a reason, one shown, and a suppressed plaintext secret. */
const COMPOSE = [
  'services:',
  '  # escashop-lint-disable-next-line compose/healthcheck -- runs once and exits',
  '  migrate:',
  '    image: example/migrate:1.0',
  '    environment:',
  `      DB_PASSWORD: ${SECRET} # escashop-lint-disable-line compose/no-plaintext-secrets`,
  '  api:',
  '    image: example/api:1.0',
  '',
].join('\n');

async function linted() {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'docker-compose.prod.yml'), COMPOSE);
  return { cwd, result: await lint(['docker-compose.prod.yml'], { cwd, rules: [healthcheck, noPlaintextSecrets], useConfig: false }) };
}

const reportSchema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validateReport = new Ajv({ allErrors: true, strict: true }).compile(reportSchema);

describe('suppressed findings in the reports', () => {
  it('lint() keeps them apart, with the directive, and their secret ranges', async () => {
    const { result } = await linted();
    expect(result.findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}`)).toEqual(['7:3 compose/healthcheck']);
    expect(result.suppressed!.map(({ finding, suppression }) => `${finding.range.start.line}:${finding.range.start.column} ${finding.ruleId} ← ${suppression.range.start.line}:${suppression.range.start.column} ${suppression.justification ?? '-'}`)).toEqual([
      '3:3 compose/healthcheck ← 2:5 runs once and exits',
      '6:20 compose/no-plaintext-secrets ← 6:46 -',
    ]);
    expect(result.suppressed![1]!.finding.redact).toEqual([{ start: { line: 6, column: 20 }, end: { line: 6, column: 43 } }]);
  });

  it('text: the summary counts them', async () => {
    const { cwd, result } = await linted();
    const text = formatText(result, formatContext(cwd));
    expect(text.trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (0 errors, 1 warning, 0 info) in 1 file; 2 suppressed');
    expect(text).not.toContain(SECRET);
  });

  it('json: a "suppressed" array that matches the schema, and no secret', async () => {
    const { cwd, result } = await linted();
    const text = formatJson(result, formatContext(cwd));
    expect(text).not.toContain(SECRET);
    const report = JSON.parse(text) as JsonReport;
    expect(validateReport(report) ? [] : validateReport.errors).toEqual([]);
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 1, infos: 0, suppressed: 2 });
    expect(report.suppressed![0]).toEqual({
      ruleId: 'compose/healthcheck',
      severity: 'warning',
      message: 'service "migrate" has no healthcheck',
      file: 'docker-compose.prod.yml',
      line: 3,
      column: 3,
      endLine: 3,
      endColumn: 10,
      related: [],
      suppression: { kind: 'inSource', directive: 'escashop-lint-disable-next-line', justification: 'runs once and exits', file: 'docker-compose.prod.yml', line: 2, column: 5, endLine: 2, endColumn: 36 },
    });
    expect(report.suppressed![1]!.suppression).not.toHaveProperty('justification');
  });

  it('sarif: left out by default; with sarifIncludeSuppressed, results with an inSource suppression that validate', async () => {
    const { cwd, result } = await linted();
    expect(sarifLog(result, formatContext(cwd)).runs[0]!.results!.map((r) => r.ruleId)).toEqual(['compose/healthcheck']);
    const log = sarifLog(result, formatContext(cwd, { sarifIncludeSuppressed: true }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0]!.results!;
    expect(results.map((r) => `${r.locations![0]!.physicalLocation!.region!.startLine} ${r.ruleId} ${r.suppressions ? 'suppressed' : 'open'}`)).toEqual([
      '3 compose/healthcheck suppressed',
      '6 compose/no-plaintext-secrets suppressed',
      '7 compose/healthcheck open',
    ]);
    expect(results[0]!.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'runs once and exits',
        location: { physicalLocation: { artifactLocation: { uri: 'docker-compose.prod.yml' }, region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 36 } } },
      },
    ]);
    expect(JSON.stringify(log)).not.toContain(SECRET);
  });

  it('sarif: the Microsoft SARIF Multitool accepts the suppressions', async () => {
    const { cwd, result } = await linted();
    const file = path.join(tempDir(), 'report.sarif');
    writeFileSync(file, JSON.stringify(sarifLog(result, formatContext(cwd, { sarifIncludeSuppressed: true }))));
    const run = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'scripts/sarif-multitool.mjs'), file], { encoding: 'utf8', cwd: PACKAGE_ROOT });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/: 0 errors, \d+ warnings, 0 notes; valid\n$/);
    expect(run.status).toBe(0);
  }, 120_000);
});
