import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, RelatedLocation } from '../findings/finding.js';
import type { Fix } from '../fix/types.js';
import type { SuppressedFinding } from '../filter/suppressions.js';
import { isDirectory } from '../input/discover.js';
import type { LintOptions, LintResult, LintTarget } from '../lint.js';
import { VERSION } from '../package-info.js';
import type { Range } from '../parse/position.js';
import { DEPENDENCY_KINDS, observe, sha256, type DependencyKind, type GitFacts } from './observe.js';

/**
 * The cache file (`--cache`): lint results of earlier runs, each under the key of its run (the
 * targets, the options that change findings, the working directory) with the dependencies the
 * run recorded. A result is served only when every dependency is as it was. The file is a header
 * line, then one line per run: `<key> <stored> <sum> <entry JSON>`, so that a run parses only its own
 * entry, and a writer keeps the others as they are. It is written whole, to a temporary file renamed
 * over it, so a reader never sees half of it.
 */

/** The layout of the cache file; a file of another layout, or of another build of the linter, is ignored. */
export const CACHE_FORMAT = 2;
/** The file's name inside a folder given as the location, and inside the default folder. */
export const CACHE_FILE_NAME = 'escashop-lint-cache.json';
/** At most this many runs are kept (the most recently linted), and ... */
export const MAX_ENTRIES = 16;
/** ... no more than this many bytes of them, the newest always kept. */
export const MAX_BYTES = 8 * 1024 * 1024;

/** A lint result as cached: only what the reports print (findings never hold a secret's value). */
export type StoredResult = Required<Pick<LintResult, 'files' | 'findings' | 'suppressed'>> & Pick<LintResult, 'rules'>;

/**
 * A result as a line holds it: `files` as names only when each file's findings are the result's
 * findings in that file, in the same order (as `lint()` groups them), else in full.
 */
type StoredLineResult = Omit<StoredResult, 'files'> & { files: StoredResult['files'] | string[] };

/** What one run's line holds as JSON. */
interface CacheEntry {
  deps: [DependencyKind, string, string][];
  result: StoredLineResult;
}

/** One run's line, not parsed yet: when it was stored (ms since the epoch; the oldest go first) and its text. */
export interface StoredLine {
  stored: number;
  line: string;
}

/**
 * How each lint option bears on a cached result: part of the run's key, or not. Typed over every
 * option, so that a new option does not compile until it is placed here.
 */
const OPTION_ROLES: Record<keyof LintOptions, 'key' | 'not keyed'> = {
  cwd: 'key',
  maxBytes: 'key',
  config: 'key',
  useConfig: 'key',
  ignore: 'key',
  projectDir: 'key',
  envFiles: 'key',
  profiles: 'key',
  useProcessEnv: 'key',
  kind: 'key',
  reportUnusedDisableDirectives: 'key',
  // Stored without the text of the files a fix writes (storedFix): the reports never show it.
  fix: 'key',
  // Only the built-in rules are cached (the tool stamp stands for them); standard input never is.
  rules: 'not keyed',
  stdin: 'not keyed',
  // Texts in memory (--fix-dry-run): such a run is never cached, see lint().
  overlay: 'not keyed',
  onProgress: 'not keyed',
  cache: 'not keyed',
  cacheLocation: 'not keyed',
  // Threads change how a run is linted, never its result (src/parallel/).
  concurrency: 'not keyed',
};

/**
 * The default cache folder: `node_modules/.cache/escashop-lint` in the nearest folder upwards from
 * `cwd` that holds a package.json (where other tools keep their caches), else in `cwd`.
 */
export function defaultCacheDir(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'node_modules', '.cache', 'escashop-lint');
    if (path.dirname(dir) === dir) return path.join(path.resolve(cwd), 'node_modules', '.cache', 'escashop-lint');
  }
}

