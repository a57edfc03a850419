import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;
const missing = 'service "backend" has no cap_drop; it keeps every default capability (add "cap_drop: [ALL]")';

ruleTester(rule, {
  valid: [
    { name: 'ALL', code: svc('    cap_drop:\n      - ALL\n') },
    { name: 'all, lower case', code: svc('    cap_drop: [all]\n') },
    { name: 'CAP_ALL', code: svc('    cap_drop: ["CAP_ALL"]\n') },
    { name: 'cap_all, mixed with others', code: svc('    cap_drop:\n      - NET_RAW\n      - cap_all\n') },
    { name: 'ALL with capabilities added back', code: svc('    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n') },
    { name: 'ALL from a merge key', code: 'x-hardening: &hardening\n  cap_drop: [ALL]\nservices:\n  backend:\n    <<: *hardening\n    image: escashop/backend:1.0.0\n' },
    { name: 'ALL from an alias of the list', code: 'x-drop: &drop [ALL]\nservices:\n  backend:\n    image: escashop/backend:1.0.0\n    cap_drop: *drop\n' },
    { name: 'ALL from a variable default', code: svc('    cap_drop: ["${DROP:-ALL}"]\n') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: svc('') },
    { name: 'override file', filename: 'compose.override.yaml', code: svc('    cap_drop: [NET_RAW]\n') },
    { name: 'ci file', filename: 'docker-compose.ci.yml', code: svc('') },
  ],
  invalid: [
    {
      name: 'no cap_drop points at the service name',
      code: svc(''),
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 10, severity: 'error', message: missing }],
    },
    {
      name: 'cap_drop without ALL points at the key',
      code: svc('    cap_drop:\n      - NET_RAW\n      - SYS_ADMIN\n'),
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 13,
          message: 'cap_drop of service "backend" drops only NET_RAW, SYS_ADMIN, not ALL; it keeps the other default capabilities',
        },
      ],
    },
    {
      name: 'empty cap_drop',
      code: svc('    cap_drop: []\n'),
      errors: [{ line: 4, column: 5, endColumn: 13, message: 'cap_drop of service "backend" drops nothing, not ALL; it keeps the other default capabilities' }],
    },
    {
      name: 'ALL only in cap_add',
      code: svc('    cap_add: [ALL]\n'),
      errors: [{ line: 2, column: 3, endColumn: 10, message: missing }],
    },
    {
      name: 'a capability whose name contains ALL is not ALL',
      code: svc('    cap_drop: [CAP_ALLOW, ALL_CAPS]\n'),
      errors: [{ line: 4, column: 5, endColumn: 13, message: /drops only CAP_ALLOW, ALL_CAPS, not ALL/ }],
    },
    {
      name: 'cap_drop from a merge key points at the key in the anchor',
      code: 'x-hardening: &hardening\n  cap_drop: [NET_RAW]\nservices:\n  backend:\n    <<: *hardening\n    image: escashop/backend:1.0.0\n',
      errors: [{ line: 2, column: 3, endColumn: 11, message: /^cap_drop of service "backend" drops only NET_RAW, not ALL/ }],
    },
    {
      name: 'the service\'s own cap_drop wins over the merged one',
      code: 'x-hardening: &hardening\n  cap_drop: [ALL]\nservices:\n  backend:\n    <<: *hardening\n    image: escashop/backend:1.0.0\n    cap_drop: [NET_RAW]\n',
      errors: [{ line: 7, column: 5, endColumn: 13 }],
    },
    {
      name: 'value from an unset variable',
      code: svc('    cap_drop: ["${DROP}"]\n'),
      errors: [{ line: 4, column: 5, endColumn: 13, message: 'cap_drop of service "backend" drops nothing, not ALL; it keeps the other default capabilities' }],
    },
    {
      name: 'one finding per service',
      code: 'services:\n  redis:\n    image: redis:7-alpine\n  postgres:\n    image: postgres:16-alpine\n    cap_drop: [ALL]\n  frontend:\n    image: escashop/frontend:1.0.0\n',
      errors: [
        { line: 2, column: 3, endColumn: 8, message: /^service "redis" has no cap_drop/ },
        { line: 7, column: 3, endColumn: 11, message: /^service "frontend" has no cap_drop/ },
      ],
    },
  ],
});
