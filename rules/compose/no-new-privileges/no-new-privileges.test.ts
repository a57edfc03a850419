import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;
const missing = 'service "backend" does not set no-new-privileges; a setuid binary can still raise a process\'s privileges (add "no-new-privileges:true" to security_opt)';

ruleTester(rule, {
  valid: [
    { name: 'bare', code: svc('    security_opt: [no-new-privileges]\n') },
    { name: 'colon true', code: svc('    security_opt: ["no-new-privileges:true"]\n') },
    { name: 'equals true', code: svc('    security_opt:\n      - no-new-privileges=true\n') },
    { name: 'equals t', code: svc('    security_opt:\n      - no-new-privileges=t\n') },
    { name: 'among other options', code: svc('    security_opt:\n      - label=type:container_t\n      - no-new-privileges:true\n      - seccomp=default.json\n') },
    { name: 'from a merge key', code: 'x-h: &h\n  security_opt: [no-new-privileges]\nservices:\n  backend:\n    <<: *h\n    image: escashop/backend:1.0.0\n' },
  ],
  invalid: [
    { name: 'no security_opt', code: svc(''), errors: [{ line: 2, column: 3, endColumn: 10, severity: 'error', message: missing }] },
    { name: 'dev: warning', filename: 'docker-compose.dev.yml', code: svc(''), errors: [{ line: 2, column: 3, severity: 'warning' }] },
    { name: 'ci: warning', filename: 'docker-compose.ci.yml', code: svc(''), errors: [{ line: 2, column: 3, severity: 'warning' }] },
    { name: 'security_opt without it', code: svc('    security_opt:\n      - seccomp=default.json\n'), errors: [{ line: 2, column: 3, message: missing }] },
    { name: 'empty security_opt', code: svc('    security_opt: []\n'), errors: [{ line: 2, column: 3, message: missing }] },
    {
      name: 'false points at the value',
      code: svc('    security_opt:\n      - no-new-privileges:false\n'),
      errors: [{ line: 5, column: 27, endColumn: 32, message: 'security_opt of service "backend" turns no-new-privileges off; a setuid binary can raise a process\'s privileges' }],
    },
    { name: 'last one wins', code: svc('    security_opt:\n      - no-new-privileges:true\n      - no-new-privileges=f\n'), errors: [{ line: 6, column: 27, endColumn: 28 }] },
    {
      name: 'a value Docker refuses',
      code: svc('    security_opt:\n      - no-new-privileges:on\n'),
      errors: [{ line: 5, column: 27, endColumn: 29, message: 'security_opt of service "backend" gives no-new-privileges the value "on", which Docker refuses; write "no-new-privileges:true"' }],
    },
    { name: 'another option name is not it', code: svc('    security_opt:\n      - no-new-privilege:true\n      - No-New-Privileges\n'), errors: [{ line: 2, column: 3, message: missing }] },
    { name: 'from an unset variable', code: svc('    security_opt:\n      - "no-new-privileges:${NNP}"\n'), errors: [{ line: 5, column: 28, endColumn: 34, message: /the value ""/ }] },
  ],
});
