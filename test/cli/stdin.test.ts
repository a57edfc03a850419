import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './run.js';

const PROD = 'services:\n  api:\n    image: example/api:1.4.2\n    environment:\n      DB_PASSWORD: hunter2-prod-secret\n';

describe('- lints standard input', () => {
  const dir = tempProject({ 'deploy/.env': 'TAG=1.4.2\n', 'deploy/docker-compose.yml': 'services: {}\n' });

  it('as the file --stdin-filename names: its name in findings, its folder the project directory, the file on disk unread', () => {
    const run = runCli(['--no-config', '--format', 'json', '-', '--stdin-filename', 'deploy/docker-compose.yml'], { cwd: dir, input: PROD.replace('1.4.2', '${TAG}') });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const results = (JSON.parse(run.stdout) as { results: { ruleId: string; file: string; line: number; column: number }[] }).results;
    expect(new Set(results.map((r) => r.file))).toEqual(new Set(['deploy/docker-compose.yml']));
    // ${TAG} is set by deploy/.env, so nothing is unset; the secret is at line 5, column 20.
    expect(results.some((r) => r.ruleId === 'compose/unset-variable')).toBe(false);
    expect(results.find((r) => r.ruleId === 'compose/no-plaintext-secrets')).toMatchObject({ line: 5, column: 20 });
    expect(run.stdout).not.toContain('hunter2');
  });

  it('takes the kind from --stdin-filename, or from the text without one', () => {
    const named = runCli(['--no-config', '--format', 'compact', '-', '--stdin-filename', 'redis.conf'], { cwd: dir, input: 'requirepass Tr0ub4dor\n' });
    expect(named.stdout).toContain('(redis/password-strength)');
    const unnamed = runCli(['--no-config', '-'], { cwd: dir, input: 'bind 0.0.0.0\nmaxmemory 1gb\n' });
    expect(unnamed.stdout).toMatch(/^<stdin>\n/);
    expect(unnamed.stdout).toContain('redis/auth-required');
  });

  it('checks the bytes as a file read from disk: binary input is a core/input finding with its place', () => {
    const run = runCli(['--no-config', '--format', 'compact', '-'], { cwd: dir, input: new Uint8Array([0x73, 0x0a, 0x00]) });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('<stdin>: line 2, col 1, Error - binary file (NUL byte at offset 2), not a text file (core/input)');
  });

  it('is a usage error together with other paths, and --stdin-filename without -', () => {
    expect(runCli(['-', 'compose.yaml'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: - (standard input) is linted alone; give no other path with it\n' });
    expect(runCli(['--stdin-filename', 'x.yml', 'compose.yaml'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --stdin-filename names the file standard input stands for; give - as the path\n' });
  });
});
