import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const dev = 'docker-compose.dev.yml';
const fix = '; publish a host port of 1024 or above and leave the low ports to the ingress';
const backend = (ports: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n    ports:\n${ports}`;

ruleTester(rule, {
  valid: [
    { name: 'a privileged container port on a high host port', filename: dev, code: backend('      - "8080:80"\n') },
    { name: 'container port alone: Docker picks a high host port', filename: dev, code: backend('      - "80"\n      - 443\n') },
    { name: 'address and container port, no host port', filename: dev, code: backend('      - "127.0.0.1::80"\n') },
    { name: 'host port 1024 is not privileged', filename: dev, code: backend('      - "1024:1024"\n') },
    { name: 'range of high ports', filename: dev, code: backend('      - "1024-1030:1024-1030"\n') },
    { name: 'host port 0: Docker picks one', filename: dev, code: backend('      - "0:80"\n') },
    { name: 'host port from an unset variable', filename: dev, code: backend('      - "${HTTP_PORT}:80"\n') },
    { name: 'host port from a variable with a high default', filename: dev, code: backend('      - "${HTTP_PORT:-8080}:80"\n') },
    { name: 'long syntax: high published, low target', filename: dev, code: backend('      - target: 443\n        published: 8443\n') },
    { name: 'long syntax without published', filename: dev, code: backend('      - target: 80\n') },
    { name: 'the ingress publishes 80 and 443', filename: dev, code: 'services:\n  proxy:\n    image: traefik:v3\n    ports:\n      - "80:80"\n      - target: 443\n        published: 443\n' },
    { name: 'network_mode host ignores ports', filename: dev, code: 'services:\n  dns:\n    image: coredns/coredns:1.11.1\n    network_mode: host\n    ports:\n      - "53:53/udp"\n' },
    { name: 'off in prod: compose/ingress-only-ports reports the port there', code: backend('      - "80:5000"\n') },
    { name: 'the configured ingress publishes 443', filename: dev, policy: { ingress: ['gateway'] }, code: 'services:\n  gateway:\n    build: ./gateway\n    ports:\n      - "443:8443"\n' },
  ],
  invalid: [
    {
      name: 'host port 80 points at the host port',
      filename: dev,
      code: backend('      - "80:5000"\n'),
      errors: [{ line: 5, column: 10, endLine: 5, endColumn: 12, severity: 'warning', message: `service "backend" publishes container port 5000 to host port 80: host port 80 is below 1024, privileged on the host${fix}` }],
    },
    {
      name: 'same port on both sides, plain scalar',
      filename: dev,
      code: backend('      - 443:443\n'),
      errors: [{ line: 5, column: 9, endColumn: 12, message: `service "backend" publishes port 443 to the host: host port 443 is below 1024, privileged on the host${fix}` }],
    },
    {
      name: 'with an IPv4 address',
      filename: dev,
      code: backend('      - "127.0.0.1:22:22"\n'),
      errors: [{ line: 5, column: 20, endColumn: 22, message: /publishes port 22 to the host on 127\.0\.0\.1 \(loopback only\): host port 22 is below 1024/ }],
    },
    {
      name: 'with an IPv6 address',
      filename: dev,
      code: backend('      - "[::1]:53:53/udp"\n'),
      errors: [{ line: 5, column: 16, endColumn: 18, message: /publishes port 53\/udp to the host on ::1 \(loopback only\): host port 53 is below 1024/ }],
    },
    {
      name: 'a range that starts below 1024',
      filename: dev,
      code: backend('      - "1000-1030:1000-1030"\n'),
      errors: [{ line: 5, column: 10, endColumn: 19, message: `service "backend" publishes port 1000-1030 to the host: host ports 1000-1030 include ports below 1024, privileged on the host${fix}` }],
    },
    {
      name: 'a host range onto one container port',
      filename: dev,
      code: backend('      - "8000-8010:80"\n      - "500-600:80"\n'),
      errors: [{ line: 6, column: 10, endColumn: 17, message: /host ports 500-600 include ports below 1024/ }],
    },
    {
      name: 'host port from a variable default',
      filename: dev,
      code: backend('      - "${HTTP_PORT:-80}:8080"\n'),
      errors: [{ line: 5, column: 23, endColumn: 25, message: /host port 80 is below 1024/ }],
    },
    {
      name: 'long syntax points at published',
      filename: dev,
      code: backend('      - target: 8080\n        published: 80\n        host_ip: 127.0.0.1\n'),
      errors: [{ line: 6, column: 20, endColumn: 22, message: /container port 8080 to host port 80 on 127\.0\.0\.1 \(loopback only\): host port 80 is below 1024/ }],
    },
    {
      name: 'long syntax with a quoted range',
      filename: dev,
      code: backend('      - target: "8000-8005"\n        published: "1020-1025"\n'),
      errors: [{ line: 6, column: 21, endColumn: 30, message: /host ports 1020-1025 include ports below 1024/ }],
    },
    {
      name: 'ports from an anchor are reported at the anchor',
      filename: dev,
      code: 'x-web: &web\n  ports:\n    - "80:8080"\nservices:\n  app:\n    <<: *web\n    image: escashop/app:1.0.0\n',
      errors: [{ line: 3, column: 8, endColumn: 10 }],
    },
    {
      name: 'a test stack',
      filename: 'docker-compose.ci.yml',
      code: 'services:\n  ldap:\n    image: osixia/openldap:1.5.0\n    ports: ["389:389", "636:636", "1389:389"]\n',
      errors: [
        { line: 4, column: 14, endColumn: 17 },
        { line: 4, column: 25, endColumn: 28 },
      ],
    },
    {
      name: 'traefik is no ingress when the configuration names another',
      filename: dev,
      policy: { ingress: ['gateway'] },
      code: 'services:\n  proxy:\n    image: traefik:v3\n    ports:\n      - "80:80"\n',
      errors: [{ line: 5, column: 10, endColumn: 12, message: `service "proxy" publishes port 80 to the host: host port 80 is below 1024, privileged on the host${fix}` }],
    },
  ],
});
