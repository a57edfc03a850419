/**
 * How many threads one `lint()` call may use (`LintOptions.concurrency`, `--concurrency`):
 * a count (this thread and count − 1 worker threads, at most one per share of the targets), `'auto'`
 * (one thread per 400 files and per 2 cores: threads only for a large run on a machine with cores
 * enough to gain from them) or `'off'` (this thread only; so is 1). Kept apart from the thread
 * machinery (`./index.ts`) so that a run that uses no threads never loads it. docs/performance.md
 * says what it does and what it gains.
 */
export type Concurrency = number | 'auto' | 'off';

/** `lint()`'s concurrency when none is given: see docs/performance.md for the measurements behind it. */
export const DEFAULT_CONCURRENCY: Concurrency = 'off';

/** The words `--concurrency` takes besides a count. */
const WORDS: readonly string[] = ['auto', 'off'];

/** Whether a value is a concurrency: `'auto'`, `'off'`, or a whole number of threads of at least 1. */
export function isConcurrency(value: unknown): value is Concurrency {
  return (typeof value === 'string' && WORDS.includes(value)) || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1);
}

/** The concurrency a command-line word names (`4`, `auto`, `off`); undefined when it names none. */
export function parseConcurrency(word: string): Concurrency | undefined {
  const value: unknown = /^[0-9]+$/.test(word) ? Number(word) : word;
  return isConcurrency(value) ? value : undefined;
}

/** What a bad `concurrency` option is told, by the API and the command line alike. */
export const CONCURRENCY_EXPECTED = 'a whole number of threads (1 or more), "auto" or "off"';

/** The concurrency a run asks for (`DEFAULT_CONCURRENCY` when none); a bad value is a `TypeError`. */
export function concurrencyOf(options: { concurrency?: Concurrency }): Concurrency {
  const value = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!isConcurrency(value)) throw new TypeError(`concurrency: ${JSON.stringify(value)} is not ${CONCURRENCY_EXPECTED}`);
  return value;
}
