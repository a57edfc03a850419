import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { Finding } from '../src/findings/finding.js';
import { lint } from '../src/lint.js';
import { PACKAGE_ROOT } from '../src/package-info.js';
import { sarifLog } from '../src/report/sarif.js';
import { formatContext } from './report/helpers.js';
import { SEED_RULES } from './seed-rules.js';

/**
 * The stacks of the notes escashop-lint started from (fixtures/escashop/), linted with every
 * built-in rule. For the six checks the product was specified with, every finding is listed:
 * severity, rule id, line and column. Other rules may add findings of their own; they are not
 * asserted here. No file may have a core/* finding: they are all valid compose.
 */

const summary = (f: Finding) => `${f.severity} ${f.ruleId} ${f.range.start.line}:${f.range.start.column}`;

/** The config files each production stack mounts into nginx, postgres and redis, which are read with it. */
const MOUNTED: Record<string, string[]> = {
  'docker-compose.prod.yml': ['nginx/nginx.conf', 'nginx/conf.d/escashop-http.conf'],
  'docker-compose.prod.improved.yml': [
    'nginx/nginx.conf',
    'nginx/conf.d/escashop-https.conf',
    'database/production/config/postgresql.conf',
    'config/redis/redis-prod.conf',
  ],
};

async function lintFixture(name: string): Promise<Finding[]> {
  const result = await lint([`fixtures/escashop/${name}`], { cwd: PACKAGE_ROOT });
  expect(result.files.map((f) => f.file)).toEqual([name, ...(MOUNTED[name] ?? [])].map((file) => `fixtures/escashop/${file}`));
  expect(result.findings.filter((f) => f.ruleId.startsWith('core/')).map((f) => `${summary(f)} ${f.message}`)).toEqual([]);
  return result.findings;
}

async function seedFindings(name: string): Promise<string[]> {
  return (await lintFixture(name)).filter((f) => SEED_RULES.includes(f.ruleId)).map(summary);
}

it('all six seed rules are registered', () => {
  expect(SEED_RULES.filter((id) => !rules.some((r) => r.meta.id === id))).toEqual([]);
});

