/**
 * `.dockerignore` and `.gitignore` patterns: which paths a build context leaves out, and which paths
 * git ignores. Paths are relative, with `/` separators.
 *
 * Both read blank lines and `#` comments as nothing, `!` as an exception that brings a path back, and
 * the last pattern that matches as the one that decides; `*` and `?` do not cross a `/`, `[…]` is a
 * character class, `**` matches any number of folders and `\` escapes the next character.
 */

interface Pattern {
  regex: RegExp;
  negated: boolean;
  /** A `.gitignore` pattern written with a trailing `/`: it matches folders only. */
  dirOnly: boolean;
}

/** A glob as a regular expression over a whole relative path. */
function globRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body[0] === '!' || body[0] === '^') body = `^${body.slice(1)}`;
        out += `[${body.replace(/[\\[]/g, '\\$&')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]!);
    else out += escape(c);
  }
  return out;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** The patterns of a `.dockerignore`, read as Docker reads them: every pattern is relative to the context root. */
export function dockerignorePatterns(text: string): Pattern[] {
  const out: Pattern[] = [];
  for (const line of lines(text)) {
    let p = line.trim();
    if (p === '' || p.startsWith('#')) continue;
    const negated = p.startsWith('!');
    if (negated) p = p.slice(1).trim();
    // Docker cleans the path: no leading `/` or `./`, no trailing `/`, no `//`.
    p = p.replace(/\/+/g, '/').replace(/^(?:\.\/|\/)+/, '').replace(/\/$/, '');
    if (p === '' || p === '.') continue;
    out.push({ regex: new RegExp(`^${globRegex(p)}$`), negated, dirOnly: false });
  }
  return out;
}

/** The relative path and each folder above it: `a/b/c` → `a`, `a/b`, `a/b/c`. */
function prefixes(relPath: string): string[] {
  const parts = relPath.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** True when a `.dockerignore` leaves the path out of the context: the last pattern matching it or a folder above it decides. */
export function dockerignored(patterns: readonly Pattern[], relPath: string): boolean {
  let ignored = false;
  const paths = prefixes(relPath);
  for (const pattern of patterns) {
    if (paths.some((p) => pattern.regex.test(p))) ignored = !pattern.negated;
  }
  return ignored;
}

/** The patterns of one `.gitignore` (or `info/exclude`), read as git reads them. */
export function gitignorePatterns(text: string): Pattern[] {
  const out: Pattern[] = [];
  for (const line of lines(text)) {
    if (line.startsWith('#')) continue;
    // Trailing blanks are dropped unless escaped.
    let p = line.replace(/(?<!\\)[ \t]+$/, '');
    if (p === '') continue;
    const negated = p.startsWith('!');
    if (negated) p = p.slice(1);
    const dirOnly = p.endsWith('/');
    if (dirOnly) p = p.replace(/\/+$/, '');
    if (p === '') continue;
    // A pattern with a `/` before its end is relative to the .gitignore's folder; without one it matches at any depth.
    const anchored = p.includes('/');
    p = p.replace(/^\//, '');
    out.push({ regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globRegex(p)}$`), negated, dirOnly });
  }
  return out;
}

/** One ignore file's patterns and the folder they are relative to (`''` for the worktree root). */
export interface GitignoreFile {
  dir: string;
  patterns: readonly Pattern[];
}

/**
 * True when git ignores the path (a file; the folders above it are folders), given the ignore files
 * that apply, lowest precedence first (`info/exclude`, the root `.gitignore`, then deeper ones). As
 * in git, a path under an ignored folder stays ignored whatever a later pattern says.
 */
export function gitignored(files: readonly GitignoreFile[], relPath: string): boolean {
  const paths = prefixes(relPath);
  return paths.some((p, i) => {
    const isDir = i < paths.length - 1;
    let ignored = false;
    for (const file of files) {
      if (file.dir !== '' && !p.startsWith(`${file.dir}/`)) continue;
      const local = file.dir === '' ? p : p.slice(file.dir.length + 1);
      for (const pattern of file.patterns) {
        if ((!pattern.dirOnly || isDir) && pattern.regex.test(local)) ignored = !pattern.negated;
      }
    }
    return ignored;
  });
}