/** The cache file for `--cache-location` (a file, or a folder: an existing one, or a path ending in a separator), or the default one. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(defaultCacheDir(cwd), CACHE_FILE_NAME);
  const resolved = path.resolve(cwd, location);
  const folder = /[\\/]$/.test(location) || isDirectory(resolved);
  return folder ? path.join(resolved, CACHE_FILE_NAME) : resolved;
}

/**
 * The run's key: the targets, the working directory, every option that changes findings, the node
 * version and platform, and with `useProcessEnv` a hash of the whole environment (any variable may be
 * interpolated; only the hash is kept).
 */
export function runKey(targets: readonly LintTarget[], options: LintOptions, cwd: string): string {
  const keyed = Object.entries(options)
    .filter(([name, value]) => value !== undefined && OPTION_ROLES[name as keyof LintOptions] === 'key')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const environment = options.useProcessEnv ? sha256(JSON.stringify(Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : 1)))) : null;
  return sha256(JSON.stringify([path.resolve(cwd), targets, keyed, process.version, process.platform, environment]));
}

/**
 * The linter's version and build: the package version, and the size and time of the module this
 * is in (the bundled CLI, or the compiled file), which every build rewrites. A cache of another
 * version or build is ignored.
 */
export function toolStamp(): string {
  try {
    const s = statSync(fileURLToPath(import.meta.url));
    return `${VERSION}+${s.size}.${s.mtimeMs}`;
  } catch {
    return VERSION;
  }
}

/** The header line of a cache file of this layout and build. */
function header(tool: string): string {
  return JSON.stringify({ format: CACHE_FORMAT, tool });
}

/** The runs in the cache file, by key; none when it is missing, unreadable, or of another layout or build. Lines that are not a run's are left out. */
export function readCache(file: string, tool: string): Map<string, StoredLine> {
  const entries = new Map<string, StoredLine>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return entries;
  }
  const lines = text.split('\n');
  if (lines[0] !== header(tool)) return entries;
  for (const line of lines.slice(1)) {
    const [key, stored] = line.split(' ', 2);
    if (key && stored && /^\d+$/.test(stored)) entries.set(key, { stored: Number(stored), line });
  }
  return entries;
}

/**
 * The cached result when every dependency is as recorded; otherwise why not (the first change found,
 * or `corrupt entry` for a line that is not one: its hash says whether it is as written).
 */
export async function currentResult(stored: StoredLine): Promise<{ result: StoredResult } | { changed: string }> {
  const [key = '', time = '', sum = ''] = stored.line.split(' ', 3);
  const json = stored.line.slice(key.length + time.length + sum.length + 3);
  let entry: unknown;
  try {
    entry = sha256(json) === sum ? JSON.parse(json) : undefined;
  } catch {
    // not JSON: below
  }
  if (!isEntry(entry)) return { changed: 'corrupt entry' };
  let git: GitFacts | undefined;
  if (entry.deps.some(([kind]) => kind === 'tracked' || kind === 'ignored')) {
    const { HostFiles } = await import('../model/host-files.js');
    git = new HostFiles();
  }
  for (const [kind, absPath, state] of entry.deps) {
    if (observe(kind, absPath, () => git!) !== state) return { changed: `${absPath} (${kind})` };
  }
  const { files, findings, suppressed, rules } = entry.result;
  const byFile = findingsByFile(findings);
  return { result: { files: files.map((f) => (typeof f === 'string' ? { file: f, findings: byFile.get(f) ?? [] } : f)), findings, suppressed, ...(rules ? { rules } : {}) } };
}

function findingsByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return byFile;
}

/**
 * Adds a run's line to the cache file (re-read first, so that runs other processes stored meanwhile
 * stay), oldest lines dropped beyond `MAX_ENTRIES` or `MAX_BYTES`; written to a temporary file and
 * renamed over the cache, so concurrent runs never leave a broken file (the last writer's lines win).
 * Returns a warning when the file cannot be written; never throws.
 */
