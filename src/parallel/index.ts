import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { rules as builtinRules } from '../../rules/index.js';
import { recorder } from '../cache/record.js';
import type { Rule } from '../engine/rule.js';
import type { LintOptions, LintResult, LintTarget } from '../lint.js';
import { PACKAGE_ROOT } from '../package-info.js';
import { DEFAULT_CONCURRENCY } from './concurrency.js';
import { mergeResults } from './merge.js';
import { shareUnits, threadCount, unitsOf } from './plan.js';

/**
 * `lint()` over worker threads (`LintOptions.concurrency`): the targets are shared among threads
 * (`./plan.ts`), this thread lints the first share with its own `lint()` call while worker threads
 * (`./worker.ts`) lint the others, and the results are merged into the one a single call gives
 * (`./merge.ts`). Whenever that cannot be done faithfully the run is linted in one call, so the
 * result, and any error, is always a single call's:
 * - standard input, a `--cache` run (its recorder sees only this thread's reads), rules that are not
 *   built-in (functions do not cross threads), a target that throws;
 * - a thread that fails in any way (a configuration error, a crash): the single call then throws
 *   the error a single call throws, with its class and message;
 * - shares' results that disagree where a single call's answer depends on the order it linted the
 *   projects in (`mergeResults`).
 */

/** What a worker thread is given: its share, the options that cross threads, the built-in rules by id. */
export interface WorkerJob {
  targets: LintTarget[];
  options: LintOptions;
  /** The built-in rules to run, by id; all of them when absent. */
  ruleIds?: string[];
  /** Post `progress` messages. */
  progress: boolean;
}

/** What a worker thread posts. */
export type ThreadMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: LintResult }
  | { type: 'error'; name: string; message: string };

type Lint = (targets: readonly LintTarget[], options: LintOptions) => Promise<LintResult>;

/** How a run went: linted by `threads` threads, or why it is to be linted in one call. */
export type ParallelOutcome = { result: LintResult; threads: number } | { serial: string };

/**
 * What a worker thread costs before it lints at full speed, as weight (`Unit.weight`, about 1 ms
 * per 1,000) that this thread's share gets more than the others: loading the linter's modules
 * (0.3–0.7 s measured) and compiling its hot code again.
 */
const HEAD_START = 500_000;

/**
 * `lint()`'s threaded path: the merged result, or undefined when the run is to be linted in one
 * call (with `ESCASHOP_DEBUG` set, stderr says why). `lint` is the single call.
 */
export async function lintInParallel(targets: readonly LintTarget[], options: LintOptions, lint: Lint): Promise<LintResult | undefined> {
  const outcome = await parallelLint(targets, options, lint);
  if ('result' in outcome) return outcome.result;
  if (process.env.ESCASHOP_DEBUG) process.stderr.write(`escashop-lint: linting in one thread: ${outcome.serial}\n`);
  return undefined;
}

/** How threads are shared out: the cores `'auto'` may use, and this thread's head start (`HEAD_START`). */
export interface Tuning {
  cores?: number;
  headStart?: number;
}

