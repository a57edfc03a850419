import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Runs Debian's docker-compose 1.29 on many projects at once, through `compose129.py` (the same
 * loading code as `docker-compose config`, in one Python process per CPU), with a cache of answers
 * keyed by the content of every file each project read.
 */

const DRIVER = path.join(import.meta.dirname, 'compose129.py');
const CACHE_DIR = path.join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'escashop-oracle');
const CACHE_FILE = path.join(CACHE_DIR, 'compose129.json');

export interface OracleJob {
  id: string;
  /** Compose files, absolute, in `-f` order. */
  files: string[];
  /** Absolute; `--project-directory`. */
  projectDir: string;
  /** Also return the text `config` prints. */
  yaml?: boolean;
}

/** A port as docker-compose 1.29 parsed it (its ServicePort). */
export interface ComposePort {
  target: number | null;
  published: number | string | null;
  protocol: string | null;
  mode: string | null;
  external_ip: string | null;
}

export type ComposeAnswer =
  | { id: string; ok: true; version: string; v1: boolean; services: Record<string, Record<string, unknown>>; yaml?: string; read: string[] }
  | { id: string; ok: false; error: string; read: string[] };

/**
 * The Python `docker-compose` command (1.x, as Debian packages it), or undefined when it is not
 * installed; a `docker-compose` that is Compose v2 (a Go binary) does not count.
 */
/**
 * Whether the oracle must run: always in CI (`.ci/run` installs docker-compose, so its absence is a
 * broken CI), and wherever ESCASHOP_ORACLE=1 asks for it. On a developer's machine without Debian's
 * docker-compose the oracle tests are skipped, so `npm install && npm test` works anywhere.
 */
export const ORACLE_REQUIRED = Boolean(process.env.CI) || process.env.ESCASHOP_ORACLE === '1';

/** True when the oracle tests should be skipped: no docker-compose 1.29 here, and not required. */
export function skipOracle(): boolean {
  return !ORACLE_REQUIRED && composeCommand() === undefined;
}

export function composeCommand(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'docker-compose');
    if (dir && existsSync(candidate) && /^#!.*python/.test(firstLine(candidate))) return candidate;
  }
  return undefined;
}

function firstLine(file: string): string {
  try {
    return readFileSync(file).subarray(0, 200).toString('latin1').split('\n', 1)[0] ?? '';
  } catch {
    return '';
  }
}

/**
 * The Python that runs docker-compose: the interpreter its entry script names (Debian's package
 * lives in that interpreter's dist-packages, not in whatever `python3` comes first on PATH).
 */
export function composePython(command: string): string {
  const first = firstLine(command);
  const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
  if (!match) throw new Error(`${command} is not a Python entry script; cannot find the interpreter of docker-compose`);
  // `#!/usr/bin/env python3` names the interpreter in the second word.
  return match[1]!.endsWith('/env') && match[2] ? match[2] : match[1]!;
}

/** docker-compose's version, as its Python package reports it. */
export function composeVersion(python: string): string {
  let version = versions.get(python);
  if (version === undefined) {
    version = execFileSync(python, [DRIVER, '--version'], { encoding: 'utf8', env: controlledEnv() }).trim();
    versions.set(python, version);
  }
  return version;
}

const versions = new Map<string, string>();

/** PATH and HOME only: no other variable of the calling shell reaches docker-compose. */
export function controlledEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (process.env.HOME !== undefined) env.HOME = process.env.HOME;
  return env;
}

interface CacheEntry {
  /** Each file the answer was made from, with the hash of its content (null: it did not exist). */
  read: Record<string, string | null>;
  answer: ComposeAnswer;
}

interface CacheData {
  key: string;
  entries: Record<string, CacheEntry>;
}

function readCache(key: string): CacheData {
  try {
    const stored = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as CacheData;
    if (stored.key === key) return stored;
  } catch {
    // No cache yet, or an unreadable one: start afresh.
  }
  return { key, entries: {} };
}

function hashFile(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

function jobKey(job: OracleJob): string {
  return JSON.stringify([job.files, job.projectDir, job.yaml === true]);
}

/** Answers for every job, from the cache when none of the files a job read has changed. */
export async function runCompose129(python: string, jobs: readonly OracleJob[], options: { workers?: number } = {}): Promise<Map<string, ComposeAnswer>> {
  const key = createHash('sha256').update(readFileSync(DRIVER)).update(composeVersion(python)).update(python).digest('hex');
  const cache = readCache(key);
  const hashes = new Map<string, string | null>();
  const hashOf = (file: string): string | null => {
    if (!hashes.has(file)) hashes.set(file, hashFile(file));
    return hashes.get(file)!;
  };
  const answers = new Map<string, ComposeAnswer>();
  const todo: OracleJob[] = [];
  for (const job of jobs) {
    const entry = cache.entries[jobKey(job)];
    if (entry && Object.entries(entry.read).every(([file, hash]) => hashOf(file) === hash)) answers.set(job.id, { ...entry.answer, id: job.id });
    else todo.push(job);
  }
  const workers = Math.max(1, Math.min(options.workers ?? 2, todo.length));
  const chunks: OracleJob[][] = Array.from({ length: workers }, () => []);
  todo.forEach((job, i) => chunks[i % workers]!.push(job));
  const results = await Promise.all(chunks.filter((c) => c.length > 0).map((chunk) => runDriver(python, chunk)));
  const fresh: Record<string, CacheEntry> = {};
  for (const [job, answer] of results.flat()) {
    answers.set(job.id, answer);
    fresh[jobKey(job)] = { read: Object.fromEntries(answer.read.map((f) => [f, hashOf(f)])), answer };
  }
  if (todo.length > 0) {
    // Re-read: another call (the pairs after the single files) may have stored answers meanwhile.
    const entries = { ...readCache(key).entries, ...fresh };
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      writeFileSync(CACHE_FILE, JSON.stringify({ key, entries } satisfies CacheData));
    } catch {
      // A read-only checkout: the next run asks docker-compose again.
    }
  }
  return answers;
}

function runDriver(python: string, jobs: readonly OracleJob[]): Promise<[OracleJob, ComposeAnswer][]> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [DRIVER], { env: controlledEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => (stdout += data));
    child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${python} ${DRIVER} exited with ${code}: ${stderr.trim()}`));
      const byId = new Map<string, ComposeAnswer>();
      for (const line of stdout.split('\n')) if (line.trim()) {
        const answer = JSON.parse(line) as ComposeAnswer;
        byId.set(answer.id, answer);
      }
      const missing = jobs.filter((job) => !byId.has(job.id));
      if (missing.length > 0) return reject(new Error(`the docker-compose driver gave no answer for ${missing.map((j) => j.id).join(', ')}: ${stderr.trim()}`));
      resolve(jobs.map((job) => [job, byId.get(job.id)!]));
    });
    child.stdin.end(jobs.map((job) => JSON.stringify(job)).join('\n') + '\n');
  });
}

/** Runs the real command, `docker-compose -f FILE... --project-directory DIR config`, in the controlled environment. */
export function composeConfigCommand(command: string, job: OracleJob): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [...job.files.flatMap((f) => ['-f', f]), '--project-directory', job.projectDir, 'config'];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: controlledEnv(), cwd: job.projectDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => (stdout += data));
    child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
