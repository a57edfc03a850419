import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { hostProject } from '../host-project.js';
import { configPolicies, line } from './helpers.js';
import { policyRules } from '../../src/policies/index.js';

/**
 * The example configuration's policies (the origin notes' rules) on the EscaShop stacks: they fire on
 * the production stack that first went live and on nothing of the hardened one.
 */
const EXAMPLE = '.escashoprc.example.json';
const stack = (name: string) => path.join('fixtures/escashop', name);

async function policyFindings(file: string): Promise<string[]> {
  const result = await lint([stack(file)], { config: EXAMPLE, cwd: PACKAGE_ROOT });
  return result.findings.filter((f) => f.ruleId.startsWith('escashop/')).map((f) => `${f.severity} ${line(f)}`);
}

describe('the example policies on the seed stacks', () => {
  it('docker-compose.prod.yml: exactly these findings', async () => {
    const file = 'fixtures/escashop/docker-compose.prod.yml';
    expect(await policyFindings('docker-compose.prod.yml')).toEqual([
      `error escashop/bcrypt-rounds 18:5-18:16 ${file} service "backend": environment.BCRYPT_ROUNDS must be set to 12 or more in production; fewer rounds make stolen hashes cheap to crack`,
      `error escashop/password-min-length 18:5-18:16 ${file} service "backend": environment.PASSWORD_MIN_LENGTH is not set; the policy wants it set`,
      `warning escashop/jwt-expiry 28:23-28:26 ${file} service "backend": environment.JWT_EXPIRES_IN is 24h; the policy wants at most 15m`,
      `warning escashop/no-placeholder-domains 29:21-29:48 ${file} service "backend": environment.FRONTEND_URL still holds a placeholder domain (http://escashop.example.com); set the real one`,
      `warning escashop/no-placeholder-domains 31:19-31:35 ${file} service "backend": environment.EMAIL_HOST still holds a placeholder domain (smtp.example.com); set the real one`,
      `warning escashop/no-placeholder-domains 33:19-33:47 ${file} service "backend": environment.EMAIL_USER still holds a placeholder domain (noreply@escashop.example.com); set the real one`,
    ]);
  });

  it('docker-compose.prod.improved.yml: none, with or without .env.production and the profiles', async () => {
    expect(await policyFindings('docker-compose.prod.improved.yml')).toEqual([]);
    const project = await lint([{ files: [stack('docker-compose.prod.improved.yml')], envFiles: [stack('.env.production')], profiles: ['monitoring', 'logging'] }], { config: EXAMPLE, cwd: PACKAGE_ROOT });
    expect(project.findings.filter((f) => f.ruleId.startsWith('escashop/'))).toEqual([]);
  });

  it('the dev stacks: none, since the policies are production-only', async () => {
    expect(await policyFindings('docker-compose.dev.yml')).toEqual([]);
    expect(await policyFindings('docker-compose.dev.improved.yml')).toEqual([]);
  });

  it('the dev stack linted as production would break the production policies', async () => {
    const text = readFileSync(path.join(PACKAGE_ROOT, stack('docker-compose.dev.yml')), 'utf8');
    const dir = hostProject({ files: { 'docker-compose.yml': text } });
    const { policies, source } = configPolicies(readFileSync(path.join(PACKAGE_ROOT, EXAMPLE), 'utf8'), EXAMPLE);
    const result = await lint(['docker-compose.yml'], { cwd: dir, rules: policyRules(policies, source), useConfig: false });
    expect(result.findings.map((f) => `${f.severity} ${line(f)}`)).toEqual([
      'warning escashop/build-target 52:15-52:26 docker-compose.yml service "backend": build.target is development; the policy wants production',
      'error escashop/bcrypt-rounds 57:5-57:16 docker-compose.yml service "backend": environment.BCRYPT_ROUNDS must be set to 12 or more in production; fewer rounds make stolen hashes cheap to crack',
      'error escashop/password-min-length 57:5-57:16 docker-compose.yml service "backend": environment.PASSWORD_MIN_LENGTH is not set; the policy wants it set',
      'error escashop/production-mode 58:17-58:28 docker-compose.yml service "backend": environment.NODE_ENV is development; the policy wants production',
      'error escashop/production-mode 60:18-60:23 docker-compose.yml service "backend": environment.LOG_LEVEL is debug; the policy wants one of info, warn, error',
      'warning escashop/jwt-expiry 65:23-65:26 docker-compose.yml service "backend": environment.JWT_EXPIRES_IN is 24h; the policy wants at most 15m',
      'warning escashop/cors-https 67:21-67:42 docker-compose.yml service "backend": environment.CORS_ORIGINS[0] is http://localhost:3000; in production only https origins may call the API',
      'warning escashop/build-target 91:15-91:26 docker-compose.yml service "frontend": build.target is development; the policy wants production',
      'error escashop/production-mode 96:17-96:28 docker-compose.yml service "frontend": environment.NODE_ENV is development; the policy wants production',
      'warning escashop/memory-limit 121:19-121:21 docker-compose.yml service "frontend": deploy.resources.limits.memory is 6G; the policy wants at most 4g',
    ]);
  });
});

describe('the example policies are rules like the built-in ones', () => {
  it('a rules entry turns one off, and an inline directive suppresses one', async () => {
    const dir = hostProject({
      files: {
        '.escashoprc.json': JSON.stringify({
          extends: ['./example.json'],
          rules: { 'escashop/no-placeholder-domains': 'off', 'escashop/bcrypt-rounds': { prod: 'info' } },
        }),
        'example.json': readFileSync(path.join(PACKAGE_ROOT, EXAMPLE), 'utf8').replace('"extends"', '"_extends"').replace(/"_extends": \[[^\]]*\],/, ''),
        'docker-compose.yml': readFileSync(path.join(PACKAGE_ROOT, stack('docker-compose.prod.yml')), 'utf8').replace('      JWT_EXPIRES_IN: 24h', '      JWT_EXPIRES_IN: 24h # escashop-lint-disable-line escashop/jwt-expiry -- sessions of the kiosk'),
      },
    });
    const result = await lint(['docker-compose.yml'], { cwd: dir });
    expect(result.findings.filter((f) => f.ruleId.startsWith('escashop/')).map((f) => `${f.severity} ${f.ruleId} ${f.range.start.line}:${f.range.start.column}`)).toEqual([
      'info escashop/bcrypt-rounds 18:5',
      'error escashop/password-min-length 18:5',
    ]);
    expect(result.suppressed?.map((s) => `${s.finding.ruleId} ${s.finding.range.start.line}:${s.finding.range.start.column}`)).toEqual(['escashop/jwt-expiry 28:23']);
    expect(result.rules?.map((meta) => meta.id)).toContain('escashop/jwt-expiry');
  });
});
