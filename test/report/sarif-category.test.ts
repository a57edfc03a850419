import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { sarifAutomationId, sarifLog } from '../../src/report/sarif.js';
import { ONE_ERROR, runCli, tempProject } from '../cli/run.js';
import { formatContext, sarifSchemaErrors, tempDir } from './helpers.js';

const finding = {
  ruleId: 'compose/healthcheck',
  severity: 'warning' as const,
  message: 'service "api" has no healthcheck',
  file: 'deploy/compose.yaml',
  range: { start: { line: 4, column: 3 }, end: { line: 4, column: 6 } },
  related: [],
};

describe('--sarif-category', () => {
  it('makes the run\'s automationDetails.id the category with a closing "/", the id upload-sarif derives from the same category', () => {
    expect(sarifAutomationId('compose/prod')).toBe('compose/prod/');
    expect(sarifAutomationId('escashop-lint')).toBe('escashop-lint/');
    // Already a category (it ends with "/"): kept, never doubled.
    expect(sarifAutomationId('compose/prod/')).toBe('compose/prod/');
  });

  it('sets runs[0].automationDetails.id only when a category is given', () => {
    const withCategory = sarifLog({ findings: [finding] }, formatContext('/x', { sarifCategory: 'compose/prod' }));
    expect(withCategory.runs[0]!.automationDetails).toEqual({ id: 'compose/prod/' });
    expect(sarifSchemaErrors(withCategory)).toEqual([]);
    const without = sarifLog({ findings: [finding] }, formatContext('/x'));
    expect(without.runs[0]).not.toHaveProperty('automationDetails');
  });

  it('is written by the command line, and passes the SARIF Multitool with the GitHub and SARIF rules', () => {
    const dir = tempProject({ 'docker-compose.prod.yml': ONE_ERROR });
    const run = runCli(['--no-config', '--format', 'sarif', '--sarif-category', 'compose/prod', '-o', 'out.sarif', 'docker-compose.prod.yml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const log = JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8'));
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].automationDetails).toEqual({ id: 'compose/prod/' });
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('compose/non-root-user');

    const file = path.join(tempDir(), 'category.sarif');
    writeFileSync(file, readFileSync(path.join(dir, 'out.sarif')));
    const multitool = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'scripts/sarif-multitool.mjs'), file], { encoding: 'utf8', cwd: PACKAGE_ROOT });
    expect(multitool.stderr).toBe('');
    expect(multitool.stdout).toMatch(/: 0 errors, \d+ warnings, 0 notes; valid\n$/);
    expect(multitool.status).toBe(0);
  });

  it.each([
    [['--sarif-category', 'compose', 'x.yml'], '--sarif-category applies to --format sarif, not text'],
    [['--format', 'json', '--sarif-category', 'compose', 'x.yml'], '--sarif-category applies to --format sarif, not json'],
    [['--format', 'sarif', '--sarif-category', ' ', 'x.yml'], '--sarif-category needs a name, e.g. --sarif-category compose/prod'],
    [['--format', 'sarif', '--sarif-category'], "Option '--sarif-category <value>' argument missing"],
  ])('%j is a one-line usage error, exit 2', (args, message) => {
    const run = runCli(['--no-config', ...args]);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`escashop-lint: ${message}\n`);
    expect(run.status).toBe(2);
  });
});
