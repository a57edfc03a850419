import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CACHE_FILE_NAME, currentResult, defaultCacheDir, MAX_ENTRIES, readCache, writeEntry } from '../../src/cache/store.js';
import { FORMAT_NAMES, format, lint, rules, type LintOptions, type LintResult } from '../../src/index.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { HARDENED_SERVICE } from '../cli/run.js';
import { git } from '../host-project.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder holding `files`, with its cache in `.cache/` (a dot-folder: never linted, never in a listing). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'escashop-cache-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) put(dir, name, text);
  return dir;
}

function put(dir: string, name: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

/** A production service with every hardening the built-in rules ask for; its tag comes from TAG. */
const API = `  api:\n${HARDENED_SERVICE.replace('example/api:1.4.2', 'example/api:${TAG:-1.4.2}')}`;
const COMPOSE = `services:\n${API}`;

/** An nginx service as hardened, mounting its own nginx.conf. */
const WEB = API.replace('api:\n    image: example/api:${TAG:-1.4.2}', 'web:\n    image: nginx:1.27.3').replace('expose: ["8080"]', 'volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
const NGINX = 'events {}\nhttp {\n  server_tokens off;\n}\n';

const LATEST = 'compose.yaml:3:24 compose/image-pinned';

interface Run {
  hit: boolean;
  reason?: string;
  /** `file:line:column ruleId` of every finding. */
  lines: string[];
  result: LintResult;
}

async function run(dir: string, target: string | string[] = '.', options: LintOptions = {}): Promise<Run> {
  const result = await lint(typeof target === 'string' ? [target] : target, { cwd: dir, cache: true, cacheLocation: path.join(dir, '.cache/'), ...options });
  const lines = result.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);
  return { hit: result.cache!.hit, ...(result.cache!.reason === undefined ? {} : { reason: result.cache!.reason }), lines, result };
}

/** Runs twice: the first lints (a miss), the second is served from the cache with the same findings. */
async function linted(dir: string, target: string | string[] = '.', options: LintOptions = {}): Promise<string[]> {
  const first = await run(dir, target, options);
  expect(first.hit).toBe(false);
  const second = await run(dir, target, options);
  expect(second.hit).toBe(true);
  expect(second.lines).toEqual(first.lines);
  return first.lines;
}

/** The findings of the same lint without the cache. */
async function fresh(dir: string, target: string | string[] = '.', options: LintOptions = {}): Promise<string[]> {
  const result = await lint(typeof target === 'string' ? [target] : target, { cwd: dir, ...options });
  return result.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);
}

/** After a change: the next run lints again, finds what an uncached lint finds, and the one after is a hit. */
async function relinted(dir: string, target: string | string[] = '.', options: LintOptions = {}): Promise<string[]> {
  const after = await run(dir, target, options);
  expect(after.hit).toBe(false);
  expect(after.lines).toEqual(await fresh(dir, target, options));
  expect((await run(dir, target, options)).hit).toBe(true);
  return after.lines;
}

describe('a re-run on unchanged files', () => {
  test('is served from the cache, with the same result', async () => {
    const dir = project({ 'compose.yaml': COMPOSE.replace('${TAG:-1.4.2}', 'latest') });
    const first = await run(dir, 'compose.yaml');
    expect(first).toMatchObject({ hit: false, reason: 'not cached yet', lines: [LATEST] });
    const second = await run(dir, 'compose.yaml');
    expect(second).toMatchObject({ hit: true, lines: [LATEST] });
    expect(second.result.cache!.file).toBe(path.join(dir, '.cache', CACHE_FILE_NAME));
    // The cached result is the result: files read, findings (every field), suppressed.
    const { cache: _first, ...linted } = first.result;
    const { cache: _second, ...served } = second.result;
    expect(served).toEqual(JSON.parse(JSON.stringify(linted)));
  });

  test('a different target or option is a different run', async () => {
    const dir = project({ 'compose.yaml': COMPOSE, 'other.yaml': COMPOSE.replace('${TAG:-1.4.2}', 'latest') });
    await linted(dir, 'compose.yaml');
    expect((await run(dir, 'other.yaml')).hit).toBe(false);
    expect((await run(dir, 'compose.yaml')).hit).toBe(true);
    expect((await run(dir, 'compose.yaml', { profiles: ['debug'] })).hit).toBe(false);
  });
});

