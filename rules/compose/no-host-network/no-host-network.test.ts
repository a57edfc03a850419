import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  agent:\n    image: prom/node-exporter:v1.8.2\n${body}`;
const message =
  'service "agent" sets "network_mode: host"; it shares the host\'s network stack: whatever it listens on is open on the host\'s interfaces, past "ports:" and any proxy, and it reaches services bound to the host\'s localhost';

ruleTester(rule, {
  valid: [
    { name: 'no network_mode', code: svc('') },
    { name: 'bridge', code: svc('    network_mode: bridge\n') },
    { name: 'none', code: svc('    network_mode: "none"\n') },
    { name: "another service's namespace", code: 'services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n  agent:\n    image: prom/node-exporter:v1.8.2\n    network_mode: "service:vpn"\n' },
    { name: "a container's namespace", code: svc('    network_mode: container:vpn\n') },
    { name: 'a network merely named like host', code: svc('    network_mode: hostnet\n') },
    { name: 'a variable that gives bridge', code: svc('    network_mode: ${NET:-bridge}\n') },
    { name: 'a variable left unset', code: svc('    network_mode: ${NET}\n') },
    { name: 'pid: host is another rule', code: svc('    pid: host\n') },
  ],
  invalid: [
    {
      name: 'network_mode: host points at the value',
      code: svc('    network_mode: host\n'),
      errors: [{ line: 4, column: 19, endLine: 4, endColumn: 23, severity: 'error', message }],
    },
    {
      name: 'quoted, upper case',
      code: svc('    network_mode: "HOST"\n'),
      errors: [{ line: 4, column: 20, endColumn: 24, message: /sets "network_mode: HOST"/ }],
    },
    {
      name: 'the default of a variable points at the default',
      code: svc('    network_mode: ${NET:-host}\n'),
      errors: [{ line: 4, column: 26, endColumn: 30, message }],
    },
    {
      name: 'from a merge key points where the anchor writes it',
      code: 'x-monitoring: &monitoring\n  network_mode: host\nservices:\n  agent:\n    <<: *monitoring\n    image: prom/node-exporter:v1.8.2\n',
      errors: [{ line: 2, column: 17, endColumn: 21, message }],
    },
    {
      name: 'in dev and test files too, at the same severity',
      filename: 'docker-compose.dev.yml',
      code: svc('    network_mode: host\n'),
      errors: [{ line: 4, column: 19, severity: 'error' }],
    },
    {
      name: 'in a ci file',
      filename: 'docker-compose.ci.yml',
      code: svc('    network_mode: host\n'),
      errors: [{ line: 4, column: 19, severity: 'error' }],
    },
    {
      name: 'one finding per service',
      code: 'services:\n  exporter:\n    image: prom/node-exporter:v1.8.2\n    network_mode: host\n  app:\n    image: escashop/backend:1.0.0\n  agent:\n    image: gcr.io/cadvisor/cadvisor:v0.49.1\n    network_mode: host\n',
      errors: [
        { line: 4, column: 19, message: /^service "exporter" sets/ },
        { line: 9, column: 19, message: /^service "agent" sets/ },
      ],
    },
  ],
});
