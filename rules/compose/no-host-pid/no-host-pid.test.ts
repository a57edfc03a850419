import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  agent:\n    image: prom/node-exporter:v1.8.2\n${body}`;
const message =
  'service "agent" sets "pid: host"; it sees every process of the host and of the other containers, with their command lines, and as root can signal the other containers\' processes';

ruleTester(rule, {
  valid: [
    { name: 'no pid', code: svc('') },
    { name: 'pid: null', code: svc('    pid:\n') },
    { name: "another service's namespace", code: 'services:\n  app:\n    image: escashop/backend:1.0.0\n  agent:\n    image: prom/node-exporter:v1.8.2\n    pid: "service:app"\n' },
    { name: "a container's namespace", code: svc('    pid: container:escashop-backend-1\n') },
    { name: 'a variable left unset', code: svc('    pid: ${PID_MODE}\n') },
    { name: 'ipc: host is another rule', code: svc('    ipc: host\n') },
  ],
  invalid: [
    {
      name: 'pid: host points at the value',
      code: svc('    pid: host\n'),
      errors: [{ line: 4, column: 10, endLine: 4, endColumn: 14, severity: 'error', message }],
    },
    {
      name: 'quoted, mixed case',
      code: svc('    pid: "Host"\n'),
      errors: [{ line: 4, column: 11, endColumn: 15, message: /^service "agent" sets "pid: Host"; / }],
    },
    {
      name: 'the default of a variable points at the default',
      code: svc('    pid: ${PID_MODE:-host}\n'),
      errors: [{ line: 4, column: 22, endColumn: 26, message }],
    },
    {
      name: 'from a merge key points where the anchor writes it',
      code: 'x-agent: &agent\n  pid: host\nservices:\n  agent:\n    <<: *agent\n    image: prom/node-exporter:v1.8.2\n',
      errors: [{ line: 2, column: 8, endColumn: 12, message }],
    },
    {
      name: 'in dev files too, at the same severity',
      filename: 'docker-compose.dev.yml',
      code: svc('    pid: host\n'),
      errors: [{ line: 4, column: 10, severity: 'error' }],
    },
  ],
});
