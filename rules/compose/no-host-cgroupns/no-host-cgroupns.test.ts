import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  cadvisor:\n    image: gcr.io/cadvisor/cadvisor:v0.49.1\n${body}`;
const message =
  'service "cadvisor" sets "cgroup: host"; it sees the host\'s whole cgroup tree, with the cgroups of the other containers, instead of only its own';

ruleTester(rule, {
  valid: [
    { name: 'no cgroup', code: svc('') },
    { name: 'private', code: svc('    cgroup: private\n') },
    { name: 'cgroup_parent is another rule', code: svc('    cgroup_parent: host\n') },
  ],
  invalid: [
    {
      name: 'cgroup: host points at the value',
      code: svc('    cgroup: host\n'),
      errors: [{ line: 4, column: 13, endLine: 4, endColumn: 17, severity: 'warning', message }],
    },
    {
      name: 'quoted',
      code: svc('    cgroup: "host"\n'),
      errors: [{ line: 4, column: 14, endColumn: 18, message }],
    },
    {
      name: 'from a merge key points where the anchor writes it',
      code: 'x-monitoring: &monitoring\n  cgroup: host\nservices:\n  cadvisor:\n    <<: *monitoring\n    image: gcr.io/cadvisor/cadvisor:v0.49.1\n',
      errors: [{ line: 2, column: 11, endColumn: 15, message }],
    },
    {
      name: 'in test files too, at the same severity',
      filename: 'docker-compose.ci.yml',
      code: svc('    cgroup: host\n'),
      errors: [{ line: 4, column: 13, severity: 'warning' }],
    },
  ],
});
