import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { findComposeFiles } from '../input/discover.js';
import { expandGlob } from '../input/globs.js';
import type { LintTarget } from '../lint.js';
import type { Concurrency } from './concurrency.js';

/**
 * How the targets of a `lint()` call are shared among threads. A share is linted by one `lint()`
 * call of its own, so whatever can make one project must stay in one share: a folder's files (an
 * override file is linted over the base beside it; a folder's default base and override files are
 * one project), a directory target (searched whole) and a glob target (what it matches is decided
 * whole). Such a part is a unit; shares are runs of consecutive units, in the order the units first
 * appear among the targets, so that every share lints its targets in the order a single call would.
 */

/** Targets that one thread must lint together, and about how much work they are. */
export interface Unit {
  targets: LintTarget[];
  /** The compose (or config) files the targets name or stand for. */
  files: number;
  /** Their bytes plus a fixed cost per file (`FILE_WEIGHT`): what the shares are balanced on. */
  weight: number;
}

/**
 * What one file costs besides its bytes, in bytes: loading a project, running the rules on it and
 * reporting have a fixed part that small files are mostly made of (about 3 ms a file against
 * about 1 µs a byte, from the corpus run).
 */
const FILE_WEIGHT = 3000;

/**
 * With `'auto'`, one more thread for every this many files: a worker thread costs about 300 ms to
 * start (loading the linter's modules, then compiling its hot code again) and about 40 MB, which
 * only a run of hundreds of files could pay back (docs/performance.md).
 */
export const AUTO_FILES_PER_THREAD = 400;

/**
 * With `'auto'`, one thread for every this many cores: one thread's lint keeps about 1.6 cores busy
 * (V8 compiles and collects garbage on threads of its own), so on 2 cores a second thread found
 * too little free to gain anything (docs/performance.md).
 */
export const AUTO_CORES_PER_THREAD = 2;

/**
 * The units of the targets, in order; undefined when a target would make `lint()` throw (a
 * directory without compose files), which a single call then does. Throws where `lint()` would on
 * a glob (one that matches nothing) or a malformed target.
 */
export function unitsOf(targets: readonly LintTarget[], cwd: string): Unit[] | undefined {
  const units = new Map<string, Unit>();
  const add = (key: string, target: LintTarget, files: readonly string[]) => {
    let unit = units.get(key);
    if (!unit) units.set(key, (unit = { targets: [], files: 0, weight: 0 }));
    unit.targets.push(target);
    unit.files += files.length;
    unit.weight += files.reduce((sum, file) => sum + FILE_WEIGHT + (statOf(file)?.size ?? 0), 0);
  };
  for (const target of targets) {
    if (typeof target !== 'string') {
      const files = target.files.map((file) => path.resolve(cwd, file));
      add(`folder:${path.dirname(files[0] ?? cwd)}`, target, files);
      continue;
    }
    const absPath = path.resolve(cwd, target);
    const stats = statOf(absPath);
    if (stats?.isFile()) {
      add(`folder:${path.dirname(absPath)}`, target, [absPath]);
    } else if (stats?.isDirectory()) {
      const files = findComposeFiles(absPath);
      if (files.length === 0) return undefined;
      add(`directory:${absPath}`, target, files);
    } else {
      // A path that does not exist as written is a glob, or a missing file (a `core/input` finding).
      const matched = expandGlob(target, cwd);
      add(matched ? `glob:${target}` : `folder:${path.dirname(absPath)}`, target, matched ?? [absPath]);
    }
  }
  return [...units.values()];
}

/** How many threads to use for these units: 1 means this thread only. */
export function threadCount(concurrency: Concurrency, units: readonly Unit[], cores: number): number {
  if (concurrency === 'off') return 1;
  if (concurrency !== 'auto') return Math.max(1, Math.min(concurrency, units.length));
  const files = units.reduce((sum, unit) => sum + unit.files, 0);
  return Math.max(1, Math.min(Math.floor(cores / AUTO_CORES_PER_THREAD), Math.floor(files / AUTO_FILES_PER_THREAD), units.length));
}

/**
 * The units shared among `threads` threads as runs of consecutive units, balanced by weight; the
 * first share (this thread's, which starts at once) gets `headStart` more weight than the others,
 * whose threads first load the linter. A share never is empty, so there may be fewer shares than
 * threads.
 */
export function shareUnits(units: readonly Unit[], threads: number, headStart: number): LintTarget[][] {
  const total = units.reduce((sum, unit) => sum + unit.weight, 0);
  if (threads <= 1 || units.length <= 1 || total === 0) return [units.flatMap((unit) => unit.targets)];
  // This thread's share, then equal ones: each unit goes to the share its middle falls in.
  const first = Math.min(total, (total + (threads - 1) * headStart) / threads);
  const rest = (total - first) / (threads - 1);
  if (rest <= 0) return [units.flatMap((unit) => unit.targets)];
  const shares: LintTarget[][] = [];
  let index = -1;
  let before = 0;
  for (const unit of units) {
    const middle = before + unit.weight / 2;
    const share = middle < first ? 0 : Math.min(threads - 1, 1 + Math.floor((middle - first) / rest));
    if (share !== index) {
      shares.push([]);
      index = share;
    }
    shares[shares.length - 1]!.push(...unit.targets);
    before += unit.weight;
  }
  return shares;
}

/** What a path names (following links); undefined when nothing, or when it cannot be read. */
function statOf(absPath: string): Stats | undefined {
  try {
    return statSync(absPath);
  } catch {
    return undefined;
  }
}
