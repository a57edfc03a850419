import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Which files git tracks, read from the repository's index file (`.git/index`) directly. Running git
 * is avoided on purpose: a repository's own configuration can make git run programs
 * (`core.fsmonitor`, hooks, filters), and the linter runs on repositories it does not trust.
 *
 * Index versions 2, 3 and 4 are read, with SHA-1 or SHA-256 object names; a sparse index's directory
 * entries count for every path under them. With a split index (`link` extension) some entries live in
 * another file: a path found is tracked, a path not found is unknown.
 */

/** The worktree a path is in: its root folder and the index that lists its tracked files. */
export interface Worktree {
  root: string;
  index: string;
}

/** The paths an index lists, relative to the worktree root with `/` separators. */
export interface IndexEntries {
  version: number;
  files: ReadonlySet<string>;
  /** Directories a sparse index lists as one entry (`dir/`), without the trailing `/`. */
  sparseDirs: readonly string[];
  /** True when the index is split: entries missing here may be in the shared index. */
  split: boolean;
}

/** The worktree holding `dir`: the nearest folder upwards with a `.git` folder, or a `.git` file naming one (`gitdir: …`). */
export function findWorktree(dir: string): Worktree | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const dotGit = path.join(current, '.git');
    const kind = kindOf(dotGit);
    if (kind === 'dir') return { root: current, index: path.join(dotGit, 'index') };
    if (kind === 'file') {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit) ?? '');
      return m ? { root: current, index: path.join(path.resolve(current, m[1]!), 'index') } : undefined;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

function kindOf(p: string): 'dir' | 'file' | undefined {
  try {
    const s = statSync(p);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** Largest index read: far above a large monorepo's; a bigger "index" is not one. */
const MAX_INDEX_BYTES = 512 * 1024 * 1024;

/** A regular file's bytes, when it is one and not larger than `max`: never a FIFO or device, which could block. */
function readRegular(p: string, max: number): Buffer | undefined {
  try {
    const s = statSync(p);
    return s.isFile() && s.size <= max ? readFileSync(p) : undefined;
  } catch {
    return undefined;
  }
}

function readText(p: string): string | undefined {
  return readRegular(p, 64 * 1024)?.toString('utf8');
}

/** Reads an index file; undefined when it is absent or not an index this reader understands. */
export function readIndex(file: string): IndexEntries | undefined {
  const bytes = readRegular(file, MAX_INDEX_BYTES);
  if (!bytes) return undefined;
  // The object name length is not in the file: try SHA-1, then SHA-256; the wrong one fails the checks.
  return parseIndex(bytes, 20) ?? parseIndex(bytes, 32);
}

/** Parses index bytes with object names of `hashLength` bytes; undefined when they do not read as an index. */
export function parseIndex(bytes: Buffer, hashLength: number): IndexEntries | undefined {
  if (bytes.length < 12 + hashLength || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = bytes.readUInt32BE(8);
  const end = bytes.length - hashLength; // the trailing checksum
  const files = new Set<string>();
  const sparseDirs: string[] = [];
  let offset = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const fixed = 40 + hashLength;
    if (offset + fixed + 2 > end) return undefined;
    const flags = bytes.readUInt16BE(offset + fixed);
    let nameStart = offset + fixed + 2;
    if (flags & 0x4000) {
      if (version < 3) return undefined;
      nameStart += 2;
    }
    let name: Buffer;
    let next: number;
    if (version === 4) {
      const [strip, after] = readVarint(bytes, nameStart, end);
      if (after < 0 || strip > previous.length) return undefined;
      const nul = bytes.indexOf(0, after);
      if (nul === -1 || nul >= end) return undefined;
      name = Buffer.concat([previous.subarray(0, previous.length - strip), bytes.subarray(after, nul)]);
      next = nul + 1;
    } else {
      const nul = bytes.indexOf(0, nameStart);
      if (nul === -1 || nul >= end) return undefined;
      name = bytes.subarray(nameStart, nul);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      next = offset + ((nul - offset + 8) & ~7);
      if (next > end) return undefined;
    }
    const length = flags & 0x0fff;
    if (length < 0x0fff && length !== name.length) return undefined;
    const text = name.toString('utf8');
    const mode = bytes.readUInt32BE(offset + 24);
    // A split index writes an entry that replaces one of the shared index without its name.
    if (text === '') {
      if (version === 4) return undefined;
    } else if (text.endsWith('/') && (mode & 0o170000) === 0o040000) sparseDirs.push(text.slice(0, -1));
    else files.add(text);
    previous = name;
    offset = next;
  }
  return { version, files, sparseDirs, split: hasExtension(bytes, offset, end, 'link') };
}

/** Git's offset varint: 7 bits a byte, high bit set on all but the last, each continuation adding one. */
function readVarint(bytes: Buffer, at: number, end: number): [value: number, after: number] {
  let i = at;
  if (i >= end) return [0, -1];
  let c = bytes[i++]!;
  let value = c & 0x7f;
  while (c & 0x80) {
    if (i >= end) return [0, -1];
    c = bytes[i++]!;
    value = (value + 1) * 128 + (c & 0x7f);
  }
  return [value, i];
}

/** True when the extensions after the entries include `signature`. */
function hasExtension(bytes: Buffer, from: number, end: number, signature: string): boolean {
  for (let offset = from; offset + 8 <= end; ) {
    if (bytes.toString('latin1', offset, offset + 4) === signature) return true;
    offset += 8 + bytes.readUInt32BE(offset + 4);
  }
  return false;
}

/** Whether the index lists `relPath` (worktree-relative, `/` separators): undefined when a split index leaves it open. */
export function isListed(entries: IndexEntries, relPath: string): boolean | undefined {
  if (entries.files.has(relPath) || entries.sparseDirs.some((dir) => relPath.startsWith(`${dir}/`))) return true;
  return entries.split ? undefined : false;
}