export function writeEntry(file: string, tool: string, key: string, deps: CacheEntry['deps'], result: LintResult): string | undefined {
  const json = JSON.stringify({ deps, result: storedResult(result) } satisfies CacheEntry);
  const stored = Date.now();
  const entries = readCache(file, tool).set(key, { stored, line: `${key} ${stored} ${sha256(json)} ${json}` });
  const kept: string[] = [];
  let bytes = 0;
  for (const { line } of [...entries.values()].sort((a, b) => b.stored - a.stored)) {
    if (kept.length > 0 && (kept.length >= MAX_ENTRIES || bytes + line.length > MAX_BYTES)) continue;
    kept.push(line);
    bytes += line.length;
  }
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, `${[header(tool), ...kept].join('\n')}\n`);
    renameSync(temp, file);
    return undefined;
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
    const code = (error as NodeJS.ErrnoException).code;
    return `cannot write the cache ${file} (${code ?? (error as Error).message}); linted without it`;
  }
}

/** A lint result reduced to what the reports print, as plain data. */
function storedResult(result: LintResult): StoredLineResult {
  const byFile = findingsByFile(result.findings);
  const same = (a: readonly Finding[], b: readonly Finding[] = []) => a.length === b.length && a.every((finding, i) => finding === b[i]);
  const names = new Set(result.files.map((f) => f.file));
  const grouped = result.files.every((f) => same(f.findings, byFile.get(f.file))) && [...byFile.keys()].every((file) => names.has(file));
  return {
    files: grouped ? result.files.map((f) => f.file) : result.files.map((f) => ({ file: f.file, findings: f.findings.map(storedFinding) })),
    findings: result.findings.map(storedFinding),
    suppressed: (result.suppressed ?? []).map(storedSuppressed),
    // The configuration's policies, which SARIF describes (plugins are never cached).
    ...(result.rules ? { rules: result.rules } : {}),
  };
}

function storedFinding(f: Finding): Finding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    range: storedRange(f.range),
    related: f.related.map((r): RelatedLocation => ({ message: r.message, file: r.file, range: storedRange(r.range) })),
    ...(f.redact === undefined ? {} : { redact: f.redact.map(storedRange) }),
    ...(f.fix === undefined ? {} : { fix: storedFix(f.fix) }),
  };
}

/**
 * A fix as the reports show it (the JSON and SARIF `fix`, the text summary's count): its edits, and
 * the files it writes without their text, which may be a secret's value. A fix run never reads the
 * cache, so a stored fix is never applied.
 */
function storedFix(fix: Fix): Fix {
  return {
    description: fix.description,
    kind: fix.kind,
    edits: fix.edits.map((e) => ({ file: e.file, range: storedRange(e.range), text: e.text, ...(e.joinable ? { joinable: true as const } : {}) })),
    ...(fix.files ? { files: fix.files.map((w) => ({ file: w.file, text: '', ...(w.mode === undefined ? {} : { mode: w.mode }), ...(w.secret ? { secret: true } : {}), ...(w.append ? { append: true } : {}) })) } : {}),
  };
}

function storedSuppressed({ finding, suppression: s }: SuppressedFinding): SuppressedFinding {
  const suppression = { kind: s.kind, directive: s.directive, file: s.file, range: storedRange(s.range) };
  return { finding: storedFinding(finding), suppression: s.justification === undefined ? suppression : { ...suppression, justification: s.justification } };
}

function storedRange(r: Range): Range {
  return { start: { line: r.start.line, column: r.start.column }, end: { line: r.end.line, column: r.end.column } };
}

function isEntry(entry: unknown): entry is CacheEntry {
  const e = entry as Partial<CacheEntry> | null | undefined;
  if (e === null || typeof e !== 'object' || !Array.isArray(e.deps)) return false;
  const isDependency = (d: unknown) => Array.isArray(d) && d.length === 3 && DEPENDENCY_KINDS.includes(d[0] as DependencyKind) && typeof d[1] === 'string' && typeof d[2] === 'string';
  const r = e.result as Partial<StoredLineResult> | null | undefined;
  return (e.deps as unknown[]).every(isDependency) && r !== null && typeof r === 'object' && Array.isArray(r.files) && Array.isArray(r.findings) && Array.isArray(r.suppressed);
}
