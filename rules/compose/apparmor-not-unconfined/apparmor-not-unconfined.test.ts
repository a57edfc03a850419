import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'no security_opt', code: svc('') },
    { name: 'a named profile', code: svc('    security_opt: ["apparmor=escashop-backend"]\n') },
    { name: 'a profile named like unconfined', code: svc('    security_opt: ["apparmor=unconfined-backend"]\n') },
    { name: 'seccomp unconfined is another rule', code: svc('    security_opt: ["seccomp=unconfined"]\n') },
  ],
  invalid: [
    {
      name: 'colon spelling, at the item',
      code: svc('    security_opt:\n      - apparmor:unconfined\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 28,
          severity: 'error',
          message: 'security_opt of service "backend" turns AppArmor off ("apparmor:unconfined"); the container runs without the profile that keeps it away from /proc, /sys and mounts',
        },
      ],
    },
    { name: 'equals spelling, single-quoted', code: svc("    security_opt: ['apparmor=unconfined']\n"), errors: [{ line: 4, column: 21, endColumn: 40 }] },
    { name: 'ci file: error too', filename: 'docker-compose.ci.yml', code: svc('    security_opt: [apparmor:unconfined]\n'), errors: [{ line: 4, column: 20, severity: 'error' }] },
  ],
});
