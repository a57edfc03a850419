import type { LintOptions, LintResult, LintTarget } from '../lint.js';
import { recordInto } from './record.js';
import { cacheFilePath, currentResult, readCache, runKey, toolStamp, writeEntry } from './store.js';

/**
 * `--cache` (docs/cache.md): a run whose targets and options were linted before, and whose every
 * dependency (each file read, each path probed, the configuration chain, git's answers) is as it
 * was, gets the result of then without loading the linter; otherwise the run is linted, recorded and
 * its result stored. The result is that of `lint()`, before `--baseline` and `--quiet` apply, so
 * those change what is shown on a cached run too.
 */

/** What the cache did for a run (`LintResult.cache`). */
export interface CacheStatus {
  /** The cache file, absolute. */
  file: string;
  /** True when the result came from the cache. */
  hit: boolean;
  /** Why the run was linted rather than served, or why its result was not stored. */
  reason?: string;
  /** Set when the cache could not be written (the run itself succeeded): one line. */
  warning?: string;
}

export type LintFunction = (targets: readonly LintTarget[], options: LintOptions) => Promise<LintResult>;

/**
 * Lints `targets` through the cache at `options.cacheLocation` (or the default one): `run` is the
 * linter, called only on a miss, with `cache` off. Standard input is never cached.
 */
export async function cachedLint(targets: readonly LintTarget[], options: LintOptions, run: LintFunction): Promise<LintResult & { cache: CacheStatus }> {
  const cwd = options.cwd ?? process.cwd();
  const file = cacheFilePath(options.cacheLocation, cwd);
  const uncached = { ...options, cache: false };
  if (options.stdin) return { ...(await run(targets, uncached)), cache: { file, hit: false, reason: 'standard input is not cached' } };
  const tool = toolStamp();
  const key = runKey(targets, options, cwd);
  const entry = readCache(file, tool).get(key);
  let reason = 'not cached yet';
  if (entry !== undefined) {
    const current = await currentResult(entry);
    if ('result' in current) return { ...current.result, cache: { file, hit: true } };
    reason = `changed: ${current.changed}`;
  }
  const { DependencyRecorder } = await import('./recorder.js');
  const recorder = new DependencyRecorder();
  const result = await recordInto(recorder, () => run(targets, uncached));
  if (recorder.uncacheable !== undefined) return { ...result, cache: { file, hit: false, reason: `not stored: ${recorder.uncacheable}` } };
  const warning = writeEntry(file, tool, key, recorder.dependencies, result);
  return { ...result, cache: { file, hit: false, reason, ...(warning === undefined ? {} : { warning }) } };
}
