import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const env = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n    environment:\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'production', code: env('      NODE_ENV: production\n') },
    { name: 'production as a default', code: env('      NODE_ENV: ${NODE_ENV:-production}\n') },
    { name: 'unset', code: env('      - NODE_ENV\n') },
    { name: 'empty', code: env('      NODE_ENV: ""\n') },
    { name: 'from a variable', code: env('      NODE_ENV: ${NODE_ENV}\n') },
    { name: 'DEBUG with namespaces', code: env('      DEBUG: "app:*"\n') },
    { name: 'DEBUG false', code: env('      DEBUG: "false"\n') },
    { name: 'log level info', code: env('      LOG_LEVEL: warn\n') },
    { name: 'a name that only contains NODE_ENV', code: env('      MY_NODE_ENV: development\n') },
    { name: 'RAILS_ENV staging', code: env('      RAILS_ENV: staging\n') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: env('      NODE_ENV: development\n') },
    { name: 'test file', filename: 'docker-compose.test.yml', code: env('      NODE_ENV: test\n') },
  ],
  invalid: [
    {
      name: 'NODE_ENV at the value',
      code: env('      NODE_ENV: development\n'),
      errors: [
        {
          line: 5,
          column: 17,
          endColumn: 28,
          severity: 'error',
          message: 'service "backend" sets NODE_ENV to "development" in "environment"; Node.js libraries switch their production behaviour on only for exactly "production"',
        },
      ],
    },
    { name: 'NODE_ENV prod is not production', code: env('      - NODE_ENV=prod\n'), errors: [{ line: 5, column: 18, endColumn: 22 }] },
    { name: 'a development default', code: env('      NODE_ENV: ${NODE_ENV:-development}\n'), errors: [{ line: 5, column: 29, endColumn: 40 }] },
    { name: 'DJANGO_DEBUG True', code: env('      DJANGO_DEBUG: "True"\n'), errors: [{ line: 5, column: 22, endColumn: 26, message: /sets DJANGO_DEBUG to "True" in "environment"; debug mode/ }] },
    { name: 'FLASK_DEBUG 1', code: env('      FLASK_DEBUG: 1\n'), errors: [{ line: 5, column: 20, endColumn: 21 }] },
    { name: 'LOG_LEVEL debug', code: env('      LOG_LEVEL: debug\n'), errors: [{ line: 5, column: 18, endColumn: 23, message: /sets LOG_LEVEL to "debug"/ }] },
    {
      name: 'GENERATE_SOURCEMAP as a build arg',
      code: 'services:\n  frontend:\n    image: escashop/frontend:1.0.0\n    build:\n      context: .\n      args:\n        GENERATE_SOURCEMAP: "true"\n',
      errors: [{ line: 7, column: 30, endColumn: 34, message: /sets GENERATE_SOURCEMAP to "true" in "build.args"; source maps/ }],
    },
  ],
});
