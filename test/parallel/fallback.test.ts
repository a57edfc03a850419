import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordInto, type Recorder } from '../../src/cache/record.js';
import { ConfigError } from '../../src/config/load.js';
import { defineRule } from '../../src/engine/api.js';
import { NoComposeFilesError } from '../../src/input/discover.js';
import { lint, type LintOptions, type LintTarget } from '../../src/lint.js';
import { parallelLint, startWorker } from '../../src/parallel/index.js';
import { tempProject } from '../cli/run.js';
import { canonical } from './helpers.js';
import { fixtureStack, manyProjects, STACK_TARGETS } from './fixture-stack.js';

/** When a threaded run is linted in one call instead, and how errors and crashes of threads come out. */

const even = { headStart: 0 };
/** Why a threaded run went to one thread; undefined when it used threads. */
async function whySerial(targets: readonly LintTarget[], options: LintOptions, tuning = even): Promise<string | undefined> {
  const outcome = await parallelLint(targets, { concurrency: 2, ...options }, lint, tuning);
  return 'serial' in outcome ? outcome.serial : undefined;
}
/** The class and message a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
  throw new Error('expected a rejection');
}

describe('runs linted in one thread', () => {
  const dir = fixtureStack();
  const targets = [...STACK_TARGETS];

  it('with rules that are not built in', async () => {
    const custom = defineRule({
      meta: { id: 'test/every-service', description: 'every service', severity: 'warning', tags: [], references: {} },
      create: (context) => ({ service: (service) => context.report({ at: service.key, message: 'a service' }) }),
    } as Parameters<typeof defineRule>[0]);
    expect(await whySerial(targets, { cwd: dir, rules: [custom] })).toBe('rules other than the built-in ones cannot be passed to a worker thread');
  });

  it('with standard input, under the cache\'s recorder, and with an option that is a function', async () => {
    expect(await whySerial(targets, { cwd: dir, stdin: { path: 'a/docker-compose.yml', bytes: new Uint8Array() } })).toBe('standard input is one file');
    const recorder = new Proxy({}, { get: () => () => undefined }) as Recorder;
    expect(await recordInto(recorder, () => whySerial(targets, { cwd: dir }))).toBe('the cache records what this thread reads');
    expect(await whySerial(targets, { cwd: dir, ...({ onCancel: () => undefined } as object) })).toBe('option onCancel cannot be passed to a worker thread');
  });

  it('with one part, off, or a small run on auto', async () => {
    expect(await whySerial(['a/docker-compose.yml', 'a/docker-compose.override.yml'], { cwd: dir })).toBe('1 part(s) of 2 file(s), concurrency 2: one thread');
    expect(await whySerial(targets, { cwd: dir, concurrency: 'off' })).toBe('9 part(s) of 14 file(s), concurrency off: one thread');
    expect(await whySerial(targets, { cwd: dir, concurrency: 'auto' }, { headStart: 0, cores: 8 } as typeof even)).toBe('9 part(s) of 14 file(s), concurrency auto: one thread');
  });

  it('when a directive is used by the projects of one share and not by those of another', async () => {
    const options = { cwd: dir, reportUnusedDisableDirectives: true };
    expect(await whySerial(targets, { ...options, concurrency: 3 })).toBe(
      "the shares' results cannot be merged: core/unused-directive at common.yml:2:37: the directive is used in one share and not in another",
    );
    // One call uses the directive (for the prod project of a/): it is not reported unused.
    const result = await lint(targets, { ...options, concurrency: 3 });
    expect(canonical(result)).toEqual(canonical(await lint(targets, { ...options, concurrency: 'off' })));
    expect(result.findings.filter((f) => f.file === 'common.yml' && f.ruleId === 'core/unused-directive')).toEqual([]);
  });
});

describe('errors', () => {
  it('a bad concurrency is a TypeError, whatever the targets', async () => {
    for (const concurrency of [0, -1, 1.5, 'fast', '2']) {
      expect(await failure(lint([], { concurrency: concurrency as LintOptions['concurrency'] }))).toBe(
        `TypeError: concurrency: ${JSON.stringify(concurrency)} is not a whole number of threads (1 or more), "auto" or "off"`,
      );
    }
  });

  it('a configuration error in a worker thread\'s share is the one a single call throws', async () => {
    const { dir, targets } = manyProjects(12, { 'zz/.escashoprc.json': '{"rules": {"compose/no-such-rule": "error"}}\n', 'zz/compose.yml': 'services: {}\n' });
    const serial = await failure(lint(targets, { cwd: dir, concurrency: 'off' }));
    expect(serial).toMatch(/^ConfigError: zz\/\.escashoprc\.json:1:\d+: .*compose\/no-such-rule/);
    // The worker thread that lints zz/ fails; the run is then linted in one call, which throws.
    expect(await whySerial(targets, { cwd: dir }, {} as typeof even)).toBe(`a thread failed: ${serial}`);
    expect(await failure(lint(targets, { cwd: dir, concurrency: 2 }))).toBe(serial);
    await expect(lint(targets, { cwd: dir, concurrency: 2 })).rejects.toBeInstanceOf(ConfigError);
  });

  it('a directory without compose files is the single call\'s NoComposeFilesError', async () => {
    const { dir, targets } = manyProjects(2, { 'empty/readme.md': 'nothing\n' });
    const serial = await failure(lint([...targets, 'empty'], { cwd: dir, concurrency: 'off' }));
    expect(serial).toBe('NoComposeFilesError: no compose files in empty (looked for compose*.y*ml and docker-compose*.y*ml)');
    expect(await failure(lint([...targets, 'empty'], { cwd: dir, concurrency: 2 }))).toBe(serial);
    await expect(lint([...targets, 'empty'], { cwd: dir, concurrency: 2 })).rejects.toBeInstanceOf(NoComposeFilesError);
  });

  it('an exception inside the threads is the single call\'s, class and message', async () => {
    const { dir, targets } = manyProjects(12);
    const options = { cwd: dir, profiles: 5 as unknown as string[] };
    const serial = await failure(lint(targets, { ...options, concurrency: 'off' }));
    expect(serial).toMatch(/^TypeError: /);
    expect(await whySerial(targets, options, {} as typeof even)).toMatch(/^a thread failed: TypeError: /);
    expect(await failure(lint(targets, { ...options, concurrency: 2 }))).toBe(serial);
  });
});

describe('startWorker', () => {
  const dir = tempProject({});
  const entry = (name: string, code: string) => {
    const file = path.join(dir, `${name}.mjs`);
    writeFileSync(file, code);
    return new URL(`file://${file}`);
  };

  it('rejects when the thread posts an error, throws, exits or is stopped, never hangs', async () => {
    const posted = startWorker(entry('posts', "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'error', name: 'ConfigError', message: 'bad config' });\n"), {});
    expect(await failure(posted.result)).toBe('ThreadError: ConfigError: bad config');
    const thrown = startWorker(entry('throws', "throw new RangeError('boom');\n"), {});
    expect(await failure(thrown.result)).toBe('RangeError: boom');
    const exits = startWorker(entry('exits', 'process.exit(7);\n'), {});
    expect(await failure(exits.result)).toBe('Error: the worker thread exited (code 7) without a result');
    const hangs = startWorker(entry('hangs', 'setInterval(() => undefined, 1000);\n'), {});
    await hangs.stop();
    expect(await failure(hangs.result)).toMatch(/^Error: the worker thread exited \(code \d+\) without a result$/);
    await Promise.all([posted, thrown, exits].map((w) => w.stop()));
  });

  it('passes progress on and resolves with the result', async () => {
    const progress: string[] = [];
    const worker = startWorker(
      entry('works', "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage({ type: 'progress', done: 1, total: 2 });\nparentPort.postMessage({ type: 'result', result: { files: [], findings: [], suppressed: [], job: workerData } });\n"),
      { n: 1 },
      (done, total) => progress.push(`${done}/${total}`),
    );
    expect(await worker.result).toEqual({ files: [], findings: [], suppressed: [], job: { n: 1 } });
    expect(progress).toEqual(['1/2']);
    await worker.stop();
  });
});
