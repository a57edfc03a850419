import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;
const message = 'service "backend" sets "uts: host"; it sees the host\'s hostname, and with CAP_SYS_ADMIN can change it for the whole host';

ruleTester(rule, {
  valid: [
    { name: 'no uts', code: svc('') },
    { name: 'a hostname of its own', code: svc('    hostname: backend\n') },
    { name: 'empty', code: svc('    uts: ""\n') },
    { name: 'a variable left unset', code: svc('    uts: ${UTS_MODE}\n') },
  ],
  invalid: [
    {
      name: 'uts: host points at the value',
      code: svc('    uts: host\n'),
      errors: [{ line: 4, column: 10, endLine: 4, endColumn: 14, severity: 'warning', message }],
    },
    {
      name: 'upper case',
      code: svc('    uts: HOST\n'),
      errors: [{ line: 4, column: 10, endColumn: 14, message: /^service "backend" sets "uts: HOST"; / }],
    },
    {
      name: 'the default of a variable points at the default',
      code: svc('    uts: ${UTS_MODE:-host}\n'),
      errors: [{ line: 4, column: 22, endColumn: 26, message }],
    },
    {
      name: 'in dev files too, at the same severity',
      filename: 'compose.override.yaml',
      code: svc('    uts: host\n'),
      errors: [{ line: 4, column: 10, severity: 'warning' }],
    },
  ],
});
