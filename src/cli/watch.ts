import { watch as watchFolder, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { CONFIG_NAMES } from '../config/load.js';
import type { Finding } from '../findings/finding.js';
import { COMPOSE_FILE_NAME, isDirectory } from '../input/discover.js';
import { isInside } from '../input/source.js';
import type { LintResult } from '../lint.js';

/** The line each run starts with: a background problem matcher's `beginsPattern`. */
export const WATCH_BEGIN = 'escashop-lint: linting...';
/** The line each run ends with: a background problem matcher's `endsPattern` matches it, whatever the count. */
export function watchEnd(problems: number | undefined): string {
  const outcome = problems === undefined ? 'failed, see above' : `done, ${problems} problem${problems === 1 ? '' : 's'}`;
  return `escashop-lint: ${outcome} (watching for changes)`;
}

/** Lints the targets once and prints the report, telling `seen` what it read and showed; throws as `lint()` does. */
export type LintOnce = (seen: (result: LintResult, shown: readonly Finding[]) => void) => Promise<unknown>;

export interface WatchOptions {
  cwd: string;
  /** The paths given (positional, `-f`, `--env-file`, `--config`): watched even when a run fails before reading them. */
  paths: readonly string[];
  /** Clear the terminal before each run (a person reads the text report on a terminal). */
  clearScreen: boolean;
  /** Prints an error a run threw, in one line. */
  onError(error: unknown): void;
  /** Quiet period after the last change before linting again. */
  debounceMs?: number;
}

/**
 * `--watch`: lints, then watches what the run read (each file, the configuration files that could
 * apply to it, the folders given) and lints every target again ~100 ms after the last change, until
 * SIGINT or SIGTERM, then resolves to exit code 0. Folders are watched rather than files, for editors
 * that save by writing a new file and renaming it over the old. Each run is framed by `WATCH_BEGIN`
 * and `watchEnd()` on stderr; an error (a broken configuration) is printed and the watch goes on.
 */
export function watchAndLint(lintOnce: LintOnce, options: WatchOptions): Promise<number> {
  const debounceMs = options.debounceMs ?? 100;
  const watchers = new Map<string, FSWatcher>();
  let folders = new Map<string, Folder>();
  let lastRead: readonly string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  const schedule = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void cycle(), debounceMs);
  };

  const rewatch = () => {
    for (const [dir, watcher] of watchers) {
      if (folders.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
    }
    for (const dir of folders.keys()) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watchFolder(dir, (_event, name) => {
          // The filter is looked up when the event comes: the set watched changes with each run.
          if (name === null || folders.get(dir)?.accepts(String(name))) schedule();
        });
        // A folder removed while watched: what is left of the project is still watched.
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // A folder that does not exist (yet): nothing to watch there.
      }
    }
  };

  const cycle = async () => {
    running = true;
    if (options.clearScreen) process.stdout.write('\u001b[2J\u001b[H');
    process.stderr.write(`${WATCH_BEGIN}\n`);
    let problems: number | undefined;
    try {
      await lintOnce((result, shown) => {
        lastRead = result.files.map((file) => path.resolve(options.cwd, file.file));
        problems = shown.length;
      });
    } catch (error) {
      options.onError(error);
      problems = undefined;
    }
    running = false;
    if (stopped) return;
    folders = watchedFolders([...options.paths.map((p) => path.resolve(options.cwd, p)), ...lastRead], options.cwd);
    rewatch();
    process.stderr.write(`${watchEnd(problems)}\n`);
    if (again) {
      again = false;
      schedule();
    }
  };

  return new Promise((resolve) => {
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    void cycle();
  });
}

/** A watched folder: the names in it whose change means linting again, and whether a new compose file there does. */
interface Folder {
  accepts(name: string): boolean;
}

/**
 * The folders to watch for `files` (files read, or paths given): each file's folder, for the file
 * and the configuration files that would apply there; each folder above it up to `cwd`, for
 * configuration files; and a folder given itself, for any compose file in it (a new one is linted).
 */
export function watchedFolders(files: readonly string[], cwd: string): Map<string, Folder> {
  const names = new Map<string, Set<string>>();
  const composeFolders = new Set<string>();
  const nameIn = (dir: string, name: string) => {
    const set = names.get(dir) ?? new Set<string>();
    names.set(dir, set.add(name));
  };
  for (const file of files) {
    const folder = isDirectory(file);
    if (folder) composeFolders.add(file);
    else nameIn(path.dirname(file), path.basename(file));
    for (let dir = folder ? file : path.dirname(file); ; dir = path.dirname(dir)) {
      for (const name of CONFIG_NAMES) nameIn(dir, name);
      if (dir === cwd || !isInside(cwd, dir) || dir === path.dirname(dir)) break;
    }
  }
  return new Map(
    [...names].map(([dir, set]) => [dir, { accepts: (name: string) => set.has(name) || (composeFolders.has(dir) && COMPOSE_FILE_NAME.test(name)) }]),
  );
}
