import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

/**
 * Runs `fn` with the named node:fs functions (`sync` on node:fs, `promises` on node:fs/promises)
 * wrapped: each call given a path first reports it, absolute, and the function's name to `seen`.
 * For tests that must know which paths the code under test touches.
 */
export async function watchingFs<T>(sync: readonly string[], promises: readonly string[], seen: (absPath: string, name: string) => void, fn: () => Promise<T>): Promise<T> {
  const restore: (() => void)[] = [];
  const wrap = (target: Record<string, unknown>, name: string) => {
    const original = target[name] as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, p: unknown, ...rest: unknown[]) {
      if (typeof p === 'string' || p instanceof URL) seen(path.resolve(p instanceof URL ? p.pathname : p), name);
      return original.call(this, p, ...rest);
    };
    Object.assign(wrapped, original);
    target[name] = wrapped;
    restore.push(() => (target[name] = original));
  };
  for (const name of sync) wrap(fs as unknown as Record<string, unknown>, name);
  for (const name of promises) wrap(fs.promises as unknown as Record<string, unknown>, name);
  syncBuiltinESMExports();
  try {
    return await fn();
  } finally {
    for (const undo of restore) undo();
    syncBuiltinESMExports();
  }
}
