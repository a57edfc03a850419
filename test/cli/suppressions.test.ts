import { describe, expect, it } from 'vitest';
import { ONE_WARNING, runCli, tempProject } from './run.js';

/** A prod file whose only finding is `worker`'s missing healthcheck (at 3:3), with a directive comment on line 2. */
function stack(directive: string): string {
  return ONE_WARNING.replace('services:\n', `services:\n${directive}\n`);
}

describe('inline suppressions on the command line', () => {
  it('a directive above the service key hides its finding and the summary counts it; exit 0', () => {
    const cwd = tempProject({ 'docker-compose.prod.yml': stack('  # escashop-lint-disable-next-line compose/healthcheck -- runs once') });
    const plain = runCli(['docker-compose.prod.yml'], { cwd });
    expect(plain.stderr).toBe('');
    expect(plain.stdout).not.toContain('compose/healthcheck');
    expect(plain.stdout.trimEnd().split('\n').at(-1)).toMatch(/; 1 suppressed$/);
    expect(plain.status).toBe(0);
  });

  it('an unknown rule in a directive is a core/directive error at its line and column: exit 1', () => {
    const cwd = tempProject({ 'docker-compose.prod.yml': stack('  # escashop-lint-disable-next-line compose/helthcheck') });
    const run = runCli(['--format', 'compact', 'docker-compose.prod.yml'], { cwd });
    expect(run.stdout).toContain(
      'line 2, col 37, Error - unknown rule "compose/helthcheck" in escashop-lint-disable-next-line (did you mean "compose/healthcheck"?) (core/directive)',
    );
    // The directive suppresses nothing: the finding it meant to hide is reported too.
    expect(run.stdout).toMatch(/line 3, col 3, Warning - service "worker" has no healthcheck/);
    expect(run.status).toBe(1);
  });

  it('a misspelt directive is a core/directive error: exit 1', () => {
    const cwd = tempProject({ 'docker-compose.prod.yml': stack('  # escashop-lint-disable-nextline compose/healthcheck') });
    const run = runCli(['--format', 'compact', 'docker-compose.prod.yml'], { cwd });
    expect(run.stdout).toContain('line 2, col 5, Error - unknown directive "escashop-lint-disable-nextline" (did you mean "escashop-lint-disable-next-line"?)');
    expect(run.status).toBe(1);
  });

  it('--report-unused-disable-directives warns about a directive that suppressed nothing, at the rule id', () => {
    const cwd = tempProject({ 'docker-compose.prod.yml': stack('  # escashop-lint-disable-next-line compose/healthcheck, compose/no-privileged') });
    const quiet = runCli(['--format', 'compact', 'docker-compose.prod.yml'], { cwd });
    expect(quiet.stdout).toBe('');
    expect(quiet.status).toBe(0);
    const run = runCli(['--format', 'compact', '--report-unused-disable-directives', 'docker-compose.prod.yml'], { cwd });
    expect(run.stdout.split('\n')[0]).toBe(`${cwd}/docker-compose.prod.yml: line 2, col 58, Warning - unused escashop-lint-disable-next-line: no "compose/no-privileged" finding on line 3 (core/unused-directive)`);
    expect(run.status).toBe(0);
    expect(runCli(['--report-unused-disable-directives', '--max-warnings', '0', 'docker-compose.prod.yml'], { cwd }).status).toBe(1);
  });

  it('a directive for a rule that is off in the environment is unused', () => {
    // compose/healthcheck is off in dev: nothing to suppress there.
    const cwd = tempProject({ 'docker-compose.dev.yml': stack('  # escashop-lint-disable-next-line compose/healthcheck') });
    const run = runCli(['--format', 'compact', '--report-unused-disable-directives', 'docker-compose.dev.yml'], { cwd });
    expect(run.stdout).toContain('line 2, col 37, Warning - unused escashop-lint-disable-next-line: no "compose/healthcheck" finding on line 3');
  });

  it('--sarif-include-suppressed writes suppressed results; it applies to --format sarif only', () => {
    const cwd = tempProject({ 'docker-compose.prod.yml': stack('  # escashop-lint-disable-next-line compose/healthcheck -- runs once') });
    const without = JSON.parse(runCli(['--format', 'sarif', 'docker-compose.prod.yml'], { cwd }).stdout);
    expect(without.runs[0].results).toEqual([]);
    const run = runCli(['--format', 'sarif', '--sarif-include-suppressed', 'docker-compose.prod.yml'], { cwd });
    const [result] = JSON.parse(run.stdout).runs[0].results;
    expect(result.ruleId).toBe('compose/healthcheck');
    expect(result.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'runs once', location: { physicalLocation: { artifactLocation: { uri: 'docker-compose.prod.yml' }, region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 36 } } } },
    ]);
    expect(run.status).toBe(0);
    const misuse = runCli(['--sarif-include-suppressed', 'docker-compose.prod.yml'], { cwd });
    expect(misuse.stderr).toBe('escashop-lint: --sarif-include-suppressed applies to --format sarif, not text\n');
    expect(misuse.status).toBe(2);
  });

  it('an nginx config linted on its own: a directive suppresses a finding in it', () => {
    const nginx = ['events {}', 'http {', '    server_tokens on; # escashop-lint-disable-line nginx/server-tokens-off -- internal only', '}', ''].join('\n');
    const cwd = tempProject({ 'nginx.conf': nginx });
    const run = runCli(['--format', 'json', 'nginx.conf'], { cwd });
    const report = JSON.parse(run.stdout);
    expect(report.results.map((r: { ruleId: string }) => r.ruleId)).not.toContain('nginx/server-tokens-off');
    expect(report.suppressed.map((s: { ruleId: string; line: number; suppression: { line: number; column: number } }) => `${s.ruleId} ${s.line} ${s.suppression.line}:${s.suppression.column}`)).toEqual([
      'nginx/server-tokens-off 3 3:25',
    ]);
  });

  it('a suppressed secret stays masked in the code frame of another finding on its line', () => {
    const secret = 'Sup3r-s3cret-Passw0rd!x';
    const compose = ONE_WARNING.replace('    image: example/worker:1.4.2\n', `    image: example/worker:1.4.2\n    environment:\n      DB_PASSWORD: ${secret} # escashop-lint-disable-line compose/no-plaintext-secrets, compose/nope\n`);
    const cwd = tempProject({ 'docker-compose.prod.yml': compose });
    const run = runCli(['--code-frame', 'docker-compose.prod.yml'], { cwd });
    expect(run.stdout).toContain('unknown rule "compose/nope" in escashop-lint-disable-line');
    expect(run.stdout).toContain(`DB_PASSWORD: ${'*'.repeat(secret.length)} # escashop-lint-disable-line`);
    expect(run.stdout).not.toContain(secret);
    expect(run.status).toBe(1);
  });
});
