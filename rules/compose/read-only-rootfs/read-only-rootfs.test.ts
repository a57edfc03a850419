import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'true', code: svc('    read_only: true\n') },
    { name: 'quoted true', code: svc('    read_only: "TRUE"\n') },
    { name: 'from a merge key', code: 'x-h: &h\n  read_only: true\nservices:\n  backend:\n    <<: *h\n    image: escashop/backend:1.0.0\n' },
    { name: 'from a variable default', code: svc('    read_only: ${RO:-true}\n') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: svc('') },
    { name: 'ci file', filename: 'docker-compose.ci.yml', code: svc('    read_only: false\n') },
  ],
  invalid: [
    {
      name: 'missing: at the service name',
      code: svc(''),
      errors: [{ line: 2, column: 3, endColumn: 10, severity: 'warning', message: 'service "backend" has no read_only; its container can change its own programs (add "read_only: true")' }],
    },
    {
      name: 'false: at the value',
      code: svc('    read_only: false\n'),
      errors: [{ line: 4, column: 16, endColumn: 21, message: 'read_only of service "backend" is "false"; its container can change its own programs' }],
    },
    {
      name: 'an unset variable gives "": at the variable',
      code: svc('    read_only: ${RO}\n'),
      errors: [{ line: 4, column: 16, endColumn: 21, message: 'read_only of service "backend" is not true; its container can change its own programs' }],
    },
    {
      name: 'false from a merge key: where the anchor writes it',
      code: 'x-h: &h\n  read_only: false\nservices:\n  backend:\n    <<: *h\n    image: escashop/backend:1.0.0\n',
      errors: [{ line: 2, column: 14, endColumn: 19 }],
    },
    {
      name: 'the service\'s own value wins over the merged one',
      code: 'x-h: &h\n  read_only: true\nservices:\n  backend:\n    <<: *h\n    image: escashop/backend:1.0.0\n    read_only: false\n',
      errors: [{ line: 7, column: 16 }],
    },
  ],
});
