import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const vol = (item: string) => `services:\n  agent:\n    image: escashop/agent:1.0.0\n    volumes:\n      - ${item}\n`;

ruleTester(rule, {
  valid: [
    { name: 'read-only is the other rule', code: vol('/etc:/host/etc:ro') },
    { name: 'segment match: /etcd is not /etc', code: vol('/etcd:/data') },
    { name: 'segment match: /homeassistant is not /home', code: vol('/homeassistant:/config') },
    { name: 'a user\'s folder under /home is not all of /home', code: vol('/home/deploy/escashop/data:/data') },
    { name: 'an application folder under /etc', code: vol('/etc/escashop:/etc/escashop') },
    { name: 'named volume', code: `${vol('etc:/etc')}volumes:\n  etc:\n` },
    { name: 'anonymous volume', code: vol('/proc') },
    { name: 'tmpfs', code: 'services:\n  agent:\n    image: escashop/agent:1.0.0\n    volumes:\n      - type: tmpfs\n        target: /etc\n' },
  ],
  invalid: [
    {
      name: 'the host root, at the source',
      code: vol('/:/host'),
      errors: [{ line: 5, column: 9, endColumn: 10, severity: 'error', message: 'service "agent" bind-mounts "/" writable in volumes: the container can change the host\'s whole file system' }],
    },
    {
      name: 'a path under a sensitive tree names the tree',
      code: vol('/proc/sys/kernel:/k'),
      errors: [{ line: 5, column: 9, endColumn: 25, message: 'service "agent" bind-mounts "/proc/sys/kernel" (under /proc) writable in volumes: the container can change the host\'s processes and kernel settings' }],
    },
    { name: 'normalized: trailing and repeated slashes, dot segments', code: vol('//etc/./:/e'), errors: [{ line: 5, column: 9, endColumn: 17, message: /bind-mounts "\/\/etc\/\.\/" writable/ }] },
    { name: 'a world-readable file still counts when writable', code: vol('/etc/passwd:/etc/passwd'), errors: [{ line: 5, column: 9, endColumn: 20, message: /the container can change the host's user accounts$/ }] },
    { name: 'explicit rw', code: vol('/var/lib/docker:/var/lib/docker:rw'), errors: [{ line: 5, column: 9, endColumn: 24 }] },
    {
      name: 'long syntax, read_only false',
      code: 'services:\n  agent:\n    image: escashop/agent:1.0.0\n    volumes:\n      - type: bind\n        source: /sys\n        target: /sys\n        read_only: false\n',
      errors: [{ line: 6, column: 17, endColumn: 21 }],
    },
    { name: 'from a variable default', code: vol('${HOST_ROOT:-/}:/host'), errors: [{ line: 5, column: 22, endColumn: 23 }] },
    { name: 'dev files too', filename: 'docker-compose.dev.yml', code: vol('/:/host'), errors: [{ line: 5, column: 9, severity: 'error' }] },
  ],
});
