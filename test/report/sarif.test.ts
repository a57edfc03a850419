import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import healthcheck from '../../rules/compose/healthcheck/index.js';
import type { RuleMeta } from '../../src/engine/meta.js';
import type { Finding, Severity } from '../../src/findings/finding.js';
import { CORE_CHECKS } from '../../src/findings/core.js';
import { lint } from '../../src/lint.js';
import { VERSION } from '../../src/package-info.js';
import { FORMATTERS } from '../../src/report/index.js';
import { artifactUri, formatSarif, SARIF_MAX_RESULTS, SARIF_SCHEMA_URI, sarifLog } from '../../src/report/sarif.js';
import { COMPOSE, formatContext, sarifSchemaErrors, tempDir } from './helpers.js';


async function sarifFor(files: Record<string, string>, paths = Object.keys(files), cwd = tempDir()): Promise<{ log: Log; cwd: string }> {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), text);
  }
  const result = await lint(paths, { cwd, rules: [healthcheck] });
  const text = formatSarif(result, formatContext(cwd));
  expect(text.endsWith('}\n')).toBe(true);
  return { log: JSON.parse(text) as Log, cwd };
}

function finding(severity: Severity, line: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'compose/healthcheck',
    severity,
    message: `finding on line ${line}`,
    file: 'docker-compose.yml',
    range: { start: { line, column: 3 }, end: { line, column: 6 } },
    related: [],
    ...extra,
  };
}

const meta = (extra: Partial<RuleMeta>): RuleMeta => ({ id: 'test/example', description: 'Something holds', severity: 'warning', tags: [], docs: 'rules/test/example/README.md', ...extra });