describe('a change to what the result depends on is linted again', () => {
  test('the compose file', async () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    expect(await linted(dir, 'compose.yaml')).toEqual([]);
    put(dir, 'compose.yaml', COMPOSE.replace('${TAG:-1.4.2}', 'latest'));
    expect(await relinted(dir, 'compose.yaml')).toEqual([LATEST]);
  });

  test('an override file created beside the base, in a folder linted', async () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    expect(await linted(dir)).toEqual([]);
    put(dir, 'compose.override.yaml', 'services:\n  api:\n    image: example/api:latest\n');
    expect(await relinted(dir)).toEqual(['compose.override.yaml:1:1 core/overlay', 'compose.override.yaml:3:24 compose/image-pinned']);
  });

  test('a .env created, then changed', async () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    expect(await linted(dir, 'compose.yaml')).toEqual([]);
    put(dir, '.env', 'TAG=latest\n');
    expect(await relinted(dir, 'compose.yaml')).toEqual([LATEST]);
    put(dir, '.env', 'TAG=1.4.3\n');
    expect(await relinted(dir, 'compose.yaml')).toEqual([]);
  });

  test('an env_file that git starts to track', async () => {
    const dir = project({ 'compose.yaml': COMPOSE.replace('    user:', '    env_file: app.env\n    user:'), 'app.env': 'DB_PASSWORD=hunter2hunter2\n' });
    git(dir, 'init', '-q');
    const before = await linted(dir, 'compose.yaml');
    git(dir, 'add', 'app.env');
    const after = await relinted(dir, 'compose.yaml');
    expect(after.filter((line) => !before.includes(line))).toEqual(['app.env:1:13 compose/env-file-secrets']);
    // git rewrites its index on every add; a change that does not change the answer is still a hit.
    git(dir, 'add', 'compose.yaml');
    expect((await run(dir, 'compose.yaml')).hit).toBe(true);
  });

  test('an included file', async () => {
    const dir = project({ 'compose.yaml': 'include:\n  - api.yaml\n', 'api.yaml': COMPOSE });
    expect(await linted(dir, 'compose.yaml')).toEqual([]);
    put(dir, 'api.yaml', COMPOSE.replace('${TAG:-1.4.2}', 'latest'));
    expect(await relinted(dir, 'compose.yaml')).toEqual(['api.yaml:3:24 compose/image-pinned']);
  });

  test('a mounted nginx.conf', async () => {
    const dir = project({ 'compose.yaml': `services:\n${WEB}`, 'nginx/nginx.conf': NGINX });
    const before = await linted(dir, 'compose.yaml');
    expect(before).not.toContain('nginx/nginx.conf:3:17 nginx/server-tokens-off');
    put(dir, 'nginx/nginx.conf', NGINX.replace('server_tokens off', 'server_tokens on'));
    expect(await relinted(dir, 'compose.yaml')).toContain('nginx/nginx.conf:3:17 nginx/server-tokens-off');
    // The mount's file removed: the compose file's mount now names nothing.
    unlinkSync(path.join(dir, 'nginx/nginx.conf'));
    expect(await relinted(dir, 'compose.yaml')).not.toContain('nginx/nginx.conf:3:17 nginx/server-tokens-off');
  });

  test('a configuration file created, changed, and one it extends changed', async () => {
    const dir = project({ 'compose.yaml': COMPOSE.replace('${TAG:-1.4.2}', 'latest') });
    expect(await linted(dir, 'compose.yaml')).toEqual([LATEST]);
    put(dir, '.escashoprc.json', JSON.stringify({ rules: { 'compose/image-pinned': 'off' } }));
    expect(await relinted(dir, 'compose.yaml')).toEqual([]);
    put(dir, 'base.json', JSON.stringify({ rules: { 'compose/image-pinned': 'off' } }));
    put(dir, '.escashoprc.json', JSON.stringify({ extends: './base.json' }));
    expect(await relinted(dir, 'compose.yaml')).toEqual([]);
    put(dir, 'base.json', JSON.stringify({ rules: { 'compose/image-pinned': 'error' } }));
    expect(await relinted(dir, 'compose.yaml')).toEqual([LATEST]);
  });

  test('a configuration in a folder above, up to the package root', async () => {
    const dir = project({ 'package.json': '{"name": "shop"}', 'deploy/compose.yaml': COMPOSE.replace('${TAG:-1.4.2}', 'latest') });
    expect(await linted(dir, 'deploy/compose.yaml')).toEqual([`deploy/${LATEST}`]);
    put(dir, 'package.json', JSON.stringify({ name: 'shop', escashop: { rules: { 'compose/image-pinned': 'off' } } }));
    expect(await relinted(dir, 'deploy/compose.yaml')).toEqual([]);
  });

  test('options that change findings: a configuration file given, --no-ignore, unused directives', async () => {
    const dir = project({
      'compose.yaml': `${COMPOSE.replace('${TAG:-1.4.2}', 'latest')}# escashop-lint-disable-next-line compose/healthcheck\n`,
      'off.json': JSON.stringify({ rules: { 'compose/image-pinned': 'off' }, ignore: ['compose.yaml'] }),
    });
    expect(await linted(dir, 'compose.yaml')).toEqual([LATEST]);
    expect(await linted(dir, 'compose.yaml', { config: 'off.json' })).toEqual(['compose.yaml:1:1 core/ignored']);
    expect(await linted(dir, 'compose.yaml', { config: 'off.json', ignore: false })).toEqual([]);
    expect(await linted(dir, 'compose.yaml', { reportUnusedDisableDirectives: true })).toEqual([LATEST, 'compose.yaml:16:35 core/unused-directive']);
    expect((await run(dir, 'compose.yaml')).hit).toBe(true);
  });

  test('the process environment, with useProcessEnv', async () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    const saved = process.env.TAG;
    try {
      process.env.TAG = 'latest';
      expect(await linted(dir, 'compose.yaml', { useProcessEnv: true })).toEqual([LATEST]);
      process.env.TAG = '1.4.3';
      expect(await relinted(dir, 'compose.yaml', { useProcessEnv: true })).toEqual([]);
      // Without useProcessEnv the environment is not read, and not part of the run.
      expect(await linted(dir, 'compose.yaml')).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TAG;
      else process.env.TAG = saved;
    }
  });

  test('a new compose file in a folder linted, and a glob that matches it', async () => {
    const dir = project({ 'deploy/compose.yaml': COMPOSE });
    expect(await linted(dir, 'deploy')).toEqual([]);
    expect(await linted(dir, 'deploy/*.yaml')).toEqual([]);
    put(dir, 'deploy/compose.prod.yaml', COMPOSE.replace('${TAG:-1.4.2}', 'latest'));
    expect(await relinted(dir, 'deploy')).toEqual([`deploy/compose.prod.yaml:3:24 compose/image-pinned`]);
    expect(await relinted(dir, 'deploy/*.yaml')).toEqual([`deploy/compose.prod.yaml:3:24 compose/image-pinned`]);
  });

  test('another version or build of the linter: the whole cache is ignored', async () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    await linted(dir, 'compose.yaml');
    const file = path.join(dir, '.cache', CACHE_FILE_NAME);
    const [header, ...runs] = readFileSync(file, 'utf8').split('\n');
    const data = JSON.parse(header!) as { format: number; tool: string };
    writeFileSync(file, [JSON.stringify({ ...data, tool: '0.0.1+other' }), ...runs].join('\n'));
    await relinted(dir, 'compose.yaml');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(header);
    // Another layout of the file, the same.
    writeFileSync(file, [JSON.stringify({ ...data, format: data.format + 1 }), ...runs].join('\n'));
    await relinted(dir, 'compose.yaml');
  });
});

