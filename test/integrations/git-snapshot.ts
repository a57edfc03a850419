import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A temporary folder removed after the test file. */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The environment for git and the tools that run it in a throwaway repository: the caller's
 * variables, less every `GIT_*` one (a test run from inside a git hook must not reach the outer
 * repository), with a global configuration of its own that names a committer and nothing else.
 */
export function gitEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const config = path.join(home, 'gitconfig');
  if (!existsSync(config)) writeFileSync(config, '[user]\n\tname = escashop-lint test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n');
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('GIT_')) env[name] = value;
  return { ...env, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1', ...extra };
}

/** Runs a command; throws with its output when it cannot start. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  const child = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.error) throw child.error;
  return child;
}

/** Runs git and returns its standard output; throws with its output when git fails. */
export function git(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const child = run('git', args, cwd, env);
  if (child.status !== 0) throw new Error(`git ${args.join(' ')} failed (${child.status}):\n${child.stdout}${child.stderr}`);
  return child.stdout;
}

/**
 * A git repository holding the checkout's files as they are on disk now, committed (tracked files
 * and new ones git does not ignore; not node_modules or dist): the checkout, uncommitted work
 * included, as a repository that pre-commit can clone at a revision. Returns its path and commit.
 */
export function snapshotRepository(checkout: string, into: string, env: NodeJS.ProcessEnv): { repo: string; rev: string } {
  const files = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], checkout, env)
    .split('\0')
    .filter((file) => file !== '' && existsSync(path.join(checkout, file)) && !lstatSync(path.join(checkout, file)).isDirectory());
  for (const file of new Set(files)) {
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    copyFileSync(path.join(checkout, file), path.join(into, file));
  }
  git(['init', '-q'], into, env);
  git(['add', '-A'], into, env);
  git(['commit', '-q', '--no-verify', '-m', 'snapshot of the escashop-lint checkout'], into, env);
  return { repo: into, rev: git(['rev-parse', 'HEAD'], into, env).trim() };
}
