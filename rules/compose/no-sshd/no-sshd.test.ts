import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string, image = 'example/app:1.0.0') => `services:\n  app:\n    image: ${image}\n${body}`;
const WHY = 'an SSH daemon is a second way into the container, with its own keys or passwords to manage and outside the access control of "docker exec"';

ruleTester(rule, {
  valid: [
    { name: 'an SSH client keeping a tunnel open', code: svc('    command: ssh -N -L 5432:db:5432 tunnel@bastion\n') },
    { name: 'host port 22 mapped to another container port', code: svc('    ports: ["22:2222"]\n') },
    { name: 'port 22 over udp', code: svc('    ports: ["2222:22/udp"]\n') },
    { name: 'a port range that only contains 22', code: svc('    expose: ["20-25"]\n') },
    { name: 'a container port from an unset variable', code: svc('    expose: ["${SSH_PORT}"]\n') },
    { name: 'a service named sshd that runs something else', code: 'services:\n  sshd:\n    image: example/app:1.0.0\n    command: node server.js\n' },
    { name: 'git over SSH is what gitea is for', code: svc('    ports: ["2222:22"]\n', 'gitea/gitea:1.22.1') },
    { name: 'gitlab from another registry', code: svc('    ports: ["2222:22"]\n', 'registry.gitlab.com/gitlab-org/omnibus-gitlab/gitlab-ee:17.1.0') },
    { name: 'an SSH server image', code: svc('    ports: ["2222:22"]\n', 'lscr.io/linuxserver/openssh-server:9.7') },
    { name: 'an SFTP server image running sshd', code: svc('    command: /usr/sbin/sshd -D -e\n    ports: ["2222:22"]\n', 'atmoz/sftp:alpine') },
    { name: 'a git server built from a folder named for it', code: 'services:\n  git:\n    build: ./gitlab\n    ports: ["2222:22"]\n' },
  ],
  invalid: [
    {
      name: 'sshd in command, at the program',
      code: svc('    command: /usr/sbin/sshd -D\n'),
      errors: [{ line: 4, column: 14, endColumn: 28, severity: 'info', message: `service "app" starts an SSH daemon (/usr/sbin/sshd) in "command"; ${WHY}` }],
    },
    {
      name: 'container port 22 in short syntax, at the container port',
      code: svc('    ports:\n      - "2222:22"\n'),
      errors: [{ line: 5, column: 15, endColumn: 17, message: `service "app" publishes container port 22 (SSH) in "ports"; ${WHY}` }],
    },
    { name: 'container port 22 in long syntax', code: svc('    ports:\n      - target: 22\n        published: 2222\n'), errors: [{ line: 5, column: 17, endColumn: 19 }] },
    {
      name: 'expose with a protocol, at the port',
      code: svc('    expose: ["22/tcp"]\n'),
      errors: [{ line: 4, column: 15, endColumn: 17, message: `service "app" exposes port 22 (SSH) in "expose"; ${WHY}` }],
    },
    {
      name: 'service ssh start inside sh -c, at the service name',
      code: svc('    command: sh -c "service ssh start && exec node server.js"\n'),
      errors: [{ line: 4, column: 29, endColumn: 32, message: /starts an SSH daemon \(ssh\) in "command"/ }],
    },
    {
      name: 'the init script in the entrypoint',
      code: svc('    entrypoint: ["/etc/init.d/ssh", "start"]\n'),
      errors: [{ line: 4, column: 19, endColumn: 34, message: /starts an SSH daemon \(\/etc\/init\.d\/ssh\) in "entrypoint"/ }],
    },
    { name: 'dropbear', code: svc('    command: ["dropbear", "-F", "-E"]\n'), errors: [{ line: 4, column: 16, endColumn: 24 }] },
    {
      name: 'info in a dev file too, daemon and port both',
      filename: 'docker-compose.dev.yml',
      code: svc('    command: sshd -D\n    ports: ["2222:22"]\n'),
      errors: [
        { line: 4, column: 14, endColumn: 18, severity: 'info' },
        { line: 5, column: 19, endColumn: 21, severity: 'info' },
      ],
    },
    { name: 'a default counts as written', code: svc('    ports: ["2222:${SSH_PORT:-22}"]\n'), errors: [{ line: 4, column: 31, endColumn: 33 }] },
  ],
});
