import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseNginx, type NginxDirective } from '../../../src/parse/nginx.js';
import { walkNginx } from '../../../src/parse/nginx-tree.js';
import { ORACLE_REQUIRED } from '../compose129.js';
import { isSyntaxError, progress } from './classify.js';

/**
 * Runs Debian's nginx (`nginx -t`) on corpus files, in each context a file could be written for,
 * many at once, with a cache of answers keyed by the content of the files and nginx's version.
 * docs/nginx-parser.md describes the method.
 */

const CACHE_DIR = path.join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'escashop-oracle');
const CACHE_FILE = path.join(CACHE_DIR, 'nginx.json');
const MODULES_DIR = '/usr/lib/nginx/modules';
/** This file's own text: a change to how nginx is run invalidates the cached answers. */
const HARNESS = readFileSync(import.meta.filename, 'utf8');

export function nginxCommand(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'nginx'))]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** True when the nginx oracle should be skipped: no nginx here, and not required (CI, ESCASHOP_ORACLE=1), as for the compose oracle. */
export function skipNginxOracle(): boolean {
  return !ORACLE_REQUIRED && nginxCommand() === undefined;
}

export function nginxVersion(command: string): string {
  // `nginx -v` prints to stderr.
  const result = spawnSync(command, ['-v'], { encoding: 'utf8' });
  return `${result.stderr ?? ''}${result.stdout ?? ''}`.trim();
}

/**
 * The wrapper configuration that includes a file at each level it could be written for: a file
 * written for the `http` block is checked as `events {} http { include FILE; }`, and so on; `main`
 * includes it at the top level.
 */
export const CONTEXTS = {
  main: (file: string) => `include ${file};`,
  http: (file: string) => `events {} http { include ${file}; }`,
  server: (file: string) => `events {} http { server { include ${file}; } }`,
  location: (file: string) => `events {} http { server { location / { include ${file}; } } }`,
  upstream: (file: string) => `events {} http { upstream u { include ${file}; } }`,
  stream: (file: string) => `events {} stream { include ${file}; }`,
} as const;
export type Context = keyof typeof CONTEXTS;

/** What nginx said about one file in one context. */
export interface NginxRun {
  context: Context;
  ok: boolean;
  /** nginx's first `[emerg]` message, without its ` in FILE:LINE` suffix. */
  message?: string;
  /** Where nginx says the error is: a corpus-relative path (or absolute outside the corpus), and a line. */
  file?: string;
  line?: number;
  /** The directives blanked out before this run (nginx refused them for reasons other than syntax): `line: message`. */
  skipped?: string[];
}

export interface NginxJob {
  /** Corpus-relative path. */
  id: string;
  /** Absolute path. */
  file: string;
}

/**
 * The modules Debian packages as separate libraries that a file needs, loaded so that their
 * directives (and the Lua module's block reader) are known: each only when the file's text names
 * something of it, since loading them all makes every run several times slower.
 */
const MODULES: readonly (readonly [RegExp, string[]])[] = [
  [/_by_lua|lua_/, ['ndk_http_module.so', 'ngx_http_lua_module.so']],
  [/\bstream\b/, ['ngx_stream_module.so']],
  [/\bmail\b/, ['ngx_mail_module.so']],
  [/\bgeoip_/, ['ngx_http_geoip_module.so']],
];

function moduleLoads(text: string): string {
  return MODULES.filter(([pattern]) => pattern.test(text))
    .flatMap(([, names]) => names)
    .filter((name) => existsSync(path.join(MODULES_DIR, name)))
    .map((name) => `load_module ${path.join(MODULES_DIR, name)};`)
    .join(' ');
}

/** A hash of the files of a folder (relative includes resolve against it: its files are part of an answer). */
function folderHash(dir: string, memo: Map<string, string>): string {
  let hash = memo.get(dir);
  if (hash) return hash;
  const h = createHash('sha256');
  for (const entry of readdirSync(dir).sort()) {
    h.update(`${entry}\0`);
    try {
      h.update(readFileSync(path.join(dir, entry)));
    } catch {
      // A folder: its name is hashed above.
    }
  }
  hash = h.digest('hex');
  memo.set(dir, hash);
  return hash;
}

