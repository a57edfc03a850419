import { parentPort, workerData } from 'node:worker_threads';
import { rules } from '../../rules/index.js';
import { lint } from '../lint.js';
import type { ThreadMessage, WorkerJob } from './index.js';

/**
 * A worker thread's entry (`./index.ts` starts it): lints its share of the targets with one
 * `lint()` call and posts the result, or the error it threw; `progress` messages on the way when
 * the run shows progress.
 */
const job = workerData as WorkerJob;
const post = (message: ThreadMessage) => parentPort!.postMessage(message);
const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));

try {
  const result = await lint(job.targets, {
    ...job.options,
    concurrency: 'off',
    ...(job.ruleIds === undefined ? {} : { rules: job.ruleIds.map((id) => byId.get(id)!) }),
    ...(job.progress ? { onProgress: (done: number, total: number) => post({ type: 'progress', done, total }) } : {}),
  });
  post({ type: 'result', result });
} catch (error) {
  post({ type: 'error', message: String((error as Error)?.message ?? error), name: (error as Error)?.constructor?.name ?? 'Error' });
}
