import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

ruleTester(rule, {
  valid: [
    { name: 'exec healthcheck', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "true"]\n' },
    { name: 'not checked in test files', filename: 'docker-compose.ci.yml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    {
      name: 'a one-shot job that another service waits to complete',
      code: [
        'services:',
        '  migrate:',
        '    image: escashop/backend:1.0.0',
        '    command: npm run migrate',
        '  backend:',
        '    image: escashop/backend:1.0.0',
        '    healthcheck: { test: ["CMD", "true"] }',
        '    depends_on:',
        '      migrate: { condition: service_completed_successfully }',
        '',
      ].join('\n'),
    },
    { name: 'a swarm job', code: 'services:\n  seed:\n    image: escashop/seed:1.0.0\n    deploy: { mode: replicated-job }\n' },
    { name: 'exemptServices: a glob names the service', options: { exemptServices: ['*-Worker', 'migrate'] }, code: 'services:\n  mail-worker:\n    image: escashop/backend:1.0.0\n  migrate:\n    image: escashop/backend:1.0.0\n    healthcheck:\n      disable: true\n' },
  ],
  invalid: [
    {
      name: 'missing healthcheck points at the service name',
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 6, message: 'service "web" has no healthcheck', severity: 'warning' }],
    },
    {
      name: 'disable: true points at the flag',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n',
      errors: [{ line: 5, column: 16, endColumn: 20, message: 'the healthcheck of service "web" is disabled' }],
    },
    {
      name: 'NONE test points at NONE',
      code: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ['NONE']\n",
      errors: [{ line: 5, column: 14, endColumn: 20 }],
    },
    {
      name: 'exemptServices leaves other services reported',
      options: { exemptServices: ['*-worker'] },
      code: 'services:\n  mail-worker:\n    image: escashop/backend:1.0.0\n  worker:\n    image: escashop/backend:1.0.0\n',
      errors: [{ line: 4, column: 3, endColumn: 9, message: 'service "worker" has no healthcheck' }],
    },
  ],
});
