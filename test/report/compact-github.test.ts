import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { LintResult } from '../../src/lint.js';
import { formatCompact } from '../../src/report/compact.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { runCli, tempProject } from '../cli/run.js';
import { formatContext } from './helpers.js';
import { ESLINT_COMPACT } from './problem-matchers.js';

function finding(severity: Finding['severity'], line: number, message = 'service "api" has no healthcheck (it never turns healthy)'): Finding {
  return { ruleId: 'compose/healthcheck', severity, message, file: 'deploy/compose.yaml', range: { start: { line, column: 3 }, end: { line, column: 6 } }, related: [] };
}
const result = (findings: Finding[]): LintResult => ({ files: [{ file: 'deploy/compose.yaml', findings }], findings });

describe('--format compact', () => {
  const cwd = '/work/project';

  it('writes lines that VS Code\'s $eslint-compact matcher reads back exactly, parentheses in the message included', () => {
    const out = formatCompact(result([finding('error', 4), finding('warning', 9), finding('info', 12)]), formatContext(cwd));
    const lines = out.split('\n');
    expect(lines.slice(3)).toEqual(['', '3 problems', '']);
    expect(lines.slice(0, 3).map((line) => ESLINT_COMPACT.exec(line)!.slice(1))).toEqual(
      ['Error', 'Warning', 'Info'].map((severity, i) => [path.join(cwd, 'deploy/compose.yaml'), String([4, 9, 12][i]), '3', severity, 'service "api" has no healthcheck (it never turns healthy)', 'compose/healthcheck']),
    );
  });

  it('prints nothing without findings', () => {
    expect(formatCompact(result([]), formatContext(cwd))).toBe('');
  });

  it('is what the command line prints, and never a secret', () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  api:\n    image: example/api:1.4.2\n    environment:\n      DB_PASSWORD: hunter2-prod-secret\n' });
    const run = runCli(['--no-config', '--format', 'compact', 'compose.yaml'], { cwd: dir });
    expect(run.status).toBe(1);
    const secret = run.stdout.split('\n').find((l) => l.includes('no-plaintext-secrets'))!;
    expect(ESLINT_COMPACT.exec(secret)!.slice(1, 5)).toEqual([path.join(dir, 'compose.yaml'), '5', '20', 'Error']);
    expect(run.stdout).not.toContain('hunter2');
  });
});

describe('--format github', () => {
  it('escapes messages and properties as the Actions runner unescapes them', () => {
    expect(escapeData('50% of\r\nit: a, b')).toBe('50%25 of%0D%0Ait: a, b');
    expect(escapeProperty('dir,x/a:b.yml')).toBe('dir%2Cx/a%3Ab.yml');
  });

  it('makes one annotation per finding, with its range and rule id as title', () => {
    const f = { ...finding('warning', 4, 'a: b, 100%'), file: 'a,b/compose.yaml' };
    expect(formatGithub(result([f, { ...finding('info', 7), range: { start: { line: 7, column: 3 }, end: { line: 9, column: 1 } } }]), formatContext('/x'))).toBe(
      '::warning file=a%2Cb/compose.yaml,line=4,endLine=4,col=3,endColumn=6,title=compose/healthcheck::a: b, 100%25\n' +
        '::notice file=deploy/compose.yaml,line=7,endLine=9,col=3,title=compose/healthcheck::service "api" has no healthcheck (it never turns healthy)\n',
    );
  });

  it('annotates 10 findings of each kind, prints the rest as log lines and says how many', () => {
    const findings = [...Array.from({ length: 12 }, (_, i) => finding('error', i + 1)), finding('warning', 20)];
    const lines = formatGithub(result(findings), formatContext('/x')).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(10);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(1);
    expect(lines).toContain('deploy/compose.yaml:11:3: error: service "api" has no healthcheck (it never turns healthy) (compose/healthcheck)');
    expect(lines.at(-1)).toBe('::notice title=escashop-lint::2 more findings than GitHub annotates from one step (10 of each kind) are listed in the log above; upload SARIF to see them all');
  });
});
