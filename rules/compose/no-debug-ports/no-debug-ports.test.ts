import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'the API port', code: svc('    ports: ["5000:5000"]\n') },
    { name: 'a debugger port on the host side only', code: svc('    ports: ["9229:5000"]\n') },
    { name: 'port 9000 (php-fpm)', code: svc('    expose: ["9000"]\n') },
    { name: 'udp', code: svc('    ports: ["5005:5005/udp"]\n') },
    { name: 'a port from a variable', code: svc('    expose: ["${DEBUG_PORT}"]\n') },
    { name: '--inspect-port alone does not start the inspector', code: svc('    command: node --inspect-port=9229 index.js\n') },
    { name: 'a word that only contains inspect', code: svc('    command: ["docker", "inspect", "x", "--inspection"]\n') },
    { name: 'the inspector from a variable', code: svc('    command: node ${NODE_FLAGS} index.js\n') },
    { name: 'n8n listens on 5678', code: 'services:\n  n8n:\n    image: n8nio/n8n:1.50.0\n    ports: ["5678:5678"]\n' },
    { name: 'ignorePorts: an application of the team serves on 5005', options: { ignorePorts: [5005] }, code: svc('    ports:\n      - "5005:5005"\n    expose: ["5005"]\n') },
    { name: 'extraPorts: a port published on the host side only', options: { extraPorts: [4000] }, code: svc('    ports: ["4000:5000"]\n') },
  ],
  invalid: [
    {
      name: 'error in prod, at the container port',
      code: svc('    ports:\n      - "9229:9229"\n'),
      errors: [
        {
          line: 5,
          column: 15,
          endColumn: 19,
          severity: 'error',
          message: 'service "backend" publishes container port 9229 of the Node.js inspector in "ports"; whoever reaches a debugger can run any code in the container',
        },
      ],
    },
    {
      name: 'warning in dev (escalates)',
      filename: 'docker-compose.dev.yml',
      code: svc('    command: node --inspect=0.0.0.0:9229 src/index.js\n'),
      errors: [
        {
          line: 4,
          column: 19,
          endColumn: 41,
          severity: 'warning',
          message: 'service "backend" starts the Node.js inspector ("--inspect=0.0.0.0:9229") in "command"; whoever reaches a debugger can run any code in the container',
        },
      ],
    },
    {
      name: 'warning in test',
      filename: 'docker-compose.ci.yml',
      code: svc('    expose: ["5005"]\n'),
      errors: [{ line: 4, column: 15, endColumn: 19, severity: 'warning', message: /exposes port 5005 of JDWP, the Java debugger in "expose"/ }],
    },
    {
      name: 'a default counts as written',
      code: svc('    ports: ["8080:${DEBUG_PORT:-9229}"]\n'),
      errors: [{ line: 4, column: 33, endColumn: 37 }],
    },
    {
      name: 'NODE_OPTIONS in map form',
      code: svc('    environment:\n      NODE_OPTIONS: "--inspect-brk=9229"\n'),
      errors: [{ line: 5, column: 22, endColumn: 40, message: 'service "backend" starts the Node.js inspector ("--inspect-brk=9229") through "environment" NODE_OPTIONS; whoever reaches a debugger can run any code in the container' }],
    },
    {
      name: 'NODE_OPTIONS set on the command line',
      code: svc('    command: ["sh", "-c", "NODE_OPTIONS=--inspect node index.js"]\n'),
      errors: [{ line: 4, column: 41, endColumn: 50 }],
    },
    {
      name: 'Delve',
      code: svc('    entrypoint: dlv exec /app/server --headless --listen=:2345\n'),
      errors: [{ line: 4, column: 17, endColumn: 20, message: /runs Delve, the Go debugger in "entrypoint"/ }],
    },
    {
      name: 'Xdebug 3',
      code: svc('    ports: ["9003:9003"]\n'),
      errors: [{ line: 4, column: 19, endColumn: 23, message: /port 9003 of Xdebug/ }],
    },
    {
      name: "extraPorts: a port the team's debugger listens on",
      options: { extraPorts: [4000] },
      code: svc('    ports:\n      - "127.0.0.1:4000:4000"\n    expose:\n      - "4000/tcp"\n'),
      errors: [
        { line: 5, column: 25, endColumn: 29, message: 'service "backend" publishes container port 4000 of a debugger (the configuration\'s extraPorts) in "ports"; whoever reaches a debugger can run any code in the container' },
        { line: 7, column: 10, endColumn: 14, message: 'service "backend" exposes port 4000 of a debugger (the configuration\'s extraPorts) in "expose"; whoever reaches a debugger can run any code in the container' },
      ],
    },
    {
      name: 'ignorePorts leaves the other built-in ports reported',
      options: { ignorePorts: [5005] },
      code: svc('    ports:\n      - "5005:5005"\n      - "9229:9229"\n'),
      errors: [{ line: 6, column: 15, endColumn: 19, message: /container port 9229 of the Node.js inspector/ }],
    },
  ],
});
