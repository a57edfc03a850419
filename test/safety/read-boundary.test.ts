import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { BIN } from '../cli/run.js';
import { git, HARDENED, hostProject } from '../host-project.js';
import { watchingFs } from '../watching-fs.js';

/**
 * The read boundary: the linter reads the files named on its command line and, inside the project
 * directory, what they lead to. A symbolic link from inside the project to a file outside, a `../`
 * bind mount, an absolute nginx `include` and a mount from elsewhere on the host are never opened.
 * Shown by observation: in-process, every node:fs function that opens or lists a path is wrapped
 * and no call may name an outside path, in this process and in the built CLI (through a preloaded
 * script that wraps the same functions).
 */

/** The node:fs functions that read a file's content or list a folder (stat, lstat and realpath only look). */
const SYNC_READS = ['readFileSync', 'openSync', 'readdirSync', 'opendirSync', 'createReadStream'] as const;
const ASYNC_READS = ['readFile', 'open', 'readdir', 'opendir'] as const;

/** Runs `fn` with every path given to a reading node:fs function collected in `opened`. */
function recordingReads<T>(opened: string[], fn: () => Promise<T>): Promise<T> {
  return watchingFs(SYNC_READS, ASYNC_READS, (absPath) => opened.push(absPath), fn);
}

/** Outside files, by name: each holds text a rule would find something in, were it read. */
const OUTSIDE: Record<string, string> = {
  'site.conf': 'server {\n  listen 80;\n  autoindex on;\n}\n',
  'abs.conf': 'server_tokens on;\n',
  'linked-nginx.conf': 'autoindex on;\n',
  'linked-redis.conf': 'requirepass short\n',
  'postgresql.conf': "ssl = off\n",
  'linked.env': 'API_TOKEN=abcdefabcdefabcdef123456\n',
  'mounted-link.conf': 'server {\n  listen 81;\n}\n',
  'token.txt': 'abcdef\n',
};

/**
 * A folder holding `outside/` (the files above) and `project/`, whose compose file
 * reaches each outside file one way: a `../` mount, an absolute include, symbolic links inside the
 * project (an nginx include, a redis include, a bind-mounted config, an env_file, a secret file).
 */
function boundaryLayout(): { root: string; outside: string; project: string } {
  const root = hostProject({ files: {} });
  const outside = path.join(root, 'outside');
  const project = path.join(root, 'project');
  mkdirSync(outside);
  for (const [name, text] of Object.entries(OUTSIDE)) {
    writeFileSync(path.join(outside, name), text);
  }
  const files: Record<string, string> = {
    'docker-compose.prod.yml': `services:
  web:
    image: nginx:1.27.3
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./nginx/conf.d:/etc/nginx/conf.d:ro
      - ../outside/site.conf:/etc/nginx/sites/site.conf:ro
      - ./mounted-link.conf:/etc/nginx/sites/mounted.conf:ro
${HARDENED}  cache:
    image: redis:7.4.1
    command: ["redis-server", "/usr/local/etc/redis/redis.conf"]
    volumes: ["./redis:/usr/local/etc/redis:ro"]
${HARDENED}  db:
    image: postgres:17.2
    command: ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]
    volumes: ["../outside/postgresql.conf:/etc/postgresql/postgresql.conf:ro"]
${HARDENED}  api:
    image: example/api:1.4.2
    env_file: [linked.env]
    secrets: [token]
${HARDENED}secrets:
  token:
    file: ./token.txt
`,
    'nginx/nginx.conf': `events {}\nhttp {\n  server_tokens off;\n  include /etc/nginx/conf.d/*.conf;\n  include /etc/nginx/sites/*.conf;\n  include ${path.join(outside, 'abs.conf')};\n}\n`,
    'nginx/conf.d/own.conf': 'server {\n  listen 8080;\n  return 204;\n}\n',
    'redis/redis.conf': 'requirepass 0123456789abcdef0123456789abcdef01\ninclude /usr/local/etc/redis/link.conf\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    writeFileSync(path.join(project, rel), text);
  }
  symlinkSync(path.join(outside, 'linked-nginx.conf'), path.join(project, 'nginx/conf.d/link.conf'));
  symlinkSync(path.join(outside, 'linked-redis.conf'), path.join(project, 'redis/link.conf'));
  symlinkSync(path.join(outside, 'mounted-link.conf'), path.join(project, 'mounted-link.conf'));
  symlinkSync(path.join(outside, 'linked.env'), path.join(project, 'linked.env'));
  symlinkSync(path.join(outside, 'token.txt'), path.join(project, 'token.txt'));
  git(project, 'init', '-q');
  git(project, 'add', '--', 'linked.env', 'docker-compose.prod.yml');
  return { root, outside, project };
}

