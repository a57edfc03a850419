import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { lint } from '../../src/lint.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { formatSarif, SARIF_SCHEMA_URI, sarifLog } from '../../src/report/sarif.js';
import { formatContext, sarifSchemaErrors, tempDir } from './helpers.js';

const SCRIPT = path.join(PACKAGE_ROOT, 'scripts/sarif-multitool.mjs');

/** Runs `npm run sarif:validate`'s script on a SARIF text; returns its exit code and output. */
function multitool(sarif: string): { status: number | null; stdout: string; stderr: string } {
  const file = path.join(tempDir(), 'report.sarif');
  writeFileSync(file, sarif);
  const run = spawnSync(process.execPath, [SCRIPT, file], { encoding: 'utf8', cwd: PACKAGE_ROOT });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A file outside the package (a `file://` URI) whose finding comes through a merge key (a related location). */
function aliasFile(): string {
  const file = path.join(tempDir(), 'docker-compose.prod.yml');
  writeFileSync(file, 'x-probe: &no-probe\n  disable: true\nservices:\n  cron:\n    image: example/cron:1.4.2\n    healthcheck:\n      <<: *no-probe\n');
  return file;
}

/** Real compose files with findings: a rule's fixture, the escashop stack when present, and aliasFile(). */
function composeFiles(): string[] {
  const files = ['rules/compose/healthcheck/fixtures/invalid/docker-compose.prod.yml', aliasFile()];
  const escashop = path.join(PACKAGE_ROOT, 'fixtures/escashop');
  if (existsSync(escashop)) files.push(...readdirSync(escashop).filter((f) => /\.ya?ml$/.test(f)).map((f) => `fixtures/escashop/${f}`));
  return files;
}

describe('Microsoft SARIF Multitool (GitHub and SARIF rules)', () => {
  it('finds no errors and no unaccepted warnings in the SARIF of real lint results', async () => {
    // With fixes, as the CLI lints for SARIF: results carry `fixes` (docs/fixes.md).
    const result = await lint([...composeFiles(), 'does-not-exist.yml'], { cwd: PACKAGE_ROOT, fix: true });
    expect(result.findings.length).toBeGreaterThan(3);
    expect(result.findings.some((f) => f.related.length > 0)).toBe(true);
    const sarif = formatSarif(result, formatContext(PACKAGE_ROOT));
    expect(sarifSchemaErrors(JSON.parse(sarif))).toEqual([]);
    expect(sarif).toContain('"relatedLocations"');
    expect(sarif).toContain('"uri": "file:///');
    expect(sarif).toContain('"fixes"');
    expect(sarif).toContain('"artifactChanges"');
    const run = multitool(sarif);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/: 0 errors, \d+ warnings, 0 notes; valid\n$/);
    expect(run.status).toBe(0);
  });

  it('accepts a run cut to the result limit, with its notification', () => {
    const findings: Finding[] = Array.from({ length: 4 }, (_, i) => ({
      ruleId: 'compose/healthcheck',
      severity: i === 3 ? 'error' : 'info',
      message: 'same message',
      file: 'docker-compose.yml',
      range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 4 } },
      related: [],
    }));
    const log = sarifLog({ findings }, formatContext(PACKAGE_ROOT), { maxResults: 2 });
    expect(log.runs[0]!.results).toHaveLength(2);
    const run = multitool(`${JSON.stringify(log, null, 2)}\n`);
    expect(run.stdout).toMatch(/: 0 errors, \d+ warnings, 0 notes; valid\n$/);
    expect(run.status).toBe(0);
  });

  it('fails on what GitHub would reject: a driver without rules', () => {
    const bad = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [{ tool: { driver: { name: 'escashop-lint', version: '0.1.0' } }, results: [] }] };
    const run = multitool(JSON.stringify(bad));
    expect(run.stdout).toMatch(/^error GH1018 .*'rules' array/m);
    expect(run.stdout).toMatch(/1 errors, \d+ warnings, 0 notes; 1 failing\n$/);
    expect(run.status).toBe(1);
  });
});
