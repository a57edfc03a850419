import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a lint run reads and probes, told to the cache while the run is recorded (`--cache`): the
 * modules that touch the file system call `recorder()?.…` just before they do, and nothing happens
 * when no run is recorded. The recorder looks at the path itself, before the module does, so that a
 * file changed during the run is recorded as it was before: the next run then sees a change and lints
 * again, never the other way round. Kept free of imports so that every module may call it.
 */
export interface Recorder {
  /** A file's content is about to be read (missing, a folder and unreadable count as states too). */
  read(absPath: string): void;
  /** A file's content as read by a library that gives it to us rather than letting us read it first. */
  readText(absPath: string, text: string): void;
  /** A path's kind and mode (following symbolic links) are about to be asked: existence probes too. */
  stat(absPath: string): void;
  /** The same without following a symbolic link at the path itself. */
  lstat(absPath: string): void;
  /** A path's real path is about to be resolved. */
  realpath(absPath: string): void;
  /** A folder's entries are about to be listed. */
  list(absPath: string): void;
  /** Git's index or ignore files are about to be asked whether git tracks, or ignores, a path. */
  git(question: 'tracked' | 'ignored', absPath: string): void;
  /** The configuration is about to be searched for from `dir` (the names looked for in each folder up to the project's). */
  configSearch(dir: string): void;
  /** A configuration file was loaded: one the cache cannot check (JavaScript, which may read anything) means no caching. */
  configFile(absPath: string): void;
  /** A configuration loads rule plugins: JavaScript, which may read anything, so no caching. */
  plugin(configFile: string): void;
}

const current = new AsyncLocalStorage<Recorder>();

/** The recorder of the run in progress in this async context, if it is recorded. */
export function recorder(): Recorder | undefined {
  return current.getStore();
}

/** Runs `fn` (and everything it awaits) recorded by `rec`. */
export function recordInto<T>(rec: Recorder, fn: () => T): T {
  return current.run(rec, fn);
}

/** Runs `fn` unrecorded: the recorder's own look at the file system. */
export function unrecorded<T>(fn: () => T): T {
  return current.exit(fn);
}
