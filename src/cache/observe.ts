import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';

/**
 * What a lint result depends on, one path at a time, and the state of each kind of dependency as a
 * string: the recorder writes the state a run saw, a later run looks again and compares. Every state
 * is taken by the same function here, so "the same" means the same.
 *
 * - `read`: a file's content: `sha256:…` of its bytes (never the bytes), or `missing`, `dir`, `other`,
 *   `error:<code>`; a file over `HASH_LIMIT` (a large git index) is taken by size and change times.
 * - `stat` / `lstat`: a path's kind and permission bits, following symbolic links or not.
 * - `realpath`: where a path's symbolic links lead.
 * - `list`: a folder's entries and their kinds (a new compose file in a searched folder).
 * - `tracked` / `ignored`: whether git tracks, or ignores, a path: the answer, not the index, which git
 *   rewrites on every `git add` and `git status`.
 */
export type DependencyKind = 'read' | 'stat' | 'lstat' | 'realpath' | 'list' | 'tracked' | 'ignored';

export const DEPENDENCY_KINDS: readonly DependencyKind[] = ['read', 'stat', 'lstat', 'realpath', 'list', 'tracked', 'ignored'];

/** The git answers `tracked` and `ignored` states are made of (`HostFiles` answers them). */
export interface GitFacts {
  tracked(absPath: string): boolean | undefined;
  gitignored(absPath: string): boolean | undefined;
}

/** Files larger than this are not hashed but taken by size, modification and change times and inode. */
export const HASH_LIMIT = 8 * 1024 * 1024;

/** The state of one dependency now. `git` answers the git questions; it is only asked for those. */
export function observe(kind: DependencyKind, absPath: string, git: () => GitFacts): string {
  switch (kind) {
    case 'read':
      return contentState(absPath);
    case 'stat':
      return attempt(() => statState(statSync(absPath)));
    case 'lstat':
      return attempt(() => statState(lstatSync(absPath)));
    case 'realpath':
      return attempt(() => `path:${realpathSync(absPath)}`);
    case 'list':
      return attempt(() => listState(readdirSync(absPath, { withFileTypes: true })));
    case 'tracked':
      return `git:${String(git().tracked(absPath))}`;
    case 'ignored':
      return `git:${String(git().gitignored(absPath))}`;
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

function contentState(absPath: string): string {
  return attempt(() => {
    const s = statSync(absPath);
    if (s.isDirectory()) return 'dir';
    // A FIFO or device is never read: it could block.
    if (!s.isFile()) return 'other';
    if (s.size > HASH_LIMIT) return `big:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
    return `sha256:${sha256(readFileSync(absPath))}`;
  });
}

function statState(s: Stats): string {
  const kind = s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'link' : 'other';
  return `${kind}:${(s.mode & 0o7777).toString(8)}`;
}

/**
 * A folder's entries: names and kinds, except the folders no listing of the linter looks into
 * (`node_modules` and dot-folders: a directory search skips them, a config include reads files only),
 * so that the cache's own `node_modules/.cache` or a `.git` that git rewrites changes nothing.
 */
function listState(entries: readonly Dirent[]): string {
  const kind = (e: Dirent) => (e.isFile() ? 'f' : e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'o');
  const looked = entries.filter((e) => !(e.isDirectory() && (e.name === 'node_modules' || e.name.startsWith('.'))));
  const names = looked.map((e) => `${kind(e)}${e.name}`).sort();
  return `entries:${sha256(names.join('\0'))}`;
}

/** A failed look is a state too: a missing path, or the error's code. */
function attempt(look: () => string): string {
  try {
    return look();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : `error:${code ?? 'unknown'}`;
  }
}