function cacheKey(job: NginxJob, version: string, memo: Map<string, string>): string {
  return createHash('sha256').update(`${version}\0${HARNESS}\0${job.id}\0${folderHash(path.dirname(job.file), memo)}`).digest('hex');
}

function readCache(): Record<string, NginxRun[]> {
  try {
    return JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Record<string, NginxRun[]>;
  } catch {
    return {};
  }
}

function writeCache(cache: Record<string, NginxRun[]>): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(CACHE_FILE, JSON.stringify(cache));
  } catch {
    // A read-only checkout: no cache.
  }
}

const EMERG = /^nginx: \[emerg\] (.*?)(?: in (\/.*):(\d+))?$/m;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => resolve(error ? `${stderr}\n${stdout}` : ''));
  });
}

/**
 * A folder standing in for the file's own folder: links to everything in it, beside which the
 * wrapper configurations are written. nginx resolves relative includes against the folder of the
 * main configuration (`-c`), so the file's neighbours are found as they would be in its own folder.
 */
function mirrorOf(root: string, dir: string, mirrors: Map<string, string>): string {
  let mirror = mirrors.get(dir);
  if (mirror) return mirror;
  mirror = path.join(root, String(mirrors.size));
  mkdirSync(mirror);
  for (const entry of readdirSync(dir)) symlinkSync(path.join(dir, entry), path.join(mirror, entry));
  mirrors.set(dir, mirror);
  return mirror;
}

/** Runs every job in every context, `concurrency` nginx processes at a time. */
export async function runNginx(command: string, corpus: string, jobs: readonly NginxJob[], concurrency = Math.max(8, os.cpus().length * 4)): Promise<Map<string, NginxRun[]>> {
  const version = nginxVersion(command);
  const cache = readCache();
  const answers = new Map<string, NginxRun[]>();
  const keys = new Map<string, string>();
  const folders = new Map<string, string>();
  const todo: NginxJob[] = [];
  for (const job of jobs) {
    const key = cacheKey(job, version, folders);
    keys.set(job.id, key);
    const cached = cache[key];
    if (cached) answers.set(job.id, cached);
    else todo.push(job);
  }
  if (todo.length > 0) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'escashop-nginx-oracle-'));
    const mirrors = new Map<string, string>();
    try {
      const tasks = todo.map((job, n) => async () => {
        const mirror = mirrorOf(root, path.dirname(job.file), mirrors);
        const linked = path.join(mirror, path.basename(job.file));
        const edited = path.join(mirror, `.escashop-oracle-${n}-edited`);
        const text = readFileSync(job.file, 'utf8');
        const where = { mirror, dir: path.dirname(job.file), corpus, edited, id: job.id };
        const runIn = async (context: Context, editedText?: string): Promise<NginxRun> => {
          if (editedText !== undefined) writeFileSync(edited, editedText);
          const wrapper = path.join(mirror, `.escashop-oracle-${n}-${context}.conf`);
          writeFileSync(wrapper, `${moduleLoads(`${context} ${text}`)}\n${CONTEXTS[context](editedText === undefined ? linked : edited)}\n`);
          const out = await run(command, ['-t', '-q', '-p', `${mirror}/`, '-c', wrapper, '-e', '/dev/null']);
          return toRun(context, out, { ...where, wrapper });
        };
        const runs: NginxRun[] = [];
        answers.set(job.id, runs);
        // Contexts, the likeliest first, until one settles the question: nginx accepts the file,
        // refuses its syntax, or refuses it for a reason no other context would change.
        for (const context of contextsFor(text)) {
          const answer = await runIn(context);
          runs.push(answer);
          if (settles(answer)) break;
        }
        // nginx stops at the first directive it refuses; to have it read the rest of the file, the
        // refused directive is blanked out (lines kept) and nginx runs again, in the context where it
        // read furthest, until it accepts the rest, finds a syntax error, or fails elsewhere.
        let last = bestRun(job.id, runs);
        let current = text;
        const skipped: string[] = [];
        while (skipped.length < MAX_SKIPPED && !last.ok && last.file === job.id && last.line !== undefined && !isSyntaxError(last.message ?? '')) {
          const blanked = blankDirectiveAt(current, last.line);
          if (blanked === undefined) break;
          skipped.push(`${last.line}: ${last.message}`);
          current = blanked;
          last = { ...(await runIn(last.context, current)), skipped: [...skipped] };
        }
        if (skipped.length > 0) runs.push(last);
      });
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < tasks.length) await tasks[next++]!();
        }),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    for (const job of todo) cache[keys.get(job.id)!] = answers.get(job.id)!;
    writeCache(cache);
  }
  return answers;
}