describe('never reads outside the project directory', () => {
  it('no node:fs call opens or lists a path outside it, through links, ../ mounts or absolute includes', async () => {
    const { root, outside, project } = boundaryLayout();
    const opened: string[] = [];
    const result = await recordingReads(opened, () => lint(['project/docker-compose.prod.yml'], { cwd: root }));
    const files = result.files.map((f) => f.file);
    // The project's own files were read through: nginx.conf and conf.d, redis.conf.
    expect(opened).toEqual(expect.arrayContaining([path.join(project, 'nginx/nginx.conf'), path.join(project, 'nginx/conf.d/own.conf'), path.join(project, 'redis/redis.conf')]));
    expect(files).toContain('project/nginx/conf.d/own.conf');
    expect(opened.filter((p) => p === outside || p.startsWith(`${outside}${path.sep}`))).toEqual([]);
    // Neither a link's name inside the project: reading it would read the outside file.
    const links = ['nginx/conf.d/link.conf', 'redis/link.conf', 'mounted-link.conf', 'linked.env', 'token.txt'].map((l) => path.join(project, l));
    expect(opened.filter((p) => links.includes(p))).toEqual([]);
    // What the outside files would have made a rule say is absent: they were not read.
    const ruleIds = new Set(result.files.flatMap((f) => f.findings.map((x) => x.ruleId)));
    for (const id of ['nginx/autoindex-off', 'redis/password-strength', 'postgres/ssl-on', 'compose/env-file-secrets', 'compose/secret-file-permissions']) expect(ruleIds.has(id)).toBe(false);
    expect(files.every((f) => f.startsWith('project/'))).toBe(true);
  });

  it('the built CLI opens nothing outside either', () => {
    const { root, outside } = boundaryLayout();
    const guard = path.join(root, 'reads.cjs');
    writeFileSync(guard, READS_GUARD);
    const child = spawnSync(process.execPath, ['--require', guard, BIN, '--format', 'compact', 'project/docker-compose.prod.yml'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, OUTSIDE: outside },
    });
    expect(child.stderr).toBe('OPENED []\n');
    expect(child.status).toBe(1);
    expect(child.stdout).toContain(`${path.join(root, 'project/redis/redis.conf')}: line 1, col 1, Error - the default user`);
  });
});

/** Preloaded into the CLI: records the paths its reading node:fs functions are given, links resolved, and prints those under $OUTSIDE at exit. */
const READS_GUARD = `const fs = require('node:fs');
const path = require('node:path');
const seen = [];
for (const name of ${JSON.stringify(SYNC_READS)}) {
  const original = fs[name];
  fs[name] = function (p, ...rest) {
    if (typeof p === 'string') {
      let real = path.resolve(p);
      try { real = fs.realpathSync(p); } catch {}
      seen.push(real);
    }
    return original.call(this, p, ...rest);
  };
}
process.on('exit', () => fs.writeSync(2, 'OPENED ' + JSON.stringify(seen.filter((p) => p.startsWith(process.env.OUTSIDE + path.sep))) + '\\n'));
`;

describe('extends and include are followed where they lead, as Compose follows them', () => {
  it('a ../ file they name is read: it is part of the compose model, as the compose files are', async () => {
    const root = hostProject({
      files: {
        'outside/common.yml': 'services:\n  base:\n    privileged: true\n',
        'outside/inc.yml': `services:\n  extra:\n    image: example/extra:1.0.0\n${HARDENED}`,
        'project/docker-compose.prod.yml': `include:\n  - ../outside/inc.yml\nservices:\n  api:\n    extends: {file: ../outside/common.yml, service: base}\n    image: example/api:1.4.2\n${HARDENED}`,
      },
    });
    const opened: string[] = [];
    const result = await recordingReads(opened, () => lint(['project/docker-compose.prod.yml'], { cwd: root }));
    expect(opened).toEqual(expect.arrayContaining([path.join(root, 'outside/common.yml'), path.join(root, 'outside/inc.yml')]));
    const privileged = result.files.find((f) => f.file === 'outside/common.yml')?.findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}`);
    expect(privileged).toEqual(['compose/no-privileged 3:17']);
  });
});
