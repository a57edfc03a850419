import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const withDb = (dependsOn: string, db = '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready"]\n') =>
  `services:\n  web:\n    image: escashop/web:1.0.0\n${dependsOn}  db:\n    image: postgres:16\n${db}`;

ruleTester(rule, {
  valid: [
    { name: 'waits for healthy', code: withDb('    depends_on:\n      db:\n        condition: service_healthy\n') },
    { name: 'a target without a healthcheck', code: withDb('    depends_on: [db]\n', '') },
    { name: 'a target whose healthcheck is disabled', code: withDb('    depends_on: [db]\n', '    healthcheck:\n      test: ["NONE"]\n') },
    { name: 'a one-shot job waited for to complete', code: withDb('    depends_on:\n      db:\n        condition: service_completed_successfully\n') },
    { name: 'a target that is not a service of the project', code: withDb('    depends_on: [cache]\n') },
    { name: 'not checked in dev', filename: 'docker-compose.dev.yml', code: withDb('    depends_on: [db]\n') },
    { name: 'not checked in test', filename: 'docker-compose.test.yml', code: withDb('    depends_on: [db]\n') },
  ],
  invalid: [
    {
      name: 'short form points at the name',
      code: withDb('    depends_on:\n      - db\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 11,
          severity: 'warning',
          message: 'service "web" depends on "db" without a condition, so it starts before the healthcheck of "db" passes (use condition: service_healthy)',
        },
      ],
    },
    {
      name: 'service_started points at the condition',
      code: withDb('    depends_on:\n      db:\n        condition: service_started\n'),
      errors: [
        {
          line: 6,
          column: 20,
          endColumn: 35,
          message: 'service "web" depends on "db" with condition: service_started, so it starts before the healthcheck of "db" passes (use condition: service_healthy)',
        },
      ],
    },
    {
      name: 'a healthcheck from a merge key counts',
      code: 'x-pg: &pg\n  image: postgres:16\n  healthcheck:\n    test: ["CMD-SHELL", "pg_isready"]\nservices:\n  web:\n    image: escashop/web:1.0.0\n    depends_on: [db]\n  db:\n    <<: *pg\n',
      errors: [{ line: 8, column: 18, endColumn: 20 }],
    },
  ],
});
