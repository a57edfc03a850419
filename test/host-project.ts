import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * Projects on disk for the rules and model code that read facts about files (modes, git tracking,
 * ignore files): fixture files kept in the repository cannot carry a mode or a git index of their own.
 */

export interface HostProjectSpec {
  /** Relative path → contents. */
  files: Record<string, string>;
  /** Relative path → permission bits, applied after writing. */
  modes?: Record<string, number>;
  /** When given, the folder becomes a git repository and these paths are added to its index. */
  git?: readonly string[];
  /** Index version to write (2, 3 or 4); git's default otherwise. */
  indexVersion?: 2 | 3 | 4;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs git in a folder the test made itself, with nothing from the machine's or user's configuration
 * and no program-running setting, so that a test never depends on who runs it.
 */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 10_000,
    env: { PATH: process.env.PATH ?? '', HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

/** Writes a project into a fresh temporary folder (removed after the test file) and returns its absolute path. */
export function hostProject(spec: HostProjectSpec): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'escashop-host-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(spec.files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  for (const [rel, mode] of Object.entries(spec.modes ?? {})) chmodSync(path.join(dir, rel), mode);
  if (spec.git) {
    git(dir, 'init', '-q');
    if (spec.git.length > 0) git(dir, 'add', '--', ...spec.git);
    if (spec.indexVersion) git(dir, 'update-index', '--index-version', String(spec.indexVersion));
  }
  return dir;
}
