import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  agent:\n    image: portainer/agent:2.21.0\n${body}`;
const vol = (item: string) => svc(`    volumes:\n      - ${item}\n`);

ruleTester(rule, {
  valid: [
    { name: 'named volume', code: `${vol('data:/data')}volumes:\n  data:\n` },
    { name: 'a file named like a socket but not one', code: vol('/srv/docker.sock.bak:/x') },
    { name: 'docker.socket is a systemd unit, not the socket', code: vol('/lib/systemd/system/docker.socket:/x:ro') },
    { name: 'a relative source is the project\'s own file', code: vol('./docker.sock:/x') },
    { name: 'use_api_socket false', code: svc('    use_api_socket: false\n') },
    { name: 'tmpfs at the socket path', code: svc('    volumes:\n      - type: tmpfs\n        target: /var/run/docker.sock\n') },
  ],
  invalid: [
    {
      name: 'short syntax points at the source',
      code: vol('/var/run/docker.sock:/var/run/docker.sock'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 29,
          severity: 'error',
          message: 'service "agent" mounts the container engine socket "/var/run/docker.sock" in volumes: the container controls the host\'s engine, which is root on the host',
        },
      ],
    },
    {
      name: 'read-only says that it does not help',
      code: vol('"/var/run/docker.sock:/var/run/docker.sock:ro"'),
      errors: [{ line: 5, column: 10, endColumn: 30, message: /\(read-only does not help: the API still takes every command\)$/ }],
    },
    { name: 'a path that normalizes to the socket', code: vol('/var/run/../run//docker.sock/:/d.sock'), errors: [{ line: 5, column: 9, endColumn: 38 }] },
    { name: 'Docker Desktop user socket', code: vol('~/.docker/run/docker.sock:/var/run/docker.sock'), errors: [{ line: 5, column: 9, endColumn: 34 }] },
    {
      name: 'long syntax points at the source value',
      code: svc('    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /sock\n        read_only: true\n'),
      errors: [{ line: 6, column: 17, endColumn: 37 }],
    },
    { name: 'Windows named pipe', code: svc('    volumes:\n      - type: npipe\n        source: \\\\.\\pipe\\docker_engine\n        target: \\\\.\\pipe\\docker_engine\n'), errors: [{ line: 6, column: 17 }] },
    {
      name: 'use_api_socket',
      code: svc('    use_api_socket: true\n'),
      errors: [{ line: 4, column: 21, endColumn: 25, message: 'service "agent" sets "use_api_socket: true": Compose mounts the Docker API socket into the container, which is root on the host' }],
    },
    {
      name: 'the socket from a variable\'s default points at the default',
      code: vol('${SOCK:-/var/run/docker.sock}:/var/run/docker.sock'),
      errors: [{ line: 5, column: 17, endColumn: 37 }],
    },
    { name: 'dev files too', filename: 'docker-compose.dev.yml', code: vol('/var/run/docker.sock:/var/run/docker.sock'), errors: [{ line: 5, column: 9, severity: 'error' }] },
  ],
});
