import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { recorder } from '../cache/record.js';
import { isInside, readSource, type SourceFile } from '../input/source.js';
import type { Range } from '../parse/position.js';
import { get, isMap, isScalar, isSeq, type YNode } from '../parse/tree.js';
import { parseEnvFile, type EnvEntry } from './env-file.js';
import { findWorktree, isListed, readIndex, type IndexEntries, type Worktree } from './git-index.js';
import { dockerignored, dockerignorePatterns, gitignored, gitignorePatterns, type GitignoreFile } from './ignore-files.js';
import { includedProjectDir } from './include.js';
import type { Service } from './service.js';

/**
 * Facts about files on the machine the linter runs on, for the rules that need more than the
 * compose files: whether a secret file exists and with which mode, whether git tracks or ignores a
 * file, whether a build context leaves it out, what an env file sets. Rules never touch the file
 * system; they ask this, which reads each fact once, when first asked.
 *
 * Git is never run: tracking is read from the index file (`git-index.ts`), ignoring from the
 * `.gitignore` files and `info/exclude` (not the global `core.excludesFile`). A fact that cannot be
 * read (no repository, no index, a file that cannot be read) is `undefined`, "unknown".
 */

/** What a path is: absent, or a regular file, folder or something else (a FIFO, a device) with its permission bits. */
export type HostStat =
  | { kind: 'missing' }
  | {
      kind: 'file' | 'directory' | 'other';
      /** The permission bits; absent on Windows, where they mean nothing. */
      mode?: number;
    };

/** Whether a build context holds a file, and the `.dockerignore` that decides. */
export interface ContextMembership {
  /** True when the file is under the context folder and no `.dockerignore` leaves it out. */
  readonly sent: boolean;
  /** The `.dockerignore` read (absolute), if any. */
  readonly dockerignore?: string;
}

/** One `KEY=value` of an env file, with the value as written (quotes included). */
export interface EnvFileEntry extends EnvEntry {
  readonly written?: string;
}

export interface EnvFileContents {
  readonly source: SourceFile;
  readonly entries: readonly EnvFileEntry[];
}

/** Reads a text file for an env file's contents; undefined when it cannot (too large, binary, unreadable). */
export type TextReader = (absPath: string) => SourceFile | undefined;

const defaultReader: TextReader = (absPath) => {
  const read = readSource(absPath, { cwd: process.cwd() });
  return read.ok ? read.file : undefined;
};

