import { HARDENED_SERVICE, tempProject } from '../cli/run.js';

/**
 * A tree of compose projects for the threaded lint: folders with a base and an override file, an
 * override without images linted over its base, a file included by projects of a prod and of a dev
 * folder (its findings differ in severity between them, and one of its directives suppresses a
 * finding only the prod project has), a mounted nginx config, an nginx config on its own, env files,
 * a directory, a glob and a `-f` project.
 */
export function fixtureStack(): string {
  const hardened = (name: string) => `  ${name}:\n${HARDENED_SERVICE}`;
  return tempProject({
    'package.json': '{"name":"fixture-stack"}\n',
    // No healthcheck (off in dev), no no-new-privileges (an error in prod, a warning in dev).
    'common.yml': [
      'services:',
      '  # escashop-lint-disable-next-line compose/healthcheck -- probed by the app',
      '  cache:',
      '    image: redis:7.2.4',
      '    user: "999:999"',
      '    read_only: true',
      '    restart: unless-stopped',
      '    cap_drop: [ALL]',
      '    deploy:',
      '      resources:',
      '        limits: {memory: 256M, cpus: "0.5", pids: 200}',
      '',
    ].join('\n'),
    'a/docker-compose.yml': `include:\n  - ../common.yml\nservices:\n${hardened('api')}    ports:\n      - "8080:8080"\n`,
    'a/docker-compose.override.yml': 'services:\n  api:\n    environment:\n      DEBUG: "1"\n',
    'a/.env': 'TAG=1.4.2\n',
    'b/compose.yaml': `services:\n${hardened('web').replace('image: example/api:1.4.2', 'image: example/web:${TAG}')}`,
    'b/compose.prod.yml': 'services:\n  web:\n    ports:\n      # escashop-lint-disable-next-line compose/ingress-only-ports -- the proxy is not in this stack\n      - "80:8080"\n',
    'b/.env': 'TAG=2.0.0\n',
    'c/docker-compose.yml': `services:\n  proxy:\n    image: nginx:1.25.3\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n    ports:\n      - "443:8443"\n`,
    'c/nginx.conf': 'events {}\nhttp {\n  server {\n    listen 8443;\n    location / { proxy_pass http://api:8080; }\n  }\n}\n',
    'd/nginx.conf': 'events {}\nhttp {\n  server_tokens on;\n  server {\n    listen 80;\n    autoindex on;\n  }\n}\n',
    'e/x/compose.yaml': 'services:\n  job:\n    image: busybox\n    privileged: true\n',
    'e/y/docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n',
    'g/one/compose.yml': 'services:\n  one:\n    image: example/one:latest\n',
    'g/two/compose.yml': 'services:\n  two:\n    image: example/two\n    network_mode: host\n',
    'h/docker-compose.yml': `services:\n${hardened('svc')}`,
    'h/docker-compose.ci.yml': 'services:\n  svc:\n    ports:\n      - "9000:9000"\n',
    'f/docker-compose.dev.yml': `include:\n  - ../common.yml\nservices:\n${hardened('tool')}`,
    'broken/docker-compose.yml': 'services:\n  x: [\n',
  });
}

/** Targets over every kind of part: files by folder, a directory, a glob, a `-f` project; the prod and dev users of common.yml far apart. */
export const STACK_TARGETS = [
  'a/docker-compose.yml',
  'a/docker-compose.override.yml',
  'b/compose.yaml',
  'b/compose.prod.yml',
  'c/docker-compose.yml',
  'd/nginx.conf',
  'e',
  'g/**/compose.yml',
  { files: ['h/docker-compose.yml', 'h/docker-compose.ci.yml'] },
  'broken/docker-compose.yml',
  'f/docker-compose.dev.yml',
] as const;

/**
 * `folders` folders of ten small compose files each (each with a few findings), and `extra` files
 * besides. Each file ends in 6 KB of comment: the shares are weighed by bytes, and so the run weighs
 * enough that `lint()`'s threaded path, despite this thread's head start, gives a worker thread the
 * last folders. Returns the folder and the files as targets.
 */
export function manyProjects(folders: number, extra: Record<string, string> = {}): { dir: string; targets: string[] } {
  const files: Record<string, string> = { 'package.json': '{"name":"many-projects"}\n', ...extra };
  const padding = '# padding for the weight of the file\n'.repeat(160);
  for (let f = 0; f < folders; f++) {
    for (let i = 0; i < 10; i++) files[`p${f}/compose.s${i}.yml`] = `services:\n  s${i}:\n    image: example/s${i}:latest\n    ports:\n      - "${8000 + i}:80"\n${padding}`;
  }
  const dir = tempProject(files);
  return { dir, targets: Object.keys(files).filter((name) => name.endsWith('.yml')) };
}