/** How many refused directives one file may have blanked out before the oracle gives up on reading further. */
const MAX_SKIPPED = 40;

/**
 * The text with the directive nginx refused at `line` replaced by spaces (line breaks kept): the
 * innermost directive that ends on that line, or whose block opens there. Undefined when none does.
 */
export function blankDirectiveAt(text: string, line: number): string | undefined {
  const { config } = parseNginx({ name: 'x', absPath: '/x', text });
  let found: NginxDirective | undefined;
  walkNginx(config, (d) => {
    const inside = d.block?.[0]?.range.start ?? d.body?.range.start ?? d.range.end;
    const opensHere = (d.block !== undefined || d.body !== undefined) && d.range.start.line <= line && inside.line >= line;
    if (d.range.end.line === line || opensHere) found = d;
  });
  if (!found) return undefined;
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const start = starts[found.range.start.line - 1]! + found.range.start.column - 1;
  const end = starts[found.range.end.line - 1]! + found.range.end.column - 1;
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

/** The run in which nginx read furthest into the file (see `verdictOf`). */
function bestRun(id: string, runs: readonly NginxRun[]): NginxRun {
  let best = runs[0]!;
  for (const r of runs) if (progress(r, id) > progress(best, id)) best = r;
  return best;
}

/** Whether another context could get further: only when nginx says a directive does not belong where the file was put. */
function settles(run: NginxRun): boolean {
  return run.ok || !/is not allowed here$|has no opening "\{"$/.test(run.message ?? '');
}

/** Directives that say which context a file is written for, by its first top-level directive. */
const MAIN = new Set(['events', 'http', 'stream', 'mail', 'user', 'worker_processes', 'pid', 'load_module', 'env', 'daemon', 'worker_rlimit_nofile', 'pcre_jit', 'thread_pool', 'master_process', 'lock_file', 'timer_resolution', 'working_directory', 'worker_cpu_affinity', 'worker_priority', 'worker_shutdown_timeout']);
const HTTP = new Set(['server', 'upstream', 'map', 'geo', 'split_clients', 'log_format', 'limit_req_zone', 'limit_conn_zone', 'proxy_cache_path', 'fastcgi_cache_path', 'uwsgi_cache_path', 'scgi_cache_path', 'types', 'variables_hash_max_size', 'server_names_hash_bucket_size', 'map_hash_bucket_size']);
const SERVER = new Set(['location', 'listen', 'server_name', 'ssl_certificate', 'ssl_certificate_key']);

/** Every context, the one the file's top level points to first. */
export function contextsFor(text: string): Context[] {
  const { config } = parseNginx({ name: 'x', absPath: '/x', text });
  const names = config.directives.map((d) => d.name.value).filter((n) => n !== 'include');
  const first: Context = names.some((n) => MAIN.has(n)) ? 'main' : names.some((n) => HTTP.has(n)) ? 'http' : names.some((n) => SERVER.has(n)) ? 'server' : names.length === 0 ? 'main' : 'location';
  return [first, ...(Object.keys(CONTEXTS) as Context[]).filter((c) => c !== first)];
}

function toRun(context: Context, output: string, where: { mirror: string; dir: string; corpus: string; wrapper: string; edited: string; id: string }): NginxRun {
  if (output === '') return { context, ok: true };
  const match = EMERG.exec(output);
  if (!match) return { context, ok: false, message: output.trim().split('\n')[0] };
  const [, message, file, line] = match;
  const run: NginxRun = { context, ok: false, message: message!.replaceAll(where.mirror, where.dir).replaceAll(`${where.corpus}/`, '') };
  if (file) {
    run.file = file === where.wrapper ? '<wrapper>' : file === where.edited ? where.id : relativeTo(file.startsWith(`${where.mirror}/`) ? path.join(where.dir, file.slice(where.mirror.length + 1)) : file, where.corpus);
    run.line = Number(line);
  }
  return run;
}

function relativeTo(file: string, corpus: string): string {
  return file.startsWith(`${corpus}/`) ? file.slice(corpus.length + 1) : file;
}
