import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const waitFor = (db: string, entry = '      db:\n        condition: service_healthy\n') =>
  `services:\n  web:\n    image: escashop/web:1.0.0\n    depends_on:\n${entry}  db:\n${db}`;

ruleTester(rule, {
  valid: [
    { name: 'the target has a healthcheck', code: waitFor('    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready"]\n') },
    { name: 'a Docker Hub image of a publisher may define one', code: waitFor('    image: bitnami/postgresql:16\n') },
    { name: 'an image of another registry may define one', code: waitFor('    image: ghcr.io/escashop/db:1.0.0\n') },
    { name: 'a built image may define one', code: waitFor('    image: postgres:16\n    build: ./db\n') },
    { name: 'only started is waited for', code: waitFor('    image: postgres:16\n', '      db:\n        condition: service_started\n') },
    { name: 'short form', code: waitFor('    image: postgres:16\n', '      - db\n') },
    {
      name: 'an optional dependency only makes Compose warn',
      code: waitFor('    image: postgres:16\n', '      db:\n        condition: service_healthy\n        required: false\n'),
    },
    { name: 'an undefined target is compose/undefined-references', code: waitFor('    image: postgres:16\n    healthcheck:\n      test: ["CMD", "true"]\n', '      cache:\n        condition: service_healthy\n') },
  ],
  invalid: [
    {
      name: 'an official image without a healthcheck points at the condition',
      code: waitFor('    image: postgres:16\n'),
      errors: [
        {
          line: 6,
          column: 20,
          endColumn: 35,
          severity: 'error',
          message: 'service "web" waits for "db" to be healthy, but "db" has no healthcheck (and its official image "postgres:16" defines none); Compose fails to start "web"',
        },
      ],
    },
    {
      name: 'official image written with docker.io/library',
      code: waitFor('    image: docker.io/library/postgres:16\n'),
      errors: [{ line: 6, column: 20, message: /official image "docker.io\/library\/postgres:16"/ }],
    },
    {
      name: 'a disabled healthcheck',
      code: waitFor('    image: escashop/db:1.0.0\n    healthcheck:\n      disable: true\n'),
      errors: [{ line: 6, column: 20, endColumn: 35, message: 'service "web" waits for "db" to be healthy, but the healthcheck of "db" is disabled; Compose fails to start "web"' }],
    },
    {
      name: 'a healthcheck switched off with NONE',
      code: waitFor('    build: ./db\n    healthcheck:\n      test: ["NONE"]\n'),
      errors: [{ line: 6, column: 20, message: /the healthcheck of "db" is disabled/ }],
    },
    {
      name: 'an error in test files too',
      filename: 'docker-compose.ci.yml',
      code: waitFor('    image: redis:7.2\n'),
      errors: [{ line: 6, column: 20, severity: 'error' }],
    },
  ],
});
