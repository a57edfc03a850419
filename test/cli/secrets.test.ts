import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { FORMATTERS } from '../../src/report/index.js';
import { runCli, tempProject } from './run.js';

const hasSecretsRule = rules.some((r) => r.meta.id === 'compose/no-plaintext-secrets');

/** Every secret of PROD, each in a different place a secret can be written. */
const SECRETS = [
  'Kq81-oneliner-secret',
  'Kq82-envmap-secret',
  'Kq83-url-secret',
  'Kq84-label-secret',
  'Kq85-command-secret',
  'Kq86-healthcheck-secret',
  'Kq87-envlist-secret',
  'Kq88-buildarg-secret',
];

const PROD = `services:
  api: {image: "example/api:1.4.2", environment: {JWT_SECRET: Kq81-oneliner-secret}}
  db:
    image: postgres:16.3
    environment:
      POSTGRES_PASSWORD: Kq82-envmap-secret
      DATABASE_URL: postgres://app:Kq83-url-secret@db:5432/app
    labels:
      - "com.example.api-token=Kq84-label-secret"
  cache:
    image: redis:7.2
    command: redis-server --requirepass Kq85-command-secret
    healthcheck:
      test: ["CMD", "redis-cli", "-a", "Kq86-healthcheck-secret", "ping"]
    environment:
      - REDIS_PASSWORD=Kq87-envlist-secret
  web:
    build:
      context: .
      args:
        NPM_TOKEN: Kq88-buildarg-secret
`;

/** In dev a plaintext secret is a warning; the misspelt key is a schema error on the same line. */
const DEV = `services:
  api: {image: "example/api:1.4.2", environment: {JWT_SECRET: Kq89-dev-secret}, enviroment: {}}
`;

const dir = tempProject({ 'docker-compose.yml': PROD, 'docker-compose.dev.yml': DEV });

const FORMAT_RUNS: string[][] = [[], ['--code-frame'], ['--code-frame', '--color'], ...['json', 'sarif', 'github', 'compact'].filter((f) => f in FORMATTERS).flatMap((f) => [['--format', f], ['--format', f, '--code-frame']])];

describe.runIf(hasSecretsRule)('no output shows a secret', () => {
  it.runIf('json' in FORMATTERS)('the file has a finding for every secret', () => {
    const run = runCli(['--format', 'json', 'docker-compose.yml'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { results: { ruleId: string; line: number }[] };
    const lines = report.results.filter((r) => r.ruleId === 'compose/no-plaintext-secrets').map((r) => r.line);
    expect(lines).toEqual([2, 6, 7, 9, 12, 14, 16, 21]);
  });

  for (const flags of FORMAT_RUNS) {
    it(flags.length === 0 ? 'text' : flags.join(' '), () => {
      const run = runCli([...flags, 'docker-compose.yml'], { cwd: dir });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('compose/no-plaintext-secrets');
      for (const secret of SECRETS) expect(run.stdout).not.toContain(secret);
      expect(run.stdout).not.toContain('Kq8');
    });
  }

  it('--code-frame shows the lines with the secrets masked', () => {
    const { stdout } = runCli(['--code-frame', 'docker-compose.yml'], { cwd: dir });
    expect(stdout).toContain('    6 |       POSTGRES_PASSWORD: ******************\n');
    expect(stdout).toContain('    7 |       DATABASE_URL: postgres://app:***************@db:5432/app\n');
    expect(stdout).toContain('    12 |     command: redis-server --requirepass *******************\n');
    // the other findings about service "api" show the same line: its secret is masked there too
    const apiFrames = stdout.split('\n').filter((l) => l.startsWith('    2 | '));
    expect(apiFrames.length).toBeGreaterThan(1);
    for (const frame of apiFrames) expect(frame).toBe('    2 |   api: {image: "example/api:1.4.2", environment: {JWT_SECRET: ********************}}');
  });

  it('-o writes the same masked report', () => {
    runCli(['--code-frame', '-o', 'report.txt', 'docker-compose.yml'], { cwd: dir });
    const written = readFileSync(path.join(dir, 'report.txt'), 'utf8');
    expect(written).toContain('POSTGRES_PASSWORD: ******************');
    for (const secret of SECRETS) expect(written).not.toContain(secret);
  });

  it('a secret whose finding --quiet hides is still masked in the frames of the others', () => {
    const run = runCli(['--quiet', '--code-frame', 'docker-compose.dev.yml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('core/schema');
    expect(run.stdout).not.toContain('compose/no-plaintext-secrets');
    expect(run.stdout).toContain('JWT_SECRET: ***************}');
    expect(run.stdout).not.toContain('Kq89-dev-secret');
  });
});
