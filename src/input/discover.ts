import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { recorder } from '../cache/record.js';

/** A directory given to lint that holds no compose file: a usage error, as ESLint's "No files matching". */
export class NoComposeFilesError extends Error {}

/** The names a directory search takes as compose files: `compose*.y*ml` and `docker-compose*.y*ml`. */
export const COMPOSE_FILE_NAME = /^(?:docker-)?compose.*\.y.*ml$/;

/**
 * The compose files under a directory, searched recursively, as absolute paths sorted by their
 * path (`/`-separated, code point order) so output is stable. Folders named `node_modules` and
 * every dot-folder below `dir` (`.git`, `.github`, `.venv`, `.devcontainer`…) are skipped; `dir`
 * itself is searched even when it is one. Symbolic links to files count, links to folders are not
 * followed (no cycles, no leaving the tree). Unreadable subfolders are skipped.
 */
export function findComposeFiles(dir: string): string[] {
  return walkFiles(dir, (file) => COMPOSE_FILE_NAME.test(path.basename(file)));
}

/**
 * The files under a directory that `accept` takes (given each file's absolute path), searched and
 * sorted as `findComposeFiles()` does: no `node_modules` or dot-folders below `dir`, links to files
 * followed, links to folders not.
 */
export function walkFiles(dir: string, accept: (file: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    let entries: Dirent[];
    recorder()?.list(folder);
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolder(entry.name)) walk(full);
      } else if (accept(full) && (entry.isFile() || (entry.isSymbolicLink() && isFile(full)))) {
        found.push(full);
      }
    }
  };
  walk(dir);
  const key = (file: string) => path.relative(dir, file).split(path.sep).join('/');
  return found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function skippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

function isFile(file: string): boolean {
  recorder()?.stat(file);
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether a path names an existing directory (following links). */
export function isDirectory(file: string): boolean {
  recorder()?.stat(file);
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The names `docker compose` looks for when no `-f` is given, in its order of preference: the first
 * one present in the folder is the project's file (`compose.yaml` over `docker-compose.yml`), and
 * the first override name present is merged over it, whichever base name won.
 */
export const DEFAULT_FILE_NAMES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const DEFAULT_OVERRIDE_FILE_NAMES: readonly string[] = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** The files `docker compose` without `-f` would load in `folder`: its base file, and the override merged over it. */
export interface DefaultFiles {
  base?: string;
  override?: string;
}

/**
 * The default files of a folder, as absolute paths; `exists` says which files count (by default, the
 * regular files there, links followed). An override without a base file is not loaded by Compose, so
 * it is left out.
 */
export function defaultFiles(folder: string, exists: (file: string) => boolean = isFile): DefaultFiles {
  const first = (names: readonly string[]) => names.map((name) => path.join(folder, name)).find(exists);
  const base = first(DEFAULT_FILE_NAMES);
  if (base === undefined) return {};
  const override = first(DEFAULT_OVERRIDE_FILE_NAMES);
  return override === undefined ? { base } : { base, override };
}
