import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { BIN } from './run.js';

/** A `--watch` run of the built CLI whose output the test reads as it comes. */
export interface WatchRun {
  readonly child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once `ready(stdout, stderr)` holds; rejects, with the output so far, after `timeoutMs` or when the process ends first. */
  until(ready: (stdout: string, stderr: string) => boolean, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves to the exit code and the signal that ended the process. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
afterEach(() => {
  // A test that failed before stopping its watcher leaves nothing behind.
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts `node bin/escashop-lint.js <args>` in `cwd`, stdout and stderr as pipes, without the test runner's color variables. */
export function startWatch(args: readonly string[], cwd: string): WatchRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'ESCASHOP_DEBUG', 'NODE_OPTIONS', 'CI']) delete env[name];
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const changed = () => {
    for (const check of [...waiters]) check();
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    changed();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    changed();
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    until(ready, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const fail = (why: string) => {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`${why}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
        };
        const check = () => {
          if (!ready(stdout, stderr)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => fail(`not seen within ${timeoutMs} ms`), timeoutMs);
        waiters.add(check);
        void exited.then(() => setImmediate(() => waiters.has(check) && fail('the process ended first')));
        check();
      });
    },
    stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}

/** The `--watch` frame lines on stderr, in order. */
export function frameLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('escashop-lint: '));
}

/**
 * Writes `text` to `file` as an editor that saves through a temporary file does: written beside it,
 * then renamed over it, so the change is one event (a write in place may be two).
 */
export function saveByRename(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}
