import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n${body}`;
const FIX = 'build it once in CI, push it to a registry and name it in "image:" (registry.example.com/team/app:1.4.2)';

ruleTester(rule, {
  valid: [
    { name: 'a registry image', code: svc('    image: registry.example.com/escashop/backend:1.0.0\n') },
    { name: 'build and a registry image: pulled when it exists', code: svc('    build: ./backend\n    image: ghcr.io/escashop/backend:1.0.0\n') },
    { name: 'build and a Docker Hub account image', code: svc('    build:\n      context: ./backend\n    image: escashop/backend:${TAG:-1.0.0}\n    pull_policy: missing\n') },
    { name: 'an image named by a variable is decided at deploy time', code: svc('    build: ./backend\n    image: ${BACKEND_IMAGE}\n') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: svc('    build: ./backend\n') },
    { name: 'override file', filename: 'compose.override.yml', code: svc('    build: ./backend\n') },
    { name: 'ci file', filename: 'docker-compose.ci.yml', code: svc('    build: ./backend\n') },
  ],
  invalid: [
    {
      name: 'build without image, at the build key',
      code: svc('    build: ./backend\n'),
      errors: [{ line: 3, column: 5, endColumn: 10, severity: 'info', message: `service "backend" has "build:" and no "image:", so "docker compose up" builds its image on the prod server; ${FIX}` }],
    },
    { name: 'long form', code: svc('    build:\n      context: .\n      dockerfile: Dockerfile.prod\n'), errors: [{ line: 3, column: 5, endColumn: 10 }] },
    {
      name: 'build tagged with a local name',
      code: svc('    image: escashop-backend:1.0.0\n    build: ./backend\n'),
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 10,
          message: `service "backend" tags its build "escashop-backend:1.0.0", a local name with no registry or account, so "docker compose up" builds it on the prod server (or pulls an unrelated Docker Hub image of that name); ${FIX}`,
        },
      ],
    },
    {
      name: 'pull_policy: build, at the value',
      code: svc('    build: ./backend\n    image: ghcr.io/escashop/backend:1.0.0\n    pull_policy: build\n'),
      errors: [
        {
          line: 5,
          column: 18,
          endColumn: 23,
          message: 'service "backend" sets "pull_policy: build", so every "docker compose up" rebuilds "ghcr.io/escashop/backend:1.0.0" on the prod server instead of pulling it; push it from CI and drop "pull_policy: build" (or set "pull_policy: missing")',
        },
      ],
    },
    { name: 'a local name from a default', code: svc('    build: ./backend\n    image: ${BACKEND_IMAGE:-backend}\n'), errors: [{ line: 3, column: 5, message: /tags its build "backend"/ }] },
  ],
});