export class HostFiles {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly readText: TextReader = defaultReader) {}

  private once<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /**
   * The absolute path of `written` taken from `base`, when it stays inside `base`: undefined for a
   * path elsewhere (`/run/secrets/x`, `../other`), or one whose symbolic links lead out of `base`.
   * Such a path is the deploy host's business and is never read.
   */
  within(base: string, written: string): string | undefined {
    const absPath = path.resolve(base, written);
    if (!isInside(base, absPath)) return undefined;
    const real = this.realpath(absPath);
    const realBase = this.realpath(base);
    if (real !== undefined && realBase !== undefined && !isInside(realBase, real)) return undefined;
    return absPath;
  }

  private realpath(absPath: string): string | undefined {
    return this.once(`realpath\0${absPath}`, () => {
      recorder()?.realpath(absPath);
      try {
        return realpathSync(absPath);
      } catch {
        return undefined;
      }
    });
  }

  /** What the path is (following symbolic links); undefined when that cannot be read. */
  stat(absPath: string): HostStat | undefined {
    return this.once(`stat\0${absPath}`, (): HostStat | undefined => {
      recorder()?.stat(absPath);
      try {
        const s = statSync(absPath);
        const kind = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
        return process.platform === 'win32' ? { kind } : { kind, mode: s.mode & 0o7777 };
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? { kind: 'missing' } : undefined;
      }
    });
  }

  /**
   * The git worktree holding the path, and the path relative to its root; undefined outside any. The
   * path need not exist: its nearest existing folder places it.
   */
  private inWorktree(absPath: string): { worktree: Worktree; relPath: string } | undefined {
    let dir = path.dirname(absPath);
    while (this.realpath(dir) === undefined && path.dirname(dir) !== dir) dir = path.dirname(dir);
    const real = this.realpath(dir);
    if (real === undefined) return undefined;
    const worktree = this.once(`worktree\0${real}`, () => findWorktree(real));
    if (!worktree) return undefined;
    const root = this.realpath(worktree.root) ?? worktree.root;
    const full = path.join(real, path.relative(dir, absPath));
    if (full === root || !isInside(root, full)) return undefined;
    return { worktree, relPath: path.relative(root, full).split(path.sep).join('/') };
  }

  /** True when git tracks the file (its index lists it); undefined when there is no repository or index to read. */
  tracked(absPath: string): boolean | undefined {
    recorder()?.git('tracked', absPath);
    const at = this.inWorktree(absPath);
    if (!at) return undefined;
    const entries = this.once(`index\0${at.worktree.index}`, (): IndexEntries | undefined => readIndex(at.worktree.index));
    return entries ? isListed(entries, at.relPath) : undefined;
  }

  /** True when git ignores the path, by the worktree's `.gitignore` files and `info/exclude`; undefined outside a worktree. */
  gitignored(absPath: string): boolean | undefined {
    recorder()?.git('ignored', absPath);
    const at = this.inWorktree(absPath);
    if (!at) return undefined;
    const files: GitignoreFile[] = [];
    const add = (dir: string, file: string) => {
      const text = this.smallText(file);
      if (text !== undefined) files.push({ dir, patterns: this.once(`gitignore\0${file}`, () => gitignorePatterns(text)) });
    };
    add('', path.join(path.dirname(at.worktree.index), 'info', 'exclude'));
    const parts = at.relPath.split('/').slice(0, -1);
    for (let i = 0; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      add(dir, path.join(at.worktree.root, ...parts.slice(0, i), '.gitignore'));
    }
    return gitignored(files, at.relPath);
  }

  /**
   * Whether a build context sends the file to the builder: the file is under the context folder and
   * the context's `.dockerignore` (or `<dockerfile>.dockerignore` beside the Dockerfile, which wins
   * when present, as BuildKit reads it) does not leave it out.
   */
  inBuildContext(contextDir: string, absPath: string, dockerfile?: string): ContextMembership {
    const relPath = path.relative(contextDir, absPath);
    if (relPath === '' || !isInside(contextDir, absPath)) return { sent: false };
    const candidates = [...(dockerfile ? [`${path.resolve(contextDir, dockerfile)}.dockerignore`] : []), path.join(contextDir, '.dockerignore')];
    for (const file of candidates) {
      const text = this.smallText(file);
      if (text === undefined) continue;
      const patterns = this.once(`dockerignore\0${file}`, () => dockerignorePatterns(text));
      return { sent: !dockerignored(patterns, relPath.split(path.sep).join('/')), dockerignore: file };
    }
    return { sent: true };
  }

  /** The statements of an env file, each with its value as written; undefined when the file cannot be read as text. */
  envFile(absPath: string): EnvFileContents | undefined {
    return this.once(`env\0${absPath}`, (): EnvFileContents | undefined => {
      const source = this.readText(absPath);
      if (!source) return undefined;
      const starts = [0];
      for (let i = source.text.indexOf('\n'); i !== -1; i = source.text.indexOf('\n', i + 1)) starts.push(i + 1);
      const offset = (p: Range['start']) => starts[p.line - 1]! + p.column - 1;
      const entries = parseEnvFile(source).entries.map((entry): EnvFileEntry =>
        entry.origin ? { ...entry, written: source.text.slice(offset(entry.origin.range.start), offset(entry.origin.range.end)) } : entry,
      );
      return { source, entries };
    });
  }

  /** A small text file (an ignore file), read once; undefined when absent or unreadable. */
  private smallText(absPath: string): string | undefined {
    return this.once(`text\0${absPath}`, () => {
      recorder()?.read(absPath);
      try {
        const s = statSync(absPath);
        return s.isFile() && s.size <= 1024 * 1024 ? readFileSync(absPath, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    });
  }
}

/** True when `absPath` is `dir` or under it. */
/** A mode as `chmod` writes it: `0644`. */
export function octalMode(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** The folder relative host paths written in a node start from: its included project's, else the project's. */
export function pathBase(project: { readonly directory: string }, node: YNode): string {
  return includedProjectDir(node) ?? project.directory;
}

/** A service's local build context: the folder, as written and absolute, and the Dockerfile path (relative to it) when given. */
export interface BuildContext {
  readonly service: Service;
  readonly dir: string;
  readonly written: string;
  readonly dockerfile?: string;
}

/** `build: .`, or `build.context` (default `.`); a remote context (a URL, `git@…`) is none. */
export function buildContextOf(project: { readonly directory: string }, service: Service): BuildContext | undefined {
  const build = service.get('build');
  const context = isScalar(build) ? build : isMap(build) ? get(build, 'context') : undefined;
  if (build === undefined || (isScalar(build) && build.value === null)) return undefined;
  const written = isScalar(context) && context.value !== null ? String(context.value) : '.';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^git@|^github\.com\//.test(written)) return undefined;
  const dockerfile = isMap(build) ? get(build, 'dockerfile') : undefined;
  const dir = path.resolve(pathBase(project, service.node), written);
  return isScalar(dockerfile) && typeof dockerfile.value === 'string' ? { service, dir, written, dockerfile: dockerfile.value } : { service, dir, written };
}

/** The paths a service's `env_file` names: a string, a list of strings, or a list of `{path, required, format}`. */
function envFilePaths(node: YNode | undefined): string[] {
  const items = isSeq(node) ? node.items : node === undefined ? [] : [node];
  return items.flatMap((item) => {
    const written = isMap(item) ? get(item, 'path') : item;
    return isScalar(written) && typeof written.value === 'string' && written.value !== '' ? [written.value] : [];
  });
}

/**
 * Every env file of a project, absolute, each once: those its variables are read from (`.env` or
 * `--env-file`), then each service's `env_file`, taken from the service's project directory. An
 * `env_file` outside that directory, or a link leading out of it, is the deploy host's: left out,
 * so that it is never read.
 */
export function envFilesOf(project: {
  readonly directory: string;
  readonly envFiles: readonly string[];
  readonly services: readonly Service[];
  readonly host: Pick<HostFiles, 'within'>;
}): string[] {
  const files = new Set(project.envFiles);
  for (const service of project.services) {
    const base = pathBase(project, service.node);
    for (const written of envFilePaths(service.get('env_file'))) {
      const absPath = project.host.within(base, written);
      if (absPath !== undefined) files.add(absPath);
    }
  }
  return [...files];
}
