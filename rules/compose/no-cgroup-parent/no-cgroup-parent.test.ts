import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  runner:\n    image: escashop/runner:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'no cgroup_parent', code: svc('') },
    { name: 'empty', code: svc('    cgroup_parent: ""\n') },
    { name: 'a variable left unset', code: svc('    cgroup_parent: ${PARENT}\n') },
    { name: 'the cgroup namespace is another rule', code: svc('    cgroup: host\n') },
  ],
  invalid: [
    {
      name: 'a parent cgroup points at the value',
      code: svc('    cgroup_parent: m-executor-abcd\n'),
      errors: [
        {
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 35,
          severity: 'info',
          message:
            'service "runner" sets "cgroup_parent: m-executor-abcd"; its container runs under that cgroup instead of the one Docker manages, so the limits and accounting set up for containers may not cover it',
        },
      ],
    },
    {
      name: 'a systemd slice, quoted, blanks left out of the range',
      code: svc('    cgroup_parent: " escashop.slice "\n'),
      errors: [{ line: 4, column: 22, endColumn: 36, message: /^service "runner" sets "cgroup_parent: escashop\.slice"; / }],
    },
    {
      name: 'the default of a variable points at the default',
      code: svc('    cgroup_parent: ${PARENT:-/escashop}\n'),
      errors: [{ line: 4, column: 30, endColumn: 39, message: /sets "cgroup_parent: \/escashop"/ }],
    },
    {
      name: 'in dev files too, at the same severity',
      filename: 'docker-compose.dev.yml',
      code: svc('    cgroup_parent: escashop.slice\n'),
      errors: [{ line: 4, column: 20, severity: 'info' }],
    },
  ],
});
