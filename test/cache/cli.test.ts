import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CACHE_FILE_NAME } from '../../src/cache/store.js';
import { CLEAN, runCli, tempProject } from '../cli/run.js';

/** A clean service and one whose image is `latest` (a warning at 17:27), and a root service (an error at 32:11). */
const COMPOSE = `${CLEAN}  worker:\n${CLEAN.split('\n').slice(2).join('\n').replace('example/api:1.4.2', 'example/worker:latest')}  admin:\n${CLEAN.split('\n').slice(2).join('\n').replace('user: "10001:10001"', 'user: root')}`;
const DEBUG = { ESCASHOP_DEBUG: '1' };

function project(): string {
  return tempProject({ 'package.json': '{"name": "shop"}', 'compose.yaml': COMPOSE, '.env': 'SECRET_KEY=abcdef\n' });
}

const cacheFile = (dir: string) => path.join(dir, 'node_modules', '.cache', 'escashop-lint', CACHE_FILE_NAME);

describe('--cache on the command line', () => {
  test('a second run is a hit, and prints what a run without the cache prints, in every format', () => {
    const dir = project();
    const first = runCli(['--cache', '--format', 'json', 'compose.yaml'], { cwd: dir, env: DEBUG });
    expect(first.stderr).toBe(`escashop-lint: cache miss, not cached yet: ${cacheFile(dir)}\n`);
    expect(first.stdout).toBe(runCli(['--format', 'json', 'compose.yaml'], { cwd: dir }).stdout);
    // The format is no part of the run: the result is cached, each report made from it.
    for (const args of [['--format', 'text', '--code-frame'], ['--format', 'text', '--color'], ['--format', 'json'], ['--format', 'sarif'], ['--format', 'github'], ['--format', 'compact']]) {
      const plain = runCli([...args, 'compose.yaml'], { cwd: dir });
      const cached = runCli(['--cache', ...args, 'compose.yaml'], { cwd: dir, env: DEBUG });
      expect(cached.stderr).toBe(`escashop-lint: cache hit: ${cacheFile(dir)}\n`);
      expect([plain.status, cached.status]).toEqual([1, 1]);
      expect(cached.stdout, args.join(' ')).toBe(plain.stdout);
    }
  });

  test('a hit reports the same fixes, and the cache file never holds the value a fix would write', () => {
    const canary = 'Canary-Cache-Fix-7f3a9';
    const dir = tempProject({ 'package.json': '{"name": "shop"}', 'compose.yaml': `services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${canary}\n` });
    const first = runCli(['--cache', '--format', 'json', 'compose.yaml'], { cwd: dir });
    const hit = runCli(['--cache', '--format', 'json', 'compose.yaml'], { cwd: dir, env: DEBUG });
    expect(hit.stderr).toBe(`escashop-lint: cache hit: ${cacheFile(dir)}\n`);
    expect(hit.stdout).toBe(first.stdout);
    const fixes = JSON.parse(hit.stdout).results.flatMap((f: { ruleId: string; fix?: { kind: string } }) => (f.fix ? [`${f.ruleId} ${f.fix.kind}`] : []));
    expect(fixes).toContain('compose/no-plaintext-secrets fix');
    expect(readFileSync(cacheFile(dir), 'utf8')).not.toContain(canary);
    expect(hit.stdout).not.toContain(canary);
  });

  test('the compact report of a hit, line for line', () => {
    const dir = project();
    runCli(['--cache', '--format', 'compact', 'compose.yaml'], { cwd: dir });
    const hit = runCli(['--cache', '--format', 'compact', 'compose.yaml'], { cwd: dir, env: DEBUG });
    expect(hit.stderr).toBe(`escashop-lint: cache hit: ${cacheFile(dir)}\n`);
    expect(hit.stdout.split('\n').filter((line) => /image-pinned|non-root-user/.test(line))).toEqual([
      `${path.join(dir, 'compose.yaml')}: line 17, col 27, Warning - image "example/worker:latest" of service "worker" uses the "latest" tag, which moves with every release (compose/image-pinned)`,
      `${path.join(dir, 'compose.yaml')}: line 32, col 11, Error - service "admin" runs as root ("user: root") (compose/non-root-user)`,
    ]);
  });

  test('--baseline and --quiet apply to a cached result as to a fresh one', () => {
    const dir = project();
    runCli(['--cache', '--format', 'compact', '--write-baseline', 'baseline.json', 'compose.yaml'], { cwd: dir });
    const baselined = runCli(['--cache', '--format', 'compact', '--baseline', 'baseline.json', 'compose.yaml'], { cwd: dir, env: DEBUG });
    expect(baselined.stderr).toBe(`escashop-lint: cache hit: ${cacheFile(dir)}\n`);
    expect([baselined.status, baselined.stdout]).toEqual([0, '']);
    const quiet = runCli(['--cache', '--format', 'compact', '--quiet', 'compose.yaml'], { cwd: dir, env: DEBUG });
    expect(quiet.stderr).toBe(`escashop-lint: cache hit: ${cacheFile(dir)}\n`);
    expect(quiet.stdout).toBe(runCli(['--format', 'compact', '--quiet', 'compose.yaml'], { cwd: dir }).stdout);
    expect(quiet.stdout).not.toContain('Warning');
  });

  test('an unwritable location: one warning line, and the run as without the cache', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'blocker'), 'a file\n');
    const run = runCli(['--cache', '--cache-location', 'blocker/cache.json', '--format', 'compact', 'compose.yaml'], { cwd: dir });
    expect(run.stderr).toBe(`escashop-lint: cannot write the cache ${path.join(dir, 'blocker', 'cache.json')} (EEXIST); linted without it\n`);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(runCli(['--format', 'compact', 'compose.yaml'], { cwd: dir }).stdout);
  });

  test('--cache-location: a file, or a folder', () => {
    const dir = project();
    runCli(['--cache', '--cache-location', 'lint.cache', 'compose.yaml'], { cwd: dir });
    expect(existsSync(path.join(dir, 'lint.cache'))).toBe(true);
    runCli(['--cache', '--cache-location', 'caches/', 'compose.yaml'], { cwd: dir });
    expect(existsSync(path.join(dir, 'caches', CACHE_FILE_NAME))).toBe(true);
    expect(runCli(['--cache', '--cache-location', 'caches', 'compose.yaml'], { cwd: dir, env: DEBUG }).stderr).toBe(
      `escashop-lint: cache hit: ${path.join(dir, 'caches', CACHE_FILE_NAME)}\n`,
    );
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
  });

  test('standard input is linted, never cached', () => {
    const dir = project();
    const run = runCli(['--cache', '--format', 'compact', '-', '--stdin-filename', 'compose.yaml'], { cwd: dir, input: COMPOSE, env: DEBUG });
    expect(run.stderr).toBe(`escashop-lint: cache miss, standard input is not cached: ${cacheFile(dir)}\n`);
    expect(run.status).toBe(1);
    expect(existsSync(cacheFile(dir))).toBe(false);
  });

  test('usage errors', () => {
    const dir = project();
    expect(runCli(['--cache-location', 'x', 'compose.yaml'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --cache-location applies to --cache\n' });
    expect(runCli(['--cache', '--cache-location', '', 'compose.yaml'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --cache-location needs a file or folder, e.g. --cache-location .cache/\n' });
  });
});
