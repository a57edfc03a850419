import { expect } from 'vitest';
import { lint, type LintOptions, type LintResult, type LintTarget } from '../../src/lint.js';
import { parallelLint, type ParallelOutcome } from '../../src/parallel/index.js';

/**
 * A result with its files in name order: a threaded run lists the same files as a single call, in
 * the order of its shares (docs/performance.md); everything else must be identical, order included.
 */
export function canonical(result: LintResult): LintResult {
  return { ...result, files: [...result.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}

/** Lints `targets` in one call and with `threads` threads, shared out evenly; both results, and how the threaded run went. */
export async function bothWays(targets: readonly LintTarget[], options: LintOptions, threads: number): Promise<{ serial: LintResult; outcome: ParallelOutcome }> {
  const serial = await lint(targets, { ...options, concurrency: 'off' });
  const outcome = await parallelLint(targets, { ...options, concurrency: threads }, lint, { headStart: 0 });
  return { serial, outcome };
}

/** The threaded run's result, which must have used at least two threads. */
export function threaded(outcome: ParallelOutcome): LintResult {
  expect('serial' in outcome ? outcome.serial : undefined).toBeUndefined();
  if (!('result' in outcome)) throw new Error('unreachable');
  expect(outcome.threads).toBeGreaterThanOrEqual(2);
  return outcome.result;
}
