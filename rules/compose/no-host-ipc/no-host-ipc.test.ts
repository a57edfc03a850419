import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  worker:\n    image: escashop/worker:1.0.0\n${body}`;
const message =
  'service "worker" sets "ipc: host"; it shares the host\'s /dev/shm and System V IPC objects, so it can reach the shared memory of processes outside the container';

ruleTester(rule, {
  valid: [
    { name: 'no ipc', code: svc('') },
    { name: 'private', code: svc('    ipc: private\n') },
    { name: 'shareable', code: svc('    ipc: shareable\n') },
    { name: 'none', code: svc('    ipc: none\n') },
    { name: "another service's namespace", code: 'services:\n  db:\n    image: postgres:16-alpine\n    ipc: shareable\n  worker:\n    image: escashop/worker:1.0.0\n    ipc: "service:db"\n' },
    { name: "a container's namespace from a variable", code: svc('    ipc: "container:${EXTERNAL_NAME}"\n') },
    { name: 'a bigger /dev/shm is shm_size, not ipc', code: svc('    shm_size: 1gb\n') },
  ],
  invalid: [
    {
      name: 'ipc: host points at the value',
      code: svc('    ipc: host\n'),
      errors: [{ line: 4, column: 10, endLine: 4, endColumn: 14, severity: 'error', message }],
    },
    {
      name: 'upper case, single-quoted',
      code: svc("    ipc: 'HOST'\n"),
      errors: [{ line: 4, column: 11, endColumn: 15, message: /^service "worker" sets "ipc: HOST"; / }],
    },
    {
      name: 'the default of a variable points at the default',
      code: svc('    ipc: "${IPC_MODE:-host}"\n'),
      errors: [{ line: 4, column: 23, endColumn: 27, message }],
    },
    {
      name: 'in test files too, at the same severity',
      filename: 'docker-compose.test.yml',
      code: svc('    ipc: host\n'),
      errors: [{ line: 4, column: 10, severity: 'error' }],
    },
  ],
});
