import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE } from '../../scripts/bundle.mjs';
import { installedCopy } from '../build/installed-copy.js';
import { runCli } from '../cli/run.js';
import { canaryProject } from './canary-project.js';

/**
 * Never execute, never fetch. The CLI runs under Node's permission model with read access to the
 * package and the project only: no file writes, no child processes, no worker threads. Node 20's
 * model does not cover the network, so a preloaded script also records every module loaded and
 * makes opening a connection and `fetch` throw.
 */

/** Loaded before the CLI: outgoing connections and fetch throw; the process, network and HTTP modules loaded are listed on stderr at exit. */
const GUARD = `const fs = require('node:fs');
const net = require('node:net');
const denied = (what) => function () { fs.writeSync(2, 'DENIED ' + what + '\\n'); throw new Error(what + ' is not allowed'); };
net.Socket.prototype.connect = denied('net.connect');
globalThis.fetch = denied('fetch');
process.on('exit', () => {
  const loaded = process.moduleLoadList.filter((m) => /^NativeModule (child_process|http|https|http2|dns|tls|dgram|internal\\/deps\\/undici\\/undici)$/.test(m));
  fs.writeSync(2, 'MODULES ' + JSON.stringify(loaded) + '\\n');
});
`;

/** What a run under the permission model printed, with Node's own warnings left out. */
function permitted(root: string, project: string, args: string[], extra: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'ESCASHOP_DEBUG', 'NODE_OPTIONS']) delete env[name];
  const child = spawnSync(
    process.execPath,
    ['--experimental-permission', '--no-warnings', `--allow-fs-read=${root}/*`, `--allow-fs-read=${project}/*`, ...extra, path.join(root, 'bin/escashop-lint.js'), ...args],
    { cwd: project, env, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: child.status, stdout: child.stdout, stderr: child.stderr + (child.signal ? `signal ${child.signal}` : '') };
}

describe('under the permission model: no writes, no processes, no threads, no network', () => {
  let root: string;
  let project: string;
  let cache: string;
  beforeAll(() => {
    root = installedCopy();
    // A package.json ends the configuration search at the project: above it is outside what may be read.
    project = canaryProject({ 'package.json': '{"name": "shop"}\n' });
    cache = path.join(root, `${BUNDLE}.cache`);
    // A code cache V8 rejects (this build's id, then garbage): the bin would rewrite it after the run.
    writeFileSync(cache, Buffer.concat([Buffer.from(`${readFileSync(path.join(root, BUNDLE), 'latin1').split('\n', 1)[0]}\n`, 'latin1'), Buffer.alloc(4000, 7)]));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lints the project as without it, silently not rewriting the rejected code cache', () => {
    const before = readFileSync(cache);
    for (const args of [['--code-frame', 'docker-compose.prod.yml', 'nginx/nginx.conf'], ['--format', 'sarif', '.'], ['--concurrency', '2', '--format', 'json', '.']]) {
      const run = permitted(root, project, args);
      expect({ args, stderr: run.stderr, status: run.status }).toEqual({ args, stderr: '', status: 1 });
      expect(run).toEqual(runCli(args, { cwd: project }));
      expect(run.status).toBe(1);
    }
    expect(readFileSync(cache).equals(before)).toBe(true);
  });

  it('loads no network module, starts no process and opens no connection', () => {
    writeFileSync(path.join(project, 'guard.cjs'), GUARD);
    const run = permitted(root, project, ['--format', 'json', '--concurrency', '2', '.'], [`--require=${path.join(project, 'guard.cjs')}`]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('MODULES []\n');
    expect(JSON.parse(run.stdout).results.length).toBeGreaterThan(50);
  });

  it('a denied read, even a probe for a file that may not exist, is a one-line error naming the path and the flag', () => {
    // Only the compose file may be read: the probe for the project's .env is refused.
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['FORCE_COLOR', 'NO_COLOR', 'ESCASHOP_DEBUG', 'NODE_OPTIONS']) delete env[name];
    const file = path.join(project, 'docker-compose.prod.yml');
    const child = spawnSync(
      process.execPath,
      ['--experimental-permission', '--no-warnings', `--allow-fs-read=${root}/*`, `--allow-fs-read=${file}`, path.join(root, 'bin/escashop-lint.js'), '--no-config', file],
      { cwd: project, env, encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.stdout).toBe('');
    expect(child.stderr).toBe(`escashop-lint: Node's permission model denies FileSystemRead ${path.join(project, '.env')}; allow it with --allow-fs-read\n`);
    expect(child.status).toBe(2);
  });

  it('a denied write is a one-line error, not a stack trace', () => {
    const run = permitted(root, project, ['-o', 'report.txt', 'docker-compose.prod.yml']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^escashop-lint: cannot write report\.txt: [^\n]*\n$/);
    expect(run.status).toBe(2);
  });
});
