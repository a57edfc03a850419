import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'no privileged key', code: svc('') },
    { name: 'false', code: svc('    privileged: false\n') },
    { name: 'string no', code: svc('    privileged: "no"\n') },
    { name: 'unset variable', code: svc('    privileged: ${PRIV}\n') },
    { name: 'hook as root, not privileged', code: svc('    post_start:\n      - command: chown app /data\n        user: root\n') },
    { name: 'privileged build', code: 'services:\n  backend:\n    build:\n      context: .\n      privileged: true\n' },
  ],
  invalid: [
    {
      name: 'privileged: true at the value',
      code: svc('    privileged: true\n'),
      errors: [
        {
          line: 4,
          column: 17,
          endColumn: 21,
          severity: 'error',
          message: 'service "backend" sets "privileged: true": the container gets every capability and host device, without seccomp or AppArmor confinement',
        },
      ],
    },
    { name: 'single-quoted string', code: svc("    privileged: 'True'\n"), errors: [{ line: 4, column: 18, endColumn: 22 }] },
    { name: 'YAML 1.1 on', code: svc('    privileged: on\n'), errors: [{ line: 4, column: 17, endColumn: 19 }] },
    { name: 'dev file: error too', filename: 'docker-compose.dev.yml', code: svc('    privileged: true\n'), errors: [{ line: 4, column: 17, severity: 'error' }] },
    {
      name: 'pre_stop hook',
      code: svc('    pre_stop:\n      - command: ./drain.sh\n        privileged: true\n'),
      errors: [{ line: 6, column: 21, endColumn: 25, message: 'a pre_stop hook of service "backend" sets "privileged: true": its command runs with every capability' }],
    },
    {
      name: 'service and both hooks',
      code: svc('    privileged: true\n    post_start:\n      - command: a\n        privileged: true\n    pre_stop:\n      - command: b\n        privileged: "yes"\n'),
      errors: [
        { line: 4, column: 17, message: /^service "backend"/ },
        { line: 7, column: 21, message: /^a post_start hook/ },
        { line: 10, column: 22, message: /^a pre_stop hook/ },
      ],
    },
  ],
});
