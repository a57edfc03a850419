import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backup:\n    image: escashop/backup:1.0.0\n${body}`;
const message = 'service "backup" sets "userns_mode: host"; it opts out of the daemon\'s user-namespace remapping, so root in the container is root on the host';

ruleTester(rule, {
  valid: [
    { name: 'no userns_mode', code: svc('') },
    { name: 'empty', code: svc('    userns_mode: ""\n') },
    { name: 'a variable left unset', code: svc('    userns_mode: ${USERNS}\n') },
    { name: 'a user: is not a user namespace', code: svc('    user: host\n') },
  ],
  invalid: [
    {
      name: 'userns_mode: host points at the value',
      code: svc('    userns_mode: host\n'),
      errors: [{ line: 4, column: 18, endLine: 4, endColumn: 22, severity: 'warning', message }],
    },
    {
      name: 'quoted, upper case',
      code: svc('    userns_mode: "HOST"\n'),
      errors: [{ line: 4, column: 19, endColumn: 23, message: /^service "backup" sets "userns_mode: HOST"; / }],
    },
    {
      name: 'the default of a variable points at the default',
      code: svc('    userns_mode: ${USERNS:-host}\n'),
      errors: [{ line: 4, column: 28, endColumn: 32, message }],
    },
    {
      name: 'in dev files too, at the same severity',
      filename: 'docker-compose.dev.yml',
      code: svc('    userns_mode: host\n'),
      errors: [{ line: 4, column: 18, severity: 'warning' }],
    },
  ],
});
