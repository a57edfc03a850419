import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.js';

interface SarifRun {
  tool: { driver: { rules: { id: string; helpUri?: string; shortDescription: { text: string }; properties?: Record<string, unknown> }[] } };
  results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[];
}

describe('policies through the command line', () => {
  const args = ['--config', '.escashoprc.example.json', 'fixtures/escashop/docker-compose.prod.yml'];

  it('SARIF: a descriptor for each policy, and results at their exact places', () => {
    const run = runCli([...args, '--format', 'sarif']);
    expect(run.stderr).toBe('');
    const sarif = JSON.parse(run.stdout) as { runs: SarifRun[] };
    const { driver } = sarif.runs[0]!.tool;
    const bcrypt = driver.rules.find((r) => r.id === 'escashop/bcrypt-rounds');
    expect(bcrypt).toMatchObject({
      shortDescription: { text: 'The API hashes passwords with at least 12 bcrypt rounds in production.' },
      helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
    });
    expect(bcrypt!.properties).toMatchObject({ 'security-severity': '6.5' });
    const results = sarif.runs[0]!.results.filter((r) => r.ruleId.startsWith('escashop/'));
    expect(results.map((r) => `${r.ruleId} ${r.level} ${r.locations[0]!.physicalLocation.region.startLine}:${r.locations[0]!.physicalLocation.region.startColumn}`)).toEqual([
      'escashop/bcrypt-rounds error 18:5',
      'escashop/password-min-length error 18:5',
      'escashop/jwt-expiry warning 28:23',
      'escashop/no-placeholder-domains warning 29:21',
      'escashop/no-placeholder-domains warning 31:19',
      'escashop/no-placeholder-domains warning 33:19',
    ]);
  });

  it('--quiet keeps the policies at error level, in the JSON report like any finding', () => {
    const run = runCli([...args, '--quiet', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { results: { ruleId: string; severity: string; file: string; line: number; column: number }[] };
    const findings = report.results.filter((f) => f.ruleId.startsWith('escashop/'));
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual([
      'error escashop/bcrypt-rounds fixtures/escashop/docker-compose.prod.yml:18:5',
      'error escashop/password-min-length fixtures/escashop/docker-compose.prod.yml:18:5',
    ]);
  });
});
