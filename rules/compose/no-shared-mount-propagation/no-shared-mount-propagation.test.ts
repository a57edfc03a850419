import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const vol = (item: string) => `services:\n  agent:\n    image: escashop/agent:1.0.0\n    volumes:\n      - ${item}\n`;
const long = (propagation: string) => `services:\n  agent:\n    image: escashop/agent:1.0.0\n    volumes:\n      - type: bind\n        source: /srv\n        target: /srv\n        bind:\n          propagation: ${propagation}\n`;

ruleTester(rule, {
  valid: [
    { name: 'no mode', code: vol('/srv:/srv') },
    { name: 'rslave', code: vol('/srv:/srv:rslave') },
    { name: 'private, long syntax', code: long('private') },
    { name: 'SELinux label only', code: vol('/srv:/srv:z') },
    { name: 'a directory named shared', code: vol('/shared:/rshared') },
  ],
  invalid: [
    {
      name: 'short syntax: at the option',
      code: vol('/srv:/srv:rshared'),
      errors: [{ line: 5, column: 19, endColumn: 26, severity: 'warning', message: 'service "agent" mounts "/srv" with rshared propagation in volumes: mounts made in the container appear on the host' }],
    },
    { name: 'among other options', code: vol('/srv:/srv:z,shared,ro'), errors: [{ line: 5, column: 21, endColumn: 27 }] },
    {
      name: 'long syntax: at the value',
      code: long('rshared'),
      errors: [{ line: 9, column: 24, endColumn: 31, message: 'service "agent" mounts "/srv" with rshared propagation in bind.propagation: mounts made in the container appear on the host' }],
    },
    { name: 'dev files too', filename: 'docker-compose.dev.yml', code: vol('/srv:/srv:shared'), errors: [{ line: 5, column: 19, severity: 'warning' }] },
  ],
});
