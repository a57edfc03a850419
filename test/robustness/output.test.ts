import { spawn } from 'node:child_process';
import { linkSync, mkdirSync, watch, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/cli/main.js';
import { FORMAT_LOADERS } from '../../src/cli/formatters.js';
import { BIN, runCli, tempProject, type CliRun } from '../cli/run.js';

/** A production file where each of `count` services publishes a port: about 3.3 kB of JSON report per service. */
function manyServices(count: number): string {
  const lines = ['services:'];
  for (let i = 0; i < count; i++) lines.push(`  app-${i}:`, `    image: example/app:1.0.${i}`, '    ports:', `      - "${10000 + i}:8080"`);
  return `${lines.join('\n')}\n`;
}

const SERVICES = 3000;
const big = tempProject({ 'docker-compose.yml': manyServices(SERVICES) });
/** A report of about 600 kB: far more than a pipe holds, so a reader that goes away early makes the writer meet EPIPE. */
const medium = tempProject({ 'docker-compose.yml': manyServices(200) });

/** The child's environment: no color, no debug, nothing inherited that changes output. */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  for (const name of ['NO_COLOR', 'ESCASHOP_DEBUG', 'NODE_OPTIONS']) delete env[name];
  return env;
}

/** Runs the CLI and reads its stdout slowly: one chunk at a time, pausing after each, so the writer meets a full pipe again and again. */
async function slowRead(args: readonly string[], cwd: string): Promise<{ status: number | null; stdout: Buffer; stderr: string; pauses: number }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv() });
  const chunks: Buffer[] = [];
  let stderr = '';
  let pauses = 0;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    child.stdout.pause();
    pauses++;
    setTimeout(() => child.stdout.resume(), pauses % 8 === 0 ? 5 : 0);
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { status, stdout: Buffer.concat(chunks), stderr, pauses };
}

