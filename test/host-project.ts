import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Rule } from '../src/engine/rule.js';
import type { Finding } from '../src/findings/finding.js';
import { lint } from '../src/lint.js';

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

/** The keys of a service with every hardening the built-in rules ask for (indented for a service body), its image left to the caller. */
export const HARDENED = `    user: "10001:10001"
    read_only: true
    restart: unless-stopped
    security_opt: [no-new-privileges:true]
    cap_drop: [ALL]
    healthcheck:
      test: ["CMD", "/app/healthcheck"]
    deploy:
      resources:
        limits: {memory: 256M, cpus: "0.5", pids: 200}
`;

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

/** Lints a temporary project made of `files` (relative path → text) as a directory, with one rule and no configuration. */
export async function lintHostProject(rule: Rule, spec: HostProjectSpec): Promise<Finding[]> {
  const dir = hostProject(spec);
  return (await lint([dir], { cwd: dir, rules: [rule], useConfig: false })).findings;
}

/** A finding's range as `line:column-line:column`. */
export const rangeOf = (f: Pick<Finding, 'range'>): string => `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`;

/** Each finding of one rule on a temporary project in one line: `file line:column-line:column severity message` (core checks name themselves). */
export async function lintProject(rule: Rule, files: Record<string, string>): Promise<string[]> {
  return (await lintHostProject(rule, { files })).map((f) => `${f.file} ${rangeOf(f)} ${f.severity} ${f.ruleId.startsWith('core/') ? f.ruleId : ''}${f.message}`);
}
