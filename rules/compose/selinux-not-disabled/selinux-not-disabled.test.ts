import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'no security_opt', code: svc('') },
    { name: 'a confined type', code: svc('    security_opt: ["label=type:container_t"]\n') },
    { name: 'an MCS level', code: svc('    security_opt: ["label=level:s0:c1,c2"]\n') },
    { name: 'disable in another option', code: svc('    security_opt: ["apparmor=disable"]\n') },
    { name: 'unset variable', code: svc('    security_opt: ["label=${LABEL}"]\n') },
  ],
  invalid: [
    {
      name: 'colon spelling, at the item',
      code: svc('    security_opt:\n      - label:disable\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 22,
          severity: 'error',
          message: 'security_opt of service "backend" turns SELinux labeling off ("label:disable"); on an SELinux host the container is no longer kept apart from the host and the other containers',
        },
      ],
    },
    { name: 'equals spelling, quoted', code: svc('    security_opt: ["label=disable"]\n'), errors: [{ line: 4, column: 21, endColumn: 34 }] },
    { name: 'spc_t', code: svc('    security_opt: ["label=type:spc_t"]\n'), errors: [{ line: 4, column: 21, endColumn: 37, message: /runs the container as spc_t/ }] },
    { name: 'dev file: error too', filename: 'docker-compose.dev.yml', code: svc('    security_opt: [label=disable]\n'), errors: [{ line: 4, column: 20, severity: 'error' }] },
  ],
});
