import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'no cap_add', code: svc('') },
    { name: 'default capabilities back', code: svc('    cap_drop: [ALL]\n    cap_add: [CHOWN, NET_BIND_SERVICE, SETUID, SETGID, NET_RAW]\n') },
    { name: 'a name that only contains a dangerous one', code: svc('    cap_add: [SYS_ADMINISTRATOR, CAP_ALLOW]\n') },
    { name: 'dangerous ones in cap_drop', code: svc('    cap_drop: [SYS_ADMIN, ALL]\n') },
    { name: 'unset variable', code: svc('    cap_add: ["${CAP}"]\n') },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN at the item',
      code: svc('    cap_add:\n      - SYS_ADMIN\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 18,
          severity: 'error',
          message: 'cap_add of service "backend" adds SYS_ADMIN: mount file systems and create namespaces, the usual way out of a container',
        },
      ],
    },
    {
      name: 'one finding per item, harmless ones skipped',
      code: svc('    cap_add: [NET_BIND_SERVICE, net_admin, "CAP_BPF", CAP_PERFMON]\n'),
      errors: [
        { line: 4, column: 33, endColumn: 42, message: 'cap_add of service "backend" adds NET_ADMIN: reconfigure interfaces, routes and firewall rules' },
        { line: 4, column: 45, endColumn: 52, message: /adds BPF:/ },
        { line: 4, column: 55, endColumn: 66, message: /adds PERFMON:/ },
      ],
    },
    { name: 'ALL', code: svc('    cap_add: [all]\n'), errors: [{ line: 4, column: 15, endColumn: 18, message: 'cap_add of service "backend" adds ALL: every capability, next to privileged' }] },
    { name: 'ci file: error too', filename: 'docker-compose.ci.yml', code: svc('    cap_add: [SYS_MODULE]\n'), errors: [{ line: 4, column: 15, severity: 'error' }] },
  ],
});
