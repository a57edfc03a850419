import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../../src/report/index.js';
import { BIN, runCli, tempProject } from './run.js';

/** A production file where each of `count` services publishes a port: thousands of findings. */
function manyServices(count: number): string {
  const lines = ['# generated: one finding-heavy service after another', 'services:'];
  for (let i = 0; i < count; i++) lines.push(`  app-${i}:`, `    image: example/app:1.0.${i}`, '    ports:', `      - "${10000 + i}:8080"`);
  return `${lines.join('\n')}\n`;
}

const SERVICES = 2000;
const dir = tempProject({ 'docker-compose.yml': manyServices(SERVICES) });

describe('a large report through a pipe', () => {
  it('arrives whole as text', () => {
    const run = runCli(['docker-compose.yml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.length).toBeGreaterThan(64 * 1024 * 4);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('docker-compose.yml');
    const findings = lines.filter((l) => /^ {2}\d+:\d+ +(error|warning|info) /.test(l));
    const summary = /^✖ (\d+) problems \(\d+ errors, \d+ warnings, \d+ info\) in 1 file(?:; \d+ potentially fixable with --fix.*)?$/.exec(lines.at(-2)!);
    expect(summary).not.toBeNull();
    expect(findings).toHaveLength(Number(summary![1]));
    expect(findings.filter((l) => l.endsWith(' compose/ingress-only-ports'))).toHaveLength(SERVICES);
    expect(lines.at(-1)).toBe('');
  });

  it.runIf('json' in FORMATTERS)('arrives whole as JSON and parses', () => {
    const run = runCli(['--format', 'json', 'docker-compose.yml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.length).toBeGreaterThan(64 * 1024 * 4);
    const report = JSON.parse(run.stdout) as { results: { ruleId: string; line: number }[]; summary: { errors: number; warnings: number; infos: number } };
    const { errors, warnings, infos } = report.summary;
    expect(report.results).toHaveLength(errors + warnings + infos);
    const ports = report.results.filter((r) => r.ruleId === 'compose/ingress-only-ports');
    expect(ports).toHaveLength(SERVICES);
    expect(ports.at(-1)!.line).toBe(2 + SERVICES * 4);
  });

  it('a reader that goes away early does not crash the tool', async () => {
    const child = spawn(process.execPath, [BIN, 'docker-compose.yml'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });
});