describe('docker-compose.prod.yml: production before hardening', () => {
  it('has exactly these findings', async () => {
    expect(await seedFindings('docker-compose.prod.yml')).toEqual([
      // backend: user: root, published API port, secrets in its environment
      'error compose/cap-drop-all 9:3',
      'error compose/resource-limits 9:3',
      'error compose/non-root-user 17:11', // user: root
      'error compose/no-plaintext-secrets 22:48', // the password in DATABASE_URL of the external database
      'error compose/no-plaintext-secrets 25:23', // REDIS_PASSWORD
      'error compose/no-plaintext-secrets 26:19', // JWT_SECRET
      'error compose/no-plaintext-secrets 27:27', // JWT_REFRESH_SECRET
      'error compose/no-plaintext-secrets 34:23', // EMAIL_PASSWORD
      'error compose/ingress-only-ports 36:9', // "5000:5000"
      // frontend: nothing set at all
      'error compose/cap-drop-all 48:3',
      'warning compose/healthcheck 48:3',
      'error compose/non-root-user 48:3',
      'error compose/resource-limits 48:3',
      'error compose/ingress-only-ports 60:9', // "3000:80"
      // redis: password on its command line and in its healthcheck, port published
      'error compose/cap-drop-all 64:3',
      'error compose/non-root-user 64:3',
      'error compose/resource-limits 64:3',
      'error compose/no-plaintext-secrets 68:41', // --requirepass <password>
      'error compose/ingress-only-ports 70:9', // "6379:6379"
      'error compose/no-plaintext-secrets 74:41', // redis-cli -a <password>
      // nginx: the ingress may publish port 80, but it runs as root with no limits and no healthcheck
      'error compose/cap-drop-all 79:3',
      'warning compose/healthcheck 79:3',
      'error compose/non-root-user 79:3',
      'error compose/resource-limits 79:3',
    ]);
  });

  it('trips every one of the six rules', async () => {
    const ids = new Set((await lintFixture('docker-compose.prod.yml')).map((f) => f.ruleId));
    expect(SEED_RULES.filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('docker-compose.prod.improved.yml: production after hardening', () => {
  it('trips none of the six rules', async () => {
    expect(await seedFindings('docker-compose.prod.improved.yml')).toEqual([]);
  });
});

describe('docker-compose.dev.yml: the original development stack', () => {
  // In dev only plaintext secrets are reported (as warnings): published ports, root, no limits and
  // no cap_drop are what a development stack is for.
  it('has exactly these findings', async () => {
    expect(await seedFindings('docker-compose.dev.yml')).toEqual([
      'warning compose/no-plaintext-secrets 17:26', // POSTGRES_PASSWORD
      'warning compose/no-plaintext-secrets 35:41', // redis-server --requirepass <password>
      'warning compose/no-plaintext-secrets 41:41', // redis-cli -a <password>
      'warning compose/no-plaintext-secrets 61:43', // the password in DATABASE_URL
      'warning compose/no-plaintext-secrets 62:27', // the password in REDIS_URL
      'warning compose/no-plaintext-secrets 63:19', // JWT_SECRET
      'warning compose/no-plaintext-secrets 64:27', // JWT_REFRESH_SECRET
    ]);
  });
});

describe('docker-compose.dev.improved.yml: the improved development stack', () => {
  it('has exactly these findings', async () => {
    expect(await seedFindings('docker-compose.dev.improved.yml')).toEqual([
      'warning compose/no-plaintext-secrets 18:26', // POSTGRES_PASSWORD
      // --requirepass inside a folded (`>`) command: a value spread over lines maps back to the whole scalar
      'warning compose/no-plaintext-secrets 48:14',
      'warning compose/no-plaintext-secrets 59:41', // redis-cli -a <password>
      'warning compose/no-plaintext-secrets 89:43', // the password in DATABASE_URL
      'warning compose/no-plaintext-secrets 90:27', // the password in REDIS_URL
      'warning compose/no-plaintext-secrets 91:19', // JWT_SECRET
      'warning compose/no-plaintext-secrets 92:27', // JWT_REFRESH_SECRET
      'warning compose/no-plaintext-secrets 184:33', // PGADMIN_DEFAULT_PASSWORD of the pgAdmin tool
    ]);
  });
});

/** The checks of the configs the stacks mount, and of those configs against the compose file. */
const CONFIG_RULE = /^(?:nginx|redis|postgres|cross)\//;
const located = (f: Finding) => `${f.severity} ${f.ruleId} ${f.file.replace('fixtures/escashop/', '')}:${f.range.start.line}:${f.range.start.column}`;

describe('the nginx, redis and postgres configs of the production stacks, read through their services', () => {
  // Both stacks pass every cross/ rule: nginx's upstreams are services on its networks at the ports
  // they declare, the TLS files and configs mounted are read, redis and postgres get their passwords
  // from the secrets their clients read, memory settings fit the limits, healthchecks probe the ports
  // the configs listen on. What is left is in the configs themselves, or in the compose command line
  // that configures redis; nginx findings point into the nginx files.
  it('docker-compose.prod.yml: exactly these findings', async () => {
    const findings = (await lintFixture('docker-compose.prod.yml')).filter((f) => CONFIG_RULE.test(f.ruleId));
    expect(findings.map(located)).toEqual([
      // redis, configured on its command line: no maxmemory, a short password, FLUSHALL and CONFIG open
      'warning redis/maxmemory-set docker-compose.prod.yml:64:3',
      'error redis/dangerous-commands docker-compose.prod.yml:68:29',
      'error redis/password-strength docker-compose.prod.yml:68:41',
      // the HTTP-only site, published on port 80
      'warning nginx/rate-limiting nginx/conf.d/escashop-http.conf:11:1',
      'warning nginx/security-headers nginx/conf.d/escashop-http.conf:11:1',
      'warning nginx/host-header-spoofing nginx/conf.d/escashop-http.conf:19:31', // Host $host in the catch-all server
      'info nginx/proxy-forward-headers nginx/conf.d/escashop-http.conf:27:9',
      'info nginx/proxy-forward-headers nginx/conf.d/escashop-http.conf:36:9',
      'info nginx/proxy-forward-headers nginx/conf.d/escashop-http.conf:41:9',
      'warning nginx/server-tokens-off nginx/nginx.conf:17:1',
    ]);
  });

  it('docker-compose.prod.improved.yml: exactly these findings', async () => {
    const findings = (await lintFixture('docker-compose.prod.improved.yml')).filter((f) => CONFIG_RULE.test(f.ruleId));
    expect(findings.map(located)).toEqual([
      'info postgres/logging database/production/config/postgresql.conf:23:19', // log_line_prefix without the client host
      'warning postgres/hba-address-scope docker-compose.prod.improved.yml:188:3', // the image's "host all all all"
      'error redis/dangerous-commands docker-compose.prod.improved.yml:233:14',
      'warning nginx/rate-limiting nginx/conf.d/escashop-https.conf:38:1',
      // no default_server on 8443: the TLS site answers every host name
      'warning nginx/default-server-reject nginx/conf.d/escashop-https.conf:39:12',
      'warning nginx/host-header-spoofing nginx/conf.d/escashop-https.conf:61:27',
    ]);
  });

  it('in SARIF, an nginx finding is in the nginx file, with the compose port that publishes the server as a related location', async () => {
    for (const [stack, site, server, published] of [
      ['docker-compose.prod.yml', 'nginx/conf.d/escashop-http.conf', 11, '"80:80"'],
      ['docker-compose.prod.improved.yml', 'nginx/conf.d/escashop-https.conf', 38, '"443:8443"'],
    ] as const) {
      const result = await lint([`fixtures/escashop/${stack}`], { cwd: PACKAGE_ROOT });
      const log = sarifLog(result, formatContext(PACKAGE_ROOT));
      const found = log.runs[0]!.results!.find((r) => r.ruleId === 'nginx/rate-limiting')!;
      expect(found.locations![0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: `fixtures/escashop/${site}` }, region: { startLine: server, startColumn: 1 } });
      const line = readFileSync(path.join(PACKAGE_ROOT, 'fixtures/escashop', stack), 'utf8').split('\n').findIndex((l) => l.includes(`- ${published}`)) + 1;
      expect(line).toBeGreaterThan(0);
      expect(found.relatedLocations![0]).toMatchObject({
        physicalLocation: { artifactLocation: { uri: `fixtures/escashop/${stack}` }, region: { startLine: line, startColumn: 9 } },
        message: { text: expect.stringMatching(/^service "nginx" publishes .*\b443\b|^service "nginx" publishes port 80 to the host$/) },
      });
    }
  });
});