/** As `lintInParallel`, saying how the run went. */
export async function parallelLint(targets: readonly LintTarget[], options: LintOptions, lint: Lint, tuning: Tuning = {}): Promise<ParallelOutcome> {
  const { rules, onProgress, concurrency = DEFAULT_CONCURRENCY, ...rest } = options;
  if (options.stdin) return { serial: 'standard input is one file' };
  if (options.overlay) return { serial: 'texts given in memory (--fix-dry-run) are linted in one thread' };
  if (recorder()) return { serial: 'the cache records what this thread reads' };
  const ruleIds = builtinIds(rules);
  if (ruleIds === null) return { serial: 'rules other than the built-in ones cannot be passed to a worker thread' };
  const passed = Object.entries(rest).find(([, value]) => typeof value === 'function');
  if (passed) return { serial: `option ${passed[0]} cannot be passed to a worker thread` };
  const cwd = options.cwd ?? process.cwd();
  const units = plannable(() => unitsOf(targets, cwd));
  if (!units) return { serial: 'a target is no file, directory or glob with files, or is malformed' };
  const threads = threadCount(concurrency, units, tuning.cores ?? os.availableParallelism());
  const shares = shareUnits(units, threads, tuning.headStart ?? HEAD_START);
  if (shares.length < 2) return { serial: `${units.length} part(s) of ${units.reduce((n, u) => n + u.files, 0)} file(s), concurrency ${concurrency}: one thread` };
  const entry = workerEntry();
  if (!entry) return { serial: 'the worker thread module is not built (npm run build)' };

  const progress = shares.map((share) => ({ done: 0, total: share.length }));
  const tell = onProgress && ((share: number, done: number, total: number) => {
    progress[share] = { done, total };
    onProgress(progress.reduce((n, p) => n + p.done, 0), progress.reduce((n, p) => n + p.total, 0));
  });
  const threadOptions = { ...rest, cwd, concurrency: 'off' as const };
  const workers: Started[] = [];
  try {
    for (let share = 1; share < shares.length; share++) {
      const job: WorkerJob = { targets: shares[share]!, options: threadOptions, ...(ruleIds ? { ruleIds } : {}), progress: tell !== undefined };
      workers.push(startWorker(entry, job, tell && ((done, total) => tell(share, done, total))));
    }
    const here = lint(shares[0]!, { ...threadOptions, ...(rules ? { rules } : {}), ...(tell ? { onProgress: (done: number, total: number) => tell(0, done, total) } : {}) });
    const results = await Promise.all([here, ...workers.map((w) => w.result)]);
    const merged = mergeResults(results);
    if ('conflict' in merged) return { serial: `the shares' results cannot be merged: ${merged.conflict}` };
    return { result: merged.result, threads: shares.length };
  } catch (error) {
    const what = error instanceof ThreadError ? error.message : `${(error as Error)?.constructor?.name}: ${(error as Error)?.message ?? String(error)}`;
    return { serial: `a thread failed: ${what}` };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** What `plan` returns; undefined when it throws (a malformed target, which a single call reports as it does). */
function plannable<T>(plan: () => T | undefined): T | undefined {
  try {
    return plan();
  } catch {
    return undefined;
  }
}

/** The ids of `rules` when each is a built-in rule (undefined: all of them), else null. */
function builtinIds(rules: readonly Rule[] | undefined): string[] | undefined | null {
  if (rules === undefined || rules === builtinRules) return undefined;
  const builtin = new Set(builtinRules);
  return rules.every((rule) => builtin.has(rule)) ? rules.map((rule) => rule.meta.id) : null;
}

/**
 * The worker thread's module: beside this one when this is the compiled library; else (the sources
 * under a test runner, or the bundled command line) the compiled one of the package; undefined
 * when there is none.
 */
function workerEntry(): URL | undefined {
  const beside = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = path.join(PACKAGE_ROOT, 'dist', 'src', 'parallel', 'worker.js');
  return existsSync(built) ? pathToFileURL(built) : undefined;
}

/** What a worker thread's `lint()` threw: its class name and message, as `Class: message`. */
export class ThreadError extends Error {}

interface Started {
  /** The share's result; rejected when the thread throws, crashes or exits without one. */
  result: Promise<LintResult>;
  stop(): Promise<void>;
}

/** Starts a worker thread on a job. */
export function startWorker(entry: URL, job: unknown, onProgress?: (done: number, total: number) => void): Started {
  const worker = new Worker(entry, { workerData: job });
  const result = new Promise<LintResult>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'progress') onProgress?.(message.done, message.total);
      else if (message.type === 'result') resolve(message.result);
      else reject(new ThreadError(`${message.name}: ${message.message}`));
    });
    worker.on('messageerror', reject);
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the worker thread exited (code ${code}) without a result`)));
  });
  // A failure is handled by whoever awaits the result; one that no one awaits any more (another thread failed first) is not unhandled.
  result.catch(() => undefined);
  return {
    result,
    stop: async () => {
      await worker.terminate();
    },
  };
}
