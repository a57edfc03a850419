import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const vol = (item: string) => `services:\n  agent:\n    image: escashop/agent:1.0.0\n    volumes:\n      - ${item}\n`;

ruleTester(rule, {
  valid: [
    { name: 'writable is the other rule', code: vol('/etc:/host/etc') },
    { name: 'last of ro and rw wins', code: vol('/etc:/host/etc:ro,rw') },
    { name: 'segment match: /sysroot is not /sys', code: vol('/sysroot:/s:ro') },
    { name: 'time zone', code: vol('/etc/localtime:/etc/localtime:ro') },
    { name: 'a relative path is the project\'s own', code: vol('./etc:/etc:ro') },
  ],
  invalid: [
    {
      name: 'short syntax, at the source',
      code: vol('/proc:/host/proc:ro'),
      errors: [{ line: 5, column: 9, endColumn: 14, severity: 'warning', message: 'service "agent" bind-mounts "/proc" read-only in volumes: the container can read the host\'s processes and kernel settings' }],
    },
    {
      name: 'a file under a tree',
      code: vol('/root/.docker/config.json:/cfg.json:ro'),
      errors: [{ line: 5, column: 9, endColumn: 34, message: 'service "agent" bind-mounts "/root/.docker/config.json" (under /root) read-only in volumes: the container can read the home of the host\'s root user' }],
    },
    {
      name: 'long syntax, read_only true',
      code: 'services:\n  agent:\n    image: escashop/agent:1.0.0\n    volumes:\n      - type: bind\n        source: /\n        target: /rootfs\n        read_only: true\n',
      errors: [{ line: 6, column: 17, endColumn: 18, message: /bind-mounts "\/" read-only in volumes: the container can read the host's whole file system$/ }],
    },
    { name: 'ro with other options', code: vol('/sys:/sys:z,ro'), errors: [{ line: 5, column: 9, endColumn: 13 }] },
    { name: 'test files too', filename: 'docker-compose.test.yml', code: vol('/:/host:ro'), errors: [{ line: 5, column: 9, severity: 'warning' }] },
  ],
});
