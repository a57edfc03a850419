import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const why = 'there containers find each other by IP address only (no name resolution), and share the network with every container on the host started without one';

ruleTester(rule, {
  valid: [
    { name: "Compose's own default network is a user-defined bridge", code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n' },
    { name: 'a declared network with the bridge driver', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    networks: [app]\nnetworks:\n  app:\n    driver: bridge\n' },
    { name: 'an external user-defined network', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    networks: [proxy]\nnetworks:\n  proxy:\n    external: true\n' },
    { name: 'a network named like the bridge but not it', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    networks: [app]\nnetworks:\n  app:\n    name: bridge-app\n' },
    { name: 'the default bridge declared but used by no service', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    networks: [app]\nnetworks:\n  app: {}\n  legacy:\n    external: true\n    name: bridge\n' },
    { name: 'a key "bridge" that Compose creates for the project', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    networks: [bridge]\nnetworks:\n  bridge:\n    driver: bridge\n' },
    { name: 'network_mode host is compose/no-host-network\'s finding', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    network_mode: host\n' },
    { name: 'network_mode none', code: 'services:\n  batch:\n    image: escashop/batch:1.0.0\n    network_mode: none\n' },
    { name: 'network_mode service:', code: 'services:\n  app:\n    image: escashop/backend:1.0.0\n  sidecar:\n    image: escashop/sidecar:1.0.0\n    network_mode: service:app\n' },
    { name: 'off in dev', filename: 'docker-compose.dev.yml', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    network_mode: bridge\n' },
    { name: 'off in test', filename: 'docker-compose.ci.yml', code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    network_mode: bridge\n' },
  ],
  invalid: [
    {
      name: 'network_mode bridge',
      code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    network_mode: bridge\n',
      errors: [
        {
          line: 4,
          column: 19,
          endColumn: 25,
          severity: 'info',
          message: `service "backend" sets "network_mode: bridge", so it is on Docker's default bridge ("docker0"): ${why}; leave network_mode out (the service joins the project's own network) or name a network under "networks:"`,
        },
      ],
    },
    {
      name: 'network_mode "default" is the bridge too',
      code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    network_mode: "default"\n',
      errors: [{ line: 4, column: 19, endColumn: 28, message: /sets "network_mode: default", so it is on Docker's default bridge/ }],
    },
    {
      name: 'network_mode from a variable default',
      code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    network_mode: ${NET_MODE:-bridge}\n',
      errors: [{ line: 4, column: 19, endColumn: 38 }],
    },
    {
      name: 'network_mode from an anchor',
      code: 'x-net: &net\n  network_mode: bridge\nservices:\n  a:\n    <<: *net\n    image: escashop/a:1.0.0\n  b:\n    <<: *net\n    image: escashop/b:1.0.0\n',
      errors: [
        { line: 2, column: 17, endColumn: 23, message: /^service "a"/ },
        { line: 2, column: 17, endColumn: 23, message: /^service "b"/ },
      ],
    },
    {
      name: 'the default network declared as the external bridge: once, at its name',
      code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n  worker:\n    image: escashop/worker:1.0.0\n    networks: [default]\nnetworks:\n  default:\n    external: true\n    name: bridge\n',
      errors: [
        {
          line: 10,
          column: 11,
          endColumn: 17,
          severity: 'info',
          message: `network "default" is Docker's default bridge ("bridge", "docker0"), and services "backend", "worker" are on it: ${why}; let Compose create the project's own network instead`,
        },
      ],
    },
    {
      name: 'an external network whose key is "bridge", at the key',
      code: 'services:\n  pruner:\n    image: docker:27\n    networks:\n      - bridge\nnetworks:\n  bridge:\n    external: true\n',
      errors: [{ line: 7, column: 3, endColumn: 9, message: /^network "bridge" is Docker's default bridge \("bridge", "docker0"\), and service "pruner" is on it/ }],
    },
    {
      name: 'the legacy external name',
      code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    networks: [host-bridge]\nnetworks:\n  host-bridge:\n    external:\n      name: bridge\n',
      errors: [{ line: 8, column: 13, endColumn: 19 }],
    },
    {
      name: 'a name without external: Compose finds the existing network and uses it',
      code: 'services:\n  backend:\n    image: escashop/backend:1.0.0\n    networks:\n      lan:\n        aliases: [api]\nnetworks:\n  lan:\n    name: "bridge"\n',
      errors: [{ line: 9, column: 12, endColumn: 18 }],
    },
  ],
});
