import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { ORACLE_REQUIRED } from './compose129.js';

/**
 * What the redis and postgres oracles share: finding the server binaries (installed by
 * scripts/oracle-setup.sh), running them as an unprivileged user, and the corpus files they read.
 */

export const CORPUS = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus');

/** The first of `candidates` (absolute paths, or names looked up on PATH) that exists. */
export function findBinary(...candidates: string[]): string | undefined {
  for (const candidate of candidates) {
    if (path.isAbsolute(candidate)) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && existsSync(path.join(dir, candidate))) return path.join(dir, candidate);
  }
  return undefined;
}

/** The binaries of the newest postgres installed the Debian way (`/usr/lib/postgresql/<n>/bin`), or on PATH. */
export function postgresBin(program: string): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  return findBinary(...versions.map((v) => path.join(root, v, 'bin', program)), program);
}

/** Skip when the server is not installed, unless the oracle is required (CI, ESCASHOP_ORACLE=1): then its absence fails the test. */
export function skipWithout(binary: string | undefined): boolean {
  return !ORACLE_REQUIRED && binary === undefined;
}

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** A fresh temporary directory the server may use (owned by the unprivileged user when we are root). */
export function serverDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o700);
  if (isRoot) chownSync(dir, NOBODY, NOBODY);
  return dir;
}

/** Makes a file the server must read readable by it. */
export function serverOwned(file: string): void {
  if (isRoot) chownSync(file, NOBODY, NOBODY);
}

/**
 * Runs a server program, as `nobody` when we are root (postgres refuses to run as root, and no
 * server should write anywhere as root), with a controlled environment and a timeout.
 */
export function runServer(program: string, args: string[], options: { cwd: string; timeoutMs?: number }): { status: number | null; output: string } {
  const [command, argv] = isRoot ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', program, ...args]] : [program, args];
  const result = spawnSync(command, argv, {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 10_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** `runServer`, without waiting: for running many servers at once. */
export function runServerAsync(program: string, args: string[], options: { cwd: string; timeoutMs?: number }): Promise<{ status: number | null; output: string }> {
  const [command, argv] = isRoot ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', program, ...args]] : [program, args];
  return new Promise((resolve) => {
    execFile(command, argv, { cwd: options.cwd, encoding: 'utf8', timeout: options.timeoutMs ?? 10_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** Maps `items` through `work`, at most `limit` at a time, keeping the order. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The corpus files of a kind (`redis`, `postgres`) listed in MANIFEST.tsv, relative to the corpus. */
export function corpusFiles(kind: string): string[] {
  return readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((row) => row[1] === kind)
    .map((row) => row[0]!);
}

const CACHE_DIR = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'escashop-oracle');

/**
 * A cache of a server's answers, kept in `node_modules/.cache/escashop-oracle/<name>.json` and keyed
 * by a hash of everything the answer depends on (the server's version, the oracle's own code, the
 * input): asking the server again only when one of them changed.
 */
export class AnswerCache<T> {
  private readonly file: string;
  private readonly entries: Record<string, T>;
  private dirty = false;

  constructor(name: string, private readonly salt: string) {
    this.file = path.join(CACHE_DIR, `${name}.json`);
    let entries: Record<string, T> = {};
    try {
      entries = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, T>;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
    this.entries = entries;
  }

  get(input: string, compute: () => T): T {
    const key = this.key(input);
    if (!(key in this.entries)) {
      this.entries[key] = compute();
      this.dirty = true;
    }
    return this.entries[key]!;
  }

  async getAsync(input: string, compute: () => Promise<T>): Promise<T> {
    const key = this.key(input);
    if (!(key in this.entries)) {
      this.entries[key] = await compute();
      this.dirty = true;
    }
    return this.entries[key]!;
  }

  private key(input: string): string {
    return createHash('sha256').update(this.salt).update('\0').update(input).digest('hex');
  }

  save(): void {
    if (!this.dirty) return;
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.entries));
    this.dirty = false;
  }
}

/** A hash of files (the oracle's own code): a cache made by other code is not reused. */
export function hashOf(...files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex');
}