describe('what is cached', () => {
  test('a secret value is never stored: findings as reported, their secret ranges as ranges', async () => {
    const dir = project({ 'compose.yaml': COMPOSE.replace('    user:', '    environment:\n      DB_PASSWORD: s3cr3t-Value-42\n    user:') });
    const lines = await linted(dir, 'compose.yaml');
    expect(lines).toContain('compose.yaml:5:20 compose/no-plaintext-secrets');
    const stored = readFileSync(path.join(dir, '.cache', CACHE_FILE_NAME), 'utf8');
    expect(stored).not.toContain('s3cr3t-Value-42');
    expect(stored).toContain('compose/no-plaintext-secrets');
  });

  test('output is byte-identical cached and not, in every format', async () => {
    const dir = project({
      'compose.yaml': `${COMPOSE.replace('${TAG:-1.4.2}', 'latest').replace('    user:', '    environment:\n      DB_PASSWORD: s3cr3t-Value-42\n    user:')}${WEB}`,
      'nginx/nginx.conf': NGINX.replace('  server_tokens off', '  # escashop-lint-disable-next-line nginx/server-tokens-off -- a test\n  server_tokens on'),
    });
    const uncached = await lint(['compose.yaml'], { cwd: dir });
    await run(dir, 'compose.yaml');
    const cached = await run(dir, 'compose.yaml');
    expect(cached.hit).toBe(true);
    expect(uncached.suppressed!.length).toBeGreaterThan(0);
    expect(uncached.findings.some((f) => f.redact !== undefined)).toBe(true);
    for (const name of FORMAT_NAMES) {
      for (const options of [{ cwd: dir }, { cwd: dir, codeFrame: true, color: true, sarifIncludeSuppressed: name === 'sarif', baselined: 2 }]) {
        expect(format(cached.result, name, options), name).toBe(format(uncached, name, options));
      }
    }
  });

  test('the escashop stacks: the same report from the cache as without it', async () => {
    const cacheLocation = path.join(project({}), 'cache.json');
    const targets = ['fixtures/escashop/docker-compose.prod.yml', 'fixtures/escashop/docker-compose.prod.improved.yml'];
    const uncached = await lint(targets, { cwd: PACKAGE_ROOT });
    await lint(targets, { cwd: PACKAGE_ROOT, cache: true, cacheLocation });
    const cached = await lint(targets, { cwd: PACKAGE_ROOT, cache: true, cacheLocation });
    expect(cached.cache!.hit).toBe(true);
    for (const name of FORMAT_NAMES) expect(format(cached, name, { cwd: PACKAGE_ROOT, codeFrame: true }), name).toBe(format(uncached, name, { cwd: PACKAGE_ROOT, codeFrame: true }));
  });

  test('standard input is never cached', async () => {
    const dir = project({});
    const stdin = { path: 'compose.yaml', bytes: Buffer.from(COMPOSE.replace('${TAG:-1.4.2}', 'latest')) };
    for (let i = 0; i < 2; i++) {
      const result = await run(dir, 'compose.yaml', { stdin });
      expect(result).toMatchObject({ hit: false, reason: 'standard input is not cached', lines: [LATEST] });
    }
    expect(existsSync(path.join(dir, '.cache'))).toBe(false);
  });

  test('a JavaScript configuration, which may read anything, is not cached', async () => {
    const dir = project({ 'compose.yaml': COMPOSE, 'escashop.config.mjs': 'export default { rules: {} };\n' });
    for (let i = 0; i < 2; i++) {
      const result = await run(dir, 'compose.yaml');
      expect(result).toMatchObject({ hit: false, lines: [] });
    }
    expect((await run(dir, 'compose.yaml')).result.cache!.reason).toBe('not stored: the configuration escashop.config.mjs is JavaScript, which may read anything');
  });

  test('rules other than the built-in ones are refused', async () => {
    await expect(lint(['compose.yaml'], { cache: true, rules: rules.slice(0, 1) })).rejects.toThrow('cache: results are cached for the built-in rules only; leave out rules');
  });
});

