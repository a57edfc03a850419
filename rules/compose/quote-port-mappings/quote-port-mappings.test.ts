import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const ports = (items: string) => `services:\n  sftp:\n    image: atmoz/sftp:alpine\n    ports:\n${items}`;

ruleTester(rule, {
  valid: [
    { name: 'double quoted', code: ports('      - "22:22"\n') },
    { name: 'single quoted', code: ports("      - '2222:22'\n") },
    { name: 'a container port of 60 or more is no base-60 number', code: ports('      - 8080:80\n      - 6379:6379\n') },
    { name: 'a single number', code: ports('      - 22\n') },
    { name: 'a host address makes it text', code: ports('      - 127.0.0.1:22:22\n') },
    { name: 'a protocol makes it text', code: ports('      - 53:53/udp\n') },
    { name: 'a range makes it text', code: ports('      - 20-21:20-21\n') },
    { name: 'a leading zero is no base-60 number', code: ports('      - 0:22\n') },
    { name: 'long syntax', code: ports('      - target: 22\n        published: 2222\n') },
    { name: 'a variable makes it text to every parser', code: ports('      - ${SSH_PORT:-2222}:22\n') },
    { name: 'expose is not read', code: 'services:\n  sftp:\n    image: atmoz/sftp:alpine\n    expose:\n      - "22"\n' },
  ],
  invalid: [
    {
      name: 'the classic 22:22',
      code: ports('      - 22:22\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 14,
          severity: 'warning',
          message:
            'service "sftp" maps ports with 22:22 unquoted: Compose v2 reads the text "22:22", but YAML 1.1 parsers (docker-compose v1, PyYAML tools) read the base-60 number 1342, a container port on a random host port; write "22:22"',
        },
      ],
    },
    { name: 'another host port', code: ports('      - 2222:22\n'), errors: [{ line: 5, column: 9, endColumn: 16, message: /base-60 number 133342,/ }] },
    { name: 'a container port with a leading zero', code: ports('      - 5000:05\n'), errors: [{ line: 5, column: 9, message: /base-60 number 300005,/ }] },
    { name: 'flow sequence', code: 'services:\n  dns:\n    image: coredns/coredns:1.11.1\n    ports: [53:53, "8053:53"]\n', errors: [{ line: 4, column: 13, endColumn: 18, message: /base-60 number 3233,/ }] },
    { name: 'dev files too', filename: 'docker-compose.dev.yml', code: ports('      - 21:21\n'), errors: [{ line: 5, column: 9, severity: 'warning' }] },
  ],
});