describe('sarif format', () => {
  it('is registered as --format sarif', () => {
    expect(FORMATTERS.sarif).toBe(formatSarif);
  });

  it('is one SARIF 2.1.0 run that the OASIS schema accepts', async () => {
    const { log } = await sarifFor({ 'docker-compose.prod.yml': COMPOSE }, ['docker-compose.prod.yml', 'missing.yml']);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.automationDetails).toBeUndefined();
    expect(run.tool.driver).toMatchObject({ name: 'escashop-lint', version: VERSION, semanticVersion: VERSION });
    expect(run.tool.driver.informationUri).toBeUndefined();
    expect(JSON.stringify(log)).not.toContain('"snippet"');
  });

  it('gives each result its rule, level, message, exact region and related locations', async () => {
    const { log } = await sarifFor({ 'deploy/docker-compose.prod.yml': COMPOSE });
    const run = log.runs[0]!;
    const results = run.results!;
    expect(results.map((r) => ({ ...r, partialFingerprints: undefined }))).toEqual([
      {
        ruleId: 'compose/healthcheck',
        ruleIndex: run.tool.driver.rules!.findIndex((r) => r.id === 'compose/healthcheck'),
        level: 'warning',
        message: { text: 'the healthcheck of service "cron" is disabled' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/docker-compose.prod.yml' }, region: { startLine: 2, startColumn: 12, endLine: 2, endColumn: 16 } } }],
        relatedLocations: [
          {
            id: 1,
            physicalLocation: { artifactLocation: { uri: 'deploy/docker-compose.prod.yml' }, region: { startLine: 9, startColumn: 11, endLine: 9, endColumn: 20 } },
            message: { text: 'pulled in through this alias' },
          },
        ],
        partialFingerprints: undefined,
      },
      {
        ruleId: 'compose/healthcheck',
        ruleIndex: run.tool.driver.rules!.findIndex((r) => r.id === 'compose/healthcheck'),
        level: 'warning',
        message: { text: 'service "api" has no healthcheck' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/docker-compose.prod.yml' }, region: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 6 } } }],
        partialFingerprints: undefined,
      },
    ]);
    expect(run.tool.driver.rules![results[0]!.ruleIndex!]!.id).toBe('compose/healthcheck');
  });

  it('uses URIs relative to the working directory, percent-encoded, and file:// URIs outside it', async () => {
    const root = tempDir();
    const cwd = path.join(root, 'project');
    mkdirSync(cwd);
    writeFileSync(path.join(root, 'outside.yml'), COMPOSE);
    const { log } = await sarifFor({ 'my stack/docker-compose.prod.yml': COMPOSE }, ['my stack/docker-compose.prod.yml', '../outside.yml'], cwd);
    const uris = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
    expect(uris).toContain('my%20stack/docker-compose.prod.yml');
    expect(uris).toContain(`file://${path.join(root, 'outside.yml')}`);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(artifactUri('a\\b.yml'.replace('\\', path.sep), '/w')).toBe('a/b.yml');
    expect(artifactUri('conf/a:b@c+d.yml', '/w')).toBe('conf/a%3Ab@c+d.yml');
  });

  it('keeps fingerprints when lines shift, and tells apart identical findings by occurrence', async () => {
    const before = await sarifFor({ 'docker-compose.prod.yml': COMPOSE });
    const shifted = `# a comment\n\n${COMPOSE}`.replace('  api:\n', '  web:\n    image: example/web:1.0.0\n    healthcheck:\n      test: ["CMD", "true"]\n  api:\n');
    const after = await sarifFor({ 'docker-compose.prod.yml': shifted });
    const print = (log: Log): Record<string, { fp: string; line: number }> =>
      Object.fromEntries(log.runs[0]!.results!.map((r) => [r.message.text!, { fp: r.partialFingerprints!.primaryLocationLineHash!, line: r.locations![0]!.physicalLocation!.region!.startLine! }]));
    const a = print(before.log);
    const b = print(after.log);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const message of Object.keys(a)) {
      expect(b[message]!.line).not.toBe(a[message]!.line);
      expect(b[message]!.fp, message).toBe(a[message]!.fp);
      expect(a[message]!.fp).toMatch(/^[0-9a-f]{16}:1$/);
    }
    expect(new Set(Object.values(a).map((x) => x.fp)).size).toBe(2);

    const twice = [finding('warning', 3, { message: 'same' }), finding('warning', 9, { message: 'same' }), finding('warning', 12, { message: 'other' })];
    const fps = sarifLog({ findings: twice }, formatContext('/w')).runs[0]!.results!.map((r) => r.partialFingerprints!.primaryLocationLineHash!);
    expect(fps[0]!.split(':')[0]).toBe(fps[1]!.split(':')[0]);
    expect(fps.map((f) => f.split(':')[1])).toEqual(['1', '2', '1']);
    expect(fps[2]!.split(':')[0]).not.toBe(fps[0]!.split(':')[0]);
    const moved = sarifLog({ findings: twice.map((f) => ({ ...f, file: 'other.yml' })) }, formatContext('/w')).runs[0]!.results!;
    expect(moved[0]!.partialFingerprints!.primaryLocationLineHash).not.toBe(fps[0]);
  });

  it('maps error, warning and info to error, warning and note', () => {
    const log = sarifLog({ findings: [finding('error', 1), finding('warning', 2), finding('info', 3)] }, formatContext('/w'));
    expect(log.runs[0]!.results!.map((r: Result) => r.level)).toEqual(['error', 'warning', 'note']);
  });

  it('describes every known rule, with results or not', () => {
    const context = formatContext('/w');
    const rules = sarifLog({ findings: [] }, context).runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(context.rules.map((m) => m.id));
    for (const rule of rules) {
      expect(rule.shortDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help!.text.length).toBeGreaterThan(0);
      expect((rule.properties!.tags as string[]).length).toBeLessThanOrEqual(10);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    }
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(CORE_CHECKS.map((c) => c.id)));
  });

  it('takes rule help from the README, without the generator markers', () => {
    const rule = sarifLog({ findings: [] }, formatContext('/w')).runs[0]!.tool.driver.rules!.find((r) => r.id === 'compose/healthcheck')!;
    expect(rule).toMatchObject({
      name: 'ComposeHealthcheck',
      shortDescription: { text: 'Every service has a healthcheck, and it is not switched off.' },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['reliability'], precision: 'high' },
    });
    expect(rule.fullDescription!.text).toMatch(/^Without a healthcheck, Docker only knows whether the main process is alive, not whether it works\. .* the same as none\.$/);
    expect(rule.help!.markdown).toMatch(/^# compose\/healthcheck\n/);
    expect(rule.help!.markdown).toContain('## Why it matters in production');
    expect(rule.help!.markdown).toContain('| Severity | prod: **warning**');
    expect(rule.help!.markdown).not.toContain('<!--');
    expect(rule.help!.text).toBe(rule.help!.markdown);
    expect(rule.properties!['security-severity']).toBeUndefined();
  });

  it('sets defaultConfiguration from the prod severity, security-severity as a string, and at most 10 tags', () => {
    const tags = Array.from({ length: 12 }, (_, i) => `tag${i}`);
    const metas = [
      meta({ id: 'test/prod-info', severity: 'error', environments: { prod: 'info', dev: 'error' } }),
      meta({ id: 'test/prod-off', severity: 'error', environments: { prod: 'off' } }),
      meta({ id: 'test/secure', severity: 'error', tags: ['security', ...tags], securitySeverity: 7, references: { cwe: ['CWE-798'] } }),
    ];
    const rules = sarifLog({ findings: [] }, formatContext('/w', { rules: metas })).runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.defaultConfiguration!.level)).toEqual(['note', 'error', 'error']);
    expect(rules[2]!.properties!['security-severity']).toBe('7.0');
    expect(rules[2]!.properties!.tags).toEqual(['security', ...tags.slice(0, 9)]);
    const cwe = sarifLog({ findings: [] }, formatContext('/w', { rules: [meta({ tags: ['security'], references: { cwe: ['CWE-798'] } })] })).runs[0]!.tool.driver.rules![0]!;
    expect(cwe.properties!.tags).toEqual(['security', 'external/cwe/cwe-798']);
    // no README: the description stands in for the help
    expect(rules[0]!.help).toEqual({ text: 'Something holds.' });
  });

  it('clips a long description at a word boundary to 1024 characters', () => {
    const long = Array.from({ length: 300 }, () => 'word').join(' ');
    const rule = sarifLog({ findings: [] }, formatContext('/w', { rules: [meta({ description: long })] })).runs[0]!.tool.driver.rules![0]!;
    expect(rule.shortDescription!.text.length).toBeLessThanOrEqual(1024);
    expect(rule.shortDescription!.text).toMatch(/ word…$/);
  });

  it('adds a descriptor for a result whose rule is not known, so ruleIndex always resolves', () => {
    const log = sarifLog({ findings: [finding('error', 1, { ruleId: 'test/unknown' })] }, formatContext('/w', { rules: CORE_CHECKS }));
    const run = log.runs[0]!;
    expect(run.tool.driver.rules![run.results![0]!.ruleIndex!]!.id).toBe('test/unknown');
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it(`keeps the ${SARIF_MAX_RESULTS} most severe results and says so`, () => {
    const findings = [...Array.from({ length: SARIF_MAX_RESULTS }, (_, i) => finding('info', i + 1)), finding('error', SARIF_MAX_RESULTS + 1)];
    const run = sarifLog({ findings }, formatContext('/w')).runs[0]!;
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(run.results![SARIF_MAX_RESULTS - 1]!.level).toBe('error');
    expect(run.results![0]!.message.text).toBe('finding on line 1');
    expect(run.properties).toEqual({ resultsTruncated: true, totalResults: SARIF_MAX_RESULTS + 1, keptResults: SARIF_MAX_RESULTS });
    expect(run.invocations![0]!.executionSuccessful).toBe(true);
    expect(run.invocations![0]!.toolExecutionNotifications![0]!.message.text).toContain(`kept the ${SARIF_MAX_RESULTS} most severe`);
  });

  it('orders by severity, then position, when cutting to a smaller limit', () => {
    const findings = [finding('info', 1), finding('warning', 2), finding('error', 3), finding('info', 4), finding('error', 5)];
    const run = sarifLog({ findings }, formatContext('/w'), { maxResults: 3 }).runs[0]!;
    expect(run.results!.map((r) => r.message.text)).toEqual(['finding on line 2', 'finding on line 3', 'finding on line 5']);
    expect(sarifSchemaErrors({ ...sarifLog({ findings }, formatContext('/w'), { maxResults: 3 }) })).toEqual([]);
    const all = sarifLog({ findings }, formatContext('/w'), { maxResults: 5 }).runs[0]!;
    expect(all.results).toHaveLength(5);
    expect(all.properties).toBeUndefined();
  });
});