describe('the cache file', () => {
  test('corrupt or damaged: ignored, linted, and rewritten', async () => {
    const dir = project({ 'compose.yaml': COMPOSE.replace('${TAG:-1.4.2}', 'latest') });
    const file = path.join(dir, '.cache', CACHE_FILE_NAME);
    mkdirSync(path.dirname(file));
    writeFileSync(file, '{"format":1,"tool":');
    expect(await linted(dir, 'compose.yaml')).toEqual([LATEST]);
    // An entry whose result was altered in the file is not served.
    writeFileSync(file, readFileSync(file, 'utf8').replace('image-pinned', 'image-pinnet'));
    expect(await relinted(dir, 'compose.yaml')).toEqual([LATEST]);
    writeFileSync(file, '\u0000\u0001 not json');
    expect(await relinted(dir, 'compose.yaml')).toEqual([LATEST]);
  });

  test('unwritable: the run succeeds, with a one-line warning', async () => {
    const dir = project({ 'compose.yaml': COMPOSE.replace('${TAG:-1.4.2}', 'latest'), blocker: 'a file, not a folder\n' });
    const cacheLocation = path.join(dir, 'blocker', 'cache.json');
    for (let i = 0; i < 2; i++) {
      const result = await run(dir, 'compose.yaml', { cacheLocation });
      expect(result).toMatchObject({ hit: false, lines: [LATEST] });
      expect(result.result.cache!.warning).toBe(`cannot write the cache ${cacheLocation} (EEXIST); linted without it`);
    }
  });

  test('--cache-location: a file, an existing folder, a new folder (trailing /), and the default', async () => {
    const dir = project({ 'package.json': '{"name": "shop"}', 'deploy/compose.yaml': COMPOSE, 'existing/.keep': '' });
    const file = async (cacheLocation: string | undefined, cwd = dir) => (await lint(['compose.yaml'], { cwd, cache: true, ...(cacheLocation === undefined ? {} : { cacheLocation }) })).cache!.file;
    const deploy = path.join(dir, 'deploy');
    expect(await file('my-cache.json', deploy)).toBe(path.join(deploy, 'my-cache.json'));
    expect(existsSync(path.join(deploy, 'my-cache.json'))).toBe(true);
    expect(await file('../existing', deploy)).toBe(path.join(dir, 'existing', CACHE_FILE_NAME));
    expect(await file('../new/', deploy)).toBe(path.join(dir, 'new', CACHE_FILE_NAME));
    expect(existsSync(path.join(dir, 'new', CACHE_FILE_NAME))).toBe(true);
    // The default: node_modules/.cache/escashop-lint of the nearest folder upwards with a package.json.
    expect(await file(undefined, deploy)).toBe(path.join(dir, 'node_modules', '.cache', 'escashop-lint', CACHE_FILE_NAME));
    expect(defaultCacheDir(deploy)).toBe(path.join(dir, 'node_modules', '.cache', 'escashop-lint'));
  });

  test('runs at the same time leave a cache that every later run can use', async () => {
    const dir = project({ 'a.yaml': COMPOSE, 'b.yaml': COMPOSE.replace('${TAG:-1.4.2}', 'latest'), 'c.yaml': COMPOSE, 'd.yaml': COMPOSE });
    const targets = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'];
    const firsts = await Promise.all(targets.map((t) => run(dir, t)));
    expect(firsts.map((r) => r.hit)).toEqual([false, false, false, false]);
    const file = path.join(dir, '.cache', CACHE_FILE_NAME);
    // Each write keeps the runs stored before it; at least the last one's is there, and the file is whole.
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const seconds = await Promise.all(targets.map((t) => run(dir, t)));
    expect(seconds.map((r) => r.lines)).toEqual([[], ['b.yaml:3:24 compose/image-pinned'], [], []]);
    expect((await Promise.all(targets.map((t) => run(dir, t)))).every((r) => r.hit)).toBe(true);
  });

  test(`keeps the ${MAX_ENTRIES} runs stored last, and each run's line apart from the others`, async () => {
    const files = Object.fromEntries(Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => [`c${i}.yaml`, COMPOSE]));
    const dir = project(files);
    for (const name of Object.keys(files)) await run(dir, name);
    const file = path.join(dir, '.cache', CACHE_FILE_NAME);
    expect(readFileSync(file, 'utf8').split('\n').length).toBe(MAX_ENTRIES + 2);
    expect((await run(dir, 'c0.yaml')).hit).toBe(false);
    expect((await run(dir, `c${MAX_ENTRIES}.yaml`)).hit).toBe(true);
    // A damaged line is that run's loss only.
    const lines = readFileSync(file, 'utf8').split('\n');
    const damaged = lines.findIndex((line, i) => i > 0 && line !== '');
    writeFileSync(file, lines.map((line, i) => (i === damaged ? `${line.slice(0, 60)}}}` : line)).join('\n'));
    const served = await Promise.all(Object.keys(files).map(async (name) => (await run(dir, name)).hit));
    expect(served.filter((hit) => !hit).length).toBe(2);
  });

  test('a result whose files are not its findings grouped by file is stored in full', async () => {
    const dir = project({});
    const file = path.join(dir, 'cache');
    const finding = { ruleId: 'compose/healthcheck', severity: 'warning' as const, message: 'm', file: 'a.yaml', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, related: [] };
    const result = { files: [{ file: 'a.yaml', findings: [] }, { file: 'b.yaml', findings: [{ ...finding, file: 'b.yaml' }] }], findings: [finding], suppressed: [] };
    expect(writeEntry(file, 'tool', 'key', [['read', path.join(dir, 'none'), 'missing']], result)).toBeUndefined();
    expect(await currentResult(readCache(file, 'tool').get('key')!)).toEqual({ result });
    // The same finding objects, as lint() returns them: the files by name only.
    const grouped = { files: [{ file: 'a.yaml', findings: [finding] }], findings: [finding], suppressed: [] };
    writeEntry(file, 'tool', 'key', [], grouped);
    expect(readFileSync(file, 'utf8')).toContain('"files":["a.yaml"]');
    expect(await currentResult(readCache(file, 'tool').get('key')!)).toEqual({ result: grouped });
    expect(readCache(file, 'other tool').size).toBe(0);
  });
});
