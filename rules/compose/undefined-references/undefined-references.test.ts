import path from 'node:path';
import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

/** A project file beside fixtures/include/infra.yml, which it includes. */
const including = path.join(import.meta.dirname, 'fixtures', 'include', 'docker-compose.prod.yml');
const two = (body: string, top = '') => `services:\n  web:\n    image: nginx:1.27\n${body}  db:\n    image: postgres:16\n${top}`;

ruleTester(rule, {
  valid: [
    { name: 'depends_on a service, list form', code: two('    depends_on: [db]\n') },
    { name: 'links with an alias', code: two('    links:\n      - db:database\n') },
    { name: 'the implicit default network', code: two('    networks: [default]\n') },
    { name: 'an external network is defined', code: two('    networks: [edge]\n', 'networks:\n  edge:\n    external: true\n') },
    { name: 'a name from a variable default', code: two('    networks: ["${NET:-edge}"]\n', 'networks:\n  edge:\n') },
    { name: 'a name an unset variable leaves empty is not judged', code: two('    volumes:\n      - "${DATA_VOLUME}:/data"\n') },
    { name: 'an optional dependency may be missing', code: two('    depends_on:\n      cache:\n        condition: service_started\n        required: false\n') },
    {
      name: 'an included project\'s service, network and volume count',
      filename: including,
      code: 'include:\n  - infra.yml\nservices:\n  backend:\n    image: escashop/backend:1.0.0\n    depends_on: [postgres]\n    networks: [backend]\n    volumes: ["pgdata:/data"]\n',
    },
    { name: 'ipc and pid of another service', code: two('    ipc: "service:db"\n    pid: service:db\n') },
  ],
  invalid: [
    {
      // Found by test/robustness: the name quoted in the message ran over two lines.
      name: 'a name written as a block scalar is quoted on one line',
      code: two('    depends_on:\n      - |\n        apk add jq;\n        sleep 60\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endLine: 7,
          endColumn: 17,
          severity: 'error',
          message: 'depends_on of service "web" refers to service "apk add jq; sleep 60", which is not a service of the project; Compose refuses the project',
        },
      ],
    },
    {
      name: 'depends_on a missing service points at the name',
      code: two('    depends_on:\n      - database\n'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 17,
          severity: 'error',
          message: 'depends_on of service "web" refers to service "database", which is not a service of the project; Compose refuses the project',
        },
      ],
    },
    {
      name: 'a network not defined at the top level',
      code: two('    networks:\n      front:\n        aliases: [www]\n', 'networks:\n  back:\n'),
      errors: [{ line: 5, column: 7, endColumn: 12, message: 'networks of service "web" refers to network "front", which is not defined under the top-level "networks"; Compose refuses the project' }],
    },
    {
      name: 'a named volume in long syntax points at the source',
      code: two('    volumes:\n      - type: volume\n        source: html\n        target: /usr/share/nginx/html\n'),
      errors: [{ line: 6, column: 17, endColumn: 21, message: /refers to volume "html"/ }],
    },
    {
      name: 'the link name, not the alias',
      code: two('    links: ["cache:redis"]\n'),
      errors: [{ line: 4, column: 14, endColumn: 19, message: /links of service "web" refers to service "cache"/ }],
    },
    {
      name: 'volumes_from without its mode',
      code: two('    volumes_from: ["data:ro"]\n'),
      errors: [{ line: 4, column: 21, endColumn: 25, message: /volumes_from of service "web" refers to service "data"/ }],
    },
    {
      name: 'network_mode service: points after the prefix',
      code: two('    network_mode: service:vpn\n'),
      errors: [{ line: 4, column: 27, endColumn: 30, message: /network_mode of service "web" refers to service "vpn"/ }],
    },
    {
      name: 'a secret and a config in short syntax',
      code: two('    secrets: [tls_key]\n    configs: [site]\n'),
      errors: [
        { line: 4, column: 15, endColumn: 22, message: /secrets of service "web" refers to secret "tls_key", which is not defined under the top-level "secrets"/ },
        { line: 5, column: 15, endColumn: 19, message: /configs of service "web" refers to config "site"/ },
      ],
    },
    {
      name: 'required: true still needs the service',
      code: two('    depends_on:\n      cache:\n        condition: service_started\n        required: true\n'),
      errors: [{ line: 5, column: 7, endColumn: 12 }],
    },
    {
      name: 'an included project defines only what it defines',
      filename: including,
      code: 'include:\n  - infra.yml\nservices:\n  backend:\n    image: escashop/backend:1.0.0\n    depends_on: [postgres, redis]\n',
      errors: [{ line: 6, column: 28, endColumn: 33, message: /refers to service "redis"/ }],
    },
    {
      name: 'reported in dev too',
      filename: 'docker-compose.dev.yml',
      code: two('    networks: [front]\n'),
      errors: [{ line: 4, column: 16, endColumn: 21, severity: 'error' }],
    },
  ],
});