// JSON through a pipe is pipe.test.ts's; a report this large once, in the larger format, is enough here.
describe('a 10 MB report through a pipe to a slow reader', () => {
  it('arrives intact as sarif, byte for byte what -o writes', async () => {
    const piped = await slowRead(['--format', 'sarif', 'docker-compose.yml'], big);
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(1);
    expect(piped.stdout.length).toBeGreaterThan(9 * 1024 * 1024);
    // The pipe held far less than the report: the writer waited on the reader many times.
    expect(piped.pauses).toBeGreaterThan(100);
    expect(runCli(['--format', 'sarif', '-o', 'report.sarif', 'docker-compose.yml'], { cwd: big })).toEqual({ status: 1, stdout: '', stderr: '' });
    const written = readFileSync(path.join(big, 'report.sarif'));
    expect(piped.stdout.equals(written)).toBe(true);
    const report = JSON.parse(written.toString('utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(report.runs[0]!.results.filter((r) => r.ruleId === 'compose/ingress-only-ports')).toHaveLength(SERVICES);
  });
});

describe('-o writes atomically', () => {
  it('a reader polling the file while it is rewritten only ever sees a whole report', async () => {
    const file = path.join(big, 'polled.json');
    writeFileSync(file, '{"old": true}\n');
    // A hard link to the old file: a rename leaves it alone, a write in place would change it too.
    linkSync(file, path.join(big, 'polled.old'));
    const names = new Set<string>();
    const watcher = watch(big, (_event, name) => name && names.add(name));
    const child = spawn(process.execPath, [BIN, '--format', 'json', '-o', 'polled.json', 'docker-compose.yml'], { cwd: big, env: cliEnv() });
    let done = false;
    child.on('close', () => (done = true));
    const seen = new Set<number>();
    let torn = 0;
    while (!done) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        torn++; // the file missing for a moment is a torn write too: rename replaces it in one step
        continue;
      }
      seen.add(text.length);
      try {
        JSON.parse(text);
      } catch {
        torn++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(torn).toBe(0);
    const final = readFileSync(file, 'utf8');
    expect(final.length).toBeGreaterThan(9 * 1024 * 1024);
    expect(JSON.parse(final)).toHaveProperty('results');
    // Only the old and the new file were ever seen.
    expect([...seen].every((n) => n === 14 || n === final.length)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    watcher.close();
    expect(readFileSync(path.join(big, 'polled.old'), 'utf8')).toBe('{"old": true}\n');
    // The report was written beside the target under a temporary name, which is gone now.
    const temps = [...names].filter((name) => /^\.polled\.json\..+\.tmp$/.test(name));
    expect(temps).toHaveLength(1);
    expect(readdirSync(big).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  const dir = tempProject({ 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n' });

  it('leaves no temporary file behind, and keeps the mode of a file it replaces', () => {
    writeFileSync(path.join(dir, 'report.txt'), 'old\n');
    chmodSync(path.join(dir, 'report.txt'), 0o640);
    const run = runCli(['-o', 'report.txt', 'docker-compose.yml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toBe(runCli(['docker-compose.yml'], { cwd: dir }).stdout);
    expect(statSync(path.join(dir, 'report.txt')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['docker-compose.yml', 'report.txt']);
  });

  it('a write that fails after the temporary file is written leaves the target as it was and no temporary file', () => {
    // A folder where the report should go: the temporary file is written, then the rename fails.
    mkdirSync(path.join(dir, 'taken'));
    writeFileSync(path.join(dir, 'taken', 'keep'), 'x');
    const run = runCli(['-o', 'taken', 'docker-compose.yml'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^escashop-lint: cannot write taken: E[A-Z]+\n$/);
    expect(readdirSync(path.join(dir, 'taken'))).toEqual(['keep']);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writeAtomically removes its temporary file when the rename fails', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'escashop-atomic-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    mkdirSync(path.join(folder, 'report.json'));
    expect(() => writeAtomically(path.join(folder, 'report.json'), '{}')).toThrow();
    expect(readdirSync(folder)).toEqual(['report.json']);
    writeAtomically(path.join(folder, 'new.json'), '{"a":1}');
    expect(readFileSync(path.join(folder, 'new.json'), 'utf8')).toBe('{"a":1}');
    expect(readdirSync(folder).sort()).toEqual(['new.json', 'report.json']);
  });
});

describe('a reader that goes away', () => {
  it('`| head -c 100`: the linter exits quietly with the status of its findings', async () => {
    // As pipe.test.ts asserts for text: no EPIPE trace on stderr, exit status 1 (the findings), not 2.
    const script = `"${process.execPath}" "${BIN}" --format json docker-compose.yml | head -c 100; echo "status=\${PIPESTATUS[0]}" >&2`;
    const child = spawn('bash', ['-c', script], { cwd: medium, env: cliEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    await new Promise((resolve) => child.on('close', resolve));
    expect(stdout).toHaveLength(100);
    expect(stderr).toBe('status=1\n');
  });
});

/** A project with findings in several files and kinds: compose files, an env file, an nginx config. */
const PROJECT: Record<string, string> = {
  'a/docker-compose.yml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
  'a/nginx.conf': 'events {}\nhttp {\n  server {\n    listen 80;\n    location / { autoindex on; }\n  }\n}\n',
  'a/.env': 'DB_PASSWORD=hunter2hunter2\n',
  'b/compose.yaml': 'services:\n  cache:\n    image: redis:latest\n    privileged: true\n    ports: ["6379:6379"]\n',
  'c/docker-compose.prod.yml': 'services:\n  api:\n    image: example/api\n    user: root\n    network_mode: host\n',
};

describe('output is deterministic', () => {
  const one = tempProject(PROJECT);
  const two = tempProject(PROJECT);
  const targets = ['a/docker-compose.yml', 'b/compose.yaml', 'c/docker-compose.prod.yml', 'a/nginx.conf'];
  const reversed = [...targets].reverse();

  // compact names files by their absolute path, as ESLint's compact format does: the folder is the one difference allowed.
  const relative = (run: CliRun, dir: string): CliRun => ({ ...run, stdout: run.stdout.split(`${dir}/`).join('<dir>/') });

  for (const format of Object.keys(FORMAT_LOADERS)) {
    it(`${format}: twice (in another order) and from another folder with the same names, byte for byte`, () => {
      const first = runCli(['--format', format, ...targets], { cwd: one });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(1);
      expect(first.stdout.length).toBeGreaterThan(200);
      expect(runCli(['--format', format, ...reversed], { cwd: one })).toEqual(first);
      expect(relative(runCli(['--format', format, ...targets], { cwd: two }), two)).toEqual(relative(first, one));
    });
  }

  it('a directory walk finds the same files in the same order from either folder', () => {
    const walked = runCli(['--format', 'json', '.'], { cwd: one });
    expect(walked.status).toBe(1);
    expect(runCli(['--format', 'json', '.'], { cwd: two })).toEqual(walked);
  });
});
