import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';

export const BIN = path.join(PACKAGE_ROOT, 'bin/escashop-lint.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Variables added to the child's environment; FORCE_COLOR, NO_COLOR and ESCASHOP_DEBUG are unset unless given here. */
  env?: Record<string, string>;
  /** What the child reads on standard input (by default, nothing: it is closed at once). */
  input?: string | Uint8Array;
}

/**
 * Runs `node bin/escashop-lint.js` as a user would, with stdout and stderr as pipes (not a TTY).
 * The test runner's own color variables are not passed on, so each test decides them.
 */
export function runCli(args: readonly string[], options: RunOptions = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'ESCASHOP_DEBUG', 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, options.env);
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    env,
    encoding: 'utf8',
    input: options.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** A fresh temporary folder holding `files` (names may have `/`: folders are made), removed after the test file. */
export function tempProject(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A prod service with every hardening the built-in rules ask for. */
export const HARDENED_SERVICE = `    image: example/api:1.4.2
    user: "10001:10001"
    read_only: true
    restart: unless-stopped
    security_opt: [no-new-privileges:true]
    cap_drop: [ALL]
    expose: ["8080"]
    healthcheck:
      test: ["CMD", "/app/healthcheck"]
      interval: 30s
    deploy:
      resources:
        limits: {memory: 256M, cpus: "0.5", pids: 200}
`;

/** A production file without any finding. */
export const CLEAN = `services:\n  api:\n${HARDENED_SERVICE}`;

/** A production file whose only finding is a warning: no healthcheck. */
export const ONE_WARNING = `services:
  worker:
    image: example/worker:1.4.2
    user: "10001:10001"
    read_only: true
    restart: unless-stopped
    security_opt: [no-new-privileges:true]
    cap_drop: [ALL]
    deploy:
      resources:
        limits: {memory: 256M, cpus: "0.5", pids: 200}
`;

/** A production file with one error: the service runs as root. */
export const ONE_ERROR = CLEAN.replace('user: "10001:10001"', 'user: root');

/** ANSI escape sequences (SGR). */
export const ANSI = /\u001b\[[0-9;]*m/;
