import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'no security_opt', code: svc('') },
    { name: 'a profile file', code: svc('    security_opt: ["seccomp=profile.json"]\n') },
    { name: 'another case is a file name, not unconfined', code: svc('    security_opt: ["seccomp=Unconfined"]\n') },
    { name: 'the value after a second colon', code: svc('    security_opt: ["seccomp:./p:unconfined"]\n') },
    { name: 'apparmor unconfined is another rule', code: svc('    security_opt: ["apparmor=unconfined"]\n') },
    { name: 'unset variable', code: svc('    security_opt: ["seccomp=${SECCOMP}"]\n') },
  ],
  invalid: [
    {
      name: 'colon spelling, at the item',
      code: svc('    security_opt:\n      - seccomp:unconfined\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 27,
          severity: 'error',
          message: 'security_opt of service "backend" turns seccomp off ("seccomp:unconfined"); the container may make every system call the default profile blocks',
        },
      ],
    },
    { name: 'equals spelling, quoted', code: svc('    security_opt: ["no-new-privileges", "seccomp=unconfined"]\n'), errors: [{ line: 4, column: 42, endColumn: 60 }] },
    { name: 'dev file: error too', filename: 'compose.override.yaml', code: svc('    security_opt: [seccomp=unconfined]\n'), errors: [{ line: 4, column: 20, severity: 'error' }] },
    { name: 'from a variable', code: svc('    security_opt: ["seccomp=${P:-unconfined}"]\n'), errors: [{ line: 4, column: 21, endColumn: 44 }] },
  ],
});
