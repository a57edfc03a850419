import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import capDropAll from '../../rules/compose/cap-drop-all/index.js';
import healthcheck from '../../rules/compose/healthcheck/index.js';
import type { Finding } from '../../src/findings/finding.js';
import { lint } from '../../src/lint.js';
import { PACKAGE_ROOT, VERSION } from '../../src/package-info.js';
import { FORMATTERS } from '../../src/report/index.js';
import { formatJson, JSON_REPORT_VERSION, type JsonReport } from '../../src/report/json.js';
import { COMPOSE, formatContext, tempDir } from './helpers.js';

const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const schemaErrors = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));


async function lintInTemp(files: Record<string, string>, paths = Object.keys(files)) {
  const cwd = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, name), text);
  return { cwd, result: await lint(paths, { cwd, rules: [healthcheck] }) };
}

describe('json format', () => {
  it('is registered as --format json', () => {
    expect(FORMATTERS.json).toBe(formatJson);
  });

  it('writes findings with exact ranges, related locations and a summary, ending with a newline', async () => {
    const { cwd, result } = await lintInTemp({ 'docker-compose.prod.yml': COMPOSE }, ['docker-compose.prod.yml', 'missing.yml']);
    const text = formatJson(result, formatContext(cwd));
    expect(text.endsWith('}\n')).toBe(true);
    const report = JSON.parse(text) as JsonReport;
    expect(report).toEqual({
      version: JSON_REPORT_VERSION,
      tool: { name: 'escashop-lint', version: VERSION },
      results: [
        {
          ruleId: 'compose/healthcheck',
          severity: 'warning',
          message: 'the healthcheck of service "cron" is disabled',
          file: 'docker-compose.prod.yml',
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 16,
          related: [{ message: 'pulled in through this alias', file: 'docker-compose.prod.yml', line: 9, column: 11, endLine: 9, endColumn: 20 }],
        },
        {
          ruleId: 'compose/healthcheck',
          severity: 'warning',
          message: 'service "api" has no healthcheck',
          file: 'docker-compose.prod.yml',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 6,
          related: [],
        },
        {
          ruleId: 'core/input',
          severity: 'error',
          message: expect.any(String),
          file: 'missing.yml',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          related: [],
        },
      ],
      summary: { files: 2, errors: 1, warnings: 2, infos: 0 },
    });
  });

  it('matches schemas/report.schema.json, also for a clean run', async () => {
    const dirty = await lintInTemp({ 'docker-compose.prod.yml': COMPOSE }, ['docker-compose.prod.yml', 'missing.yml']);
    expect(schemaErrors(JSON.parse(formatJson(dirty.result, formatContext(dirty.cwd))))).toEqual([]);
    const clean = await lintInTemp({ 'docker-compose.dev.yml': COMPOSE });
    const report = JSON.parse(formatJson(clean.result, formatContext(clean.cwd))) as JsonReport;
    expect(report.results).toEqual([]);
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0 });
    expect(schemaErrors(report)).toEqual([]);
  });

  it('counts info findings, and the schema rejects what the format never writes', () => {
    const info: Finding = {
      ruleId: 'compose/example',
      severity: 'info',
      message: 'a note',
      file: 'a.yml',
      range: { start: { line: 3, column: 5 }, end: { line: 4, column: 1 } },
      related: [],
    };
    const report = JSON.parse(formatJson({ files: [{ file: 'a.yml', findings: [info] }], findings: [info] }, formatContext(tempDir()))) as JsonReport;
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 1 });
    expect(schemaErrors(report)).toEqual([]);
    expect(schemaErrors({ ...report, extra: 1 })).not.toEqual([]);
    expect(schemaErrors({ ...report, results: [{ ...report.results[0], severity: 'note' }] })).not.toEqual([]);
    expect(schemaErrors({ ...report, results: [{ ...report.results[0], line: 0 }] })).not.toEqual([]);
    expect(schemaErrors({ ...report, results: [{ ...report.results[0], snippet: 'x' }] })).not.toEqual([]);
  });

  it("writes each finding's fix, named as findings name files, and matches the schema", async () => {
    const cwd = tempDir();
    const text = 'services:\n  api:\n    image: example/api:1.4.2\n';
    writeFileSync(path.join(cwd, 'docker-compose.prod.yml'), text);
    const result = await lint(['docker-compose.prod.yml'], { cwd, rules: [capDropAll], fix: true });
    const report = JSON.parse(formatJson(result, formatContext(cwd))) as JsonReport;
    expect(report.results.map((r) => r.fix)).toEqual([
      {
        description: 'add ALL to cap_drop of service "api" (give back with cap_add only what it needs)',
        kind: 'fix',
        edits: [{ file: 'docker-compose.prod.yml', line: 3, column: 29, endLine: 3, endColumn: 29, text: '\n    cap_drop:\n      - ALL' }],
      },
    ]);
    expect(schemaErrors(report)).toEqual([]);
    // A fix's writes are named, with their mode, never with their text.
    const withFiles = { ...report.results[0]!.fix!, files: [{ file: 'secrets/api.txt', mode: '0600' }, { file: '.gitignore', append: true }] };
    expect(schemaErrors({ ...report, results: [{ ...report.results[0], fix: withFiles }] })).toEqual([]);
    expect(schemaErrors({ ...report, results: [{ ...report.results[0], fix: { ...withFiles, files: [{ file: 'secrets/api.txt', text: 'x' }] } }] })).not.toEqual([]);
    expect(schemaErrors({ ...report, results: [{ ...report.results[0], fix: { ...withFiles, kind: 'problem' } }] })).not.toEqual([]);
  });

  it('documents every field of the schema in docs/json-format.md', () => {
    const docs = readFileSync(path.join(PACKAGE_ROOT, 'docs/json-format.md'), 'utf8');
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const props = (node as { properties?: Record<string, unknown> }).properties;
        if (props) for (const key of Object.keys(props)) names.add(key);
        Object.values(node).forEach(walk);
      }
    };
    walk(schema);
    expect(names.size).toBeGreaterThan(15);
    for (const name of names) expect(docs, name).toContain(`\`${name}\``);
    expect(docs).toContain(`"version": ${JSON_REPORT_VERSION}`);
  });
});
