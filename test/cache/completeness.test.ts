import path from 'node:path';
import { expect, test } from 'vitest';
import type { DependencyKind } from '../../src/cache/observe.js';
import { DependencyRecorder } from '../../src/cache/recorder.js';
import { recordInto } from '../../src/cache/record.js';
import { lint } from '../../src/lint.js';
import { git, HARDENED, hostProject } from '../host-project.js';
import { watchingFs } from '../watching-fs.js';

/**
 * The guard against a file system access the cache does not know of: every path a lint touches
 * through node:fs (seen by wrapping its functions for the test) must be among the dependencies the
 * recording hooks gave. Git's own files are the exception: the cache records git's answers instead.
 */

const SYNC = ['readFileSync', 'statSync', 'lstatSync', 'existsSync', 'readdirSync', 'realpathSync', 'accessSync', 'openSync', 'opendirSync'] as const;
const ASYNC = ['readFile', 'stat', 'lstat', 'readdir', 'realpath', 'access', 'open'] as const;

/** The dependency kinds that stand for a call of each node:fs function: one of them must be recorded for the path. */
function kindsFor(name: string): readonly DependencyKind[] {
  if (/^(?:readFile|open)/.test(name)) return ['read'];
  if (/^(?:readdir|opendir)/.test(name)) return ['list'];
  if (name.startsWith('realpath')) return ['realpath'];
  // Existence and kind: every kind of look says whether the path is there and what it is.
  return ['stat', 'lstat', 'read', 'list', 'realpath'];
}

/** Runs `fn` with every node:fs function above reporting the paths it is given, and by which function, to `touched`. */
function watchingAll<T>(touched: Map<string, Set<string>>, fn: () => Promise<T>): Promise<T> {
  return watchingFs(SYNC, ASYNC, (key, name) => touched.set(key, (touched.get(key) ?? new Set()).add(name)), fn);
}

test('every path a lint touches is a recorded dependency', async () => {
  const dir = hostProject({
    files: {
      'package.json': JSON.stringify({ name: 'shop', escashop: { extends: ['recommended', './lint/base.json'] } }),
      'lint/base.json': JSON.stringify({ rules: { 'compose/healthcheck': 'warning' } }),
      'deploy/compose.yaml': `include:\n  - db.yaml\nservices:\n  api:\n    extends: {file: common.yaml, service: base}\n    image: example/api:\${TAG}\n    env_file: [app.env]\n    build: {context: ../app}\n    secrets: [token]\n${HARDENED}  web:\n    image: nginx:1.27.3\n    volumes: ["./nginx:/etc/nginx:ro"]\n${HARDENED}  cache:\n    image: redis:7.4.1\n    command: ["redis-server", "/usr/local/etc/redis/redis.conf"]\n    volumes: ["./redis.conf:/usr/local/etc/redis/redis.conf:ro"]\n${HARDENED}secrets:\n  token:\n    file: ./token.txt\n`,
      'deploy/compose.override.yaml': 'services:\n  api:\n    environment: [DEBUG=0]\n',
      'deploy/common.yaml': 'services:\n  base:\n    stop_grace_period: 10s\n',
      'deploy/db.yaml': `services:\n  db:\n    image: postgres:17.2\n    volumes: ["./pg/postgresql.conf:/etc/postgresql/postgresql.conf:ro"]\n    command: ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]\n${HARDENED}`,
      'deploy/.env': 'TAG=1.4.2\n',
      'deploy/app.env': 'API_TOKEN=abcdefabcdefabcdef123\n',
      'deploy/token.txt': 'abcdef\n',
      'deploy/nginx/nginx.conf': 'events {}\nhttp {\n  include conf.d/*.conf;\n}\n',
      'deploy/nginx/conf.d/site.conf': 'server {\n  listen 80;\n  location / { proxy_pass http://api:8080; }\n}\n',
      'deploy/redis.conf': 'bind 0.0.0.0\n',
      'deploy/pg/postgresql.conf': "listen_addresses = '*'\n",
      'app/Dockerfile': 'FROM scratch\n',
      'app/.dockerignore': '*.env\n',
      '.gitignore': 'deploy/token.txt\n',
    },
    modes: { 'deploy/token.txt': 0o644 },
    git: ['deploy/app.env'],
  });
  git(dir, 'config', 'user.name', 'test');
  const touched = new Map<string, Set<string>>();
  const recorder = new DependencyRecorder();
  const result = await watchingAll(touched, () => recordInto(recorder, () => lint(['deploy'], { cwd: dir })));
  // The project was linted through: its files, the mounted configs, the git answers.
  const read = result.files.map((f) => f.file);
  for (const file of ['deploy/compose.yaml', 'deploy/compose.override.yaml', 'deploy/db.yaml', 'deploy/common.yaml', 'deploy/.env', 'deploy/nginx/conf.d/site.conf', 'deploy/redis.conf', 'deploy/pg/postgresql.conf']) {
    expect(read).toContain(file);
  }
  const recorded = new Set(recorder.dependencies.map(([kind, p]) => `${kind} ${p}`));
  expect(recorder.dependencies.some(([kind]) => kind === 'tracked')).toBe(true);
  expect(recorder.uncacheable).toBeUndefined();
  const inside = [...touched].filter(([p]) => p === dir || p.startsWith(`${dir}${path.sep}`));
  const gitOwn = (p: string) => p.split(path.sep).includes('.git');
  const unrecorded = inside.flatMap(([p, names]) =>
    gitOwn(p) ? [] : [...names].filter((name) => !kindsFor(name).some((kind) => recorded.has(`${kind} ${p}`))).map((name) => `${name} ${path.relative(dir, p)}`),
  );
  expect(unrecorded).toEqual([]);
  expect(inside.length).toBeGreaterThan(20);
});
