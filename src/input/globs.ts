import { existsSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { recorder } from '../cache/record.js';
import { NoComposeFilesError, walkFiles } from './discover.js';

/**
 * A glob given as a path that matches no file (or that cannot be expanded): a usage error, like a
 * directory without compose files, whose error class it extends.
 */
export class NoMatchingFilesError extends NoComposeFilesError {}

/**
 * The files a path given to lint stands for when it is a glob (`deploy/**\/docker-compose*.yml`,
 * quoted so that the shell leaves it alone): the files under the glob's fixed leading folders
 * (`deploy`) whose path below them matches the rest, found as a directory is searched (no
 * `node_modules` or dot-folders, no dotfiles unless the glob names them) and sorted by path.
 * `undefined` when `target` is no glob, or names an existing file or folder as written (a file
 * called `app[1].yml` is that file). A glob that matches nothing throws `NoMatchingFilesError`.
 */
export function expandGlob(target: string, cwd: string): string[] | undefined {
  const scan = picomatch.scan(target);
  if (scan.isGlob) recorder()?.stat(path.resolve(cwd, target));
  if (!scan.isGlob || existsSync(path.resolve(cwd, target))) return undefined;
  if (scan.negated) throw new NoMatchingFilesError(`${target}: a negated glob (!) is not a path to lint; give globs of the files to lint`);
  const base = path.resolve(cwd, scan.base);
  const matches = picomatch(scan.glob);
  const found = walkFiles(base, (file) => matches(path.relative(base, file).split(path.sep).join('/')));
  if (found.length === 0) throw new NoMatchingFilesError(`no files match ${target}`);
  return found;
}
