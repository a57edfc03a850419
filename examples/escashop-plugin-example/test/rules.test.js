// The plugin's rules, tested through escashop-lint's public RuleTester as any plugin would test its own.
import { RuleTester } from 'escashop-lint';
import { describe, it } from 'vitest';
import { oneBackendVersion, uploadLimit } from '../index.js';

// vitest without `globals: true` has no global describe/it: hand them to the tester.
RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester();

tester.run(oneBackendVersion, {
  valid: [
    {
      name: 'one version of each repository',
      code: `services:
  api:
    image: registry.example.com/shop/backend:1.4.2
  worker:
    image: registry.example.com/shop/backend:1.4.2
  cache:
    image: redis:7.4.1
`,
    },
    {
      name: 'the same path on two registries is two repositories',
      code: `services:
  api:
    image: registry.example.com/shop/backend:1.4.2
  legacy:
    image: shop/backend:1.3.0
`,
    },
  ],
  invalid: [
    {
      name: 'a worker left on the previous release',
      code: `services:
  api:
    image: registry.example.com/shop/backend:1.4.2
  worker:
    image: registry.example.com/shop/backend:1.4.1
`,
      errors: [
        {
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 51,
          message: 'service "worker" runs registry.example.com/shop/backend 1.4.1, but service "api" runs 1.4.2: services of one repository are released together',
          severity: 'error',
        },
      ],
    },
    {
      name: 'no tag is latest; a warning in dev',
      filename: 'docker-compose.dev.yml',
      code: `services:
  api:
    image: "shop/backend:\${TAG:-1.4.2}"
  worker:
    image: shop/backend
`,
      errors: [{ line: 5, column: 12, endColumn: 24, message: /runs shop\/backend latest, but service "api" runs 1\.4\.2/, severity: 'warning' }],
    },
  ],
});

const COMPOSE = `services:
  web:
    image: nginx:1.27.3
    volumes: ["./nginx/nginx.conf:/etc/nginx/nginx.conf:ro"]
  api:
    image: registry.example.com/shop/backend:1.4.2
`;

const nginx = (server) => `events {}
http {
  server {
    listen 80;
${server}  }
}
`;

tester.run(uploadLimit, {
  valid: [
    {
      name: 'a limit in the location',
      code: COMPOSE,
      files: { 'nginx/nginx.conf': nginx('    location /api/ {\n      client_max_body_size 2m;\n      proxy_pass http://api:8080;\n    }\n') },
    },
    {
      name: 'a limit in the server applies to its locations; static files need none',
      code: COMPOSE,
      files: { 'nginx/nginx.conf': nginx('    client_max_body_size 10m;\n    location /api/ { proxy_pass http://api:8080; }\n    location / { root /srv; }\n') },
    },
    {
      name: 'a host that is no service of the project',
      code: COMPOSE,
      files: { 'nginx/nginx.conf': nginx('    location / { proxy_pass http://payments.internal:8080; }\n') },
    },
    {
      name: 'a larger team limit through the options',
      code: COMPOSE,
      options: { max: '64m' },
      files: { 'nginx/nginx.conf': nginx('    client_max_body_size 50m;\n    location /api/ { proxy_pass http://api:8080; }\n') },
    },
  ],
  invalid: [
    {
      name: "nginx's default",
      code: COMPOSE,
      files: { 'nginx/nginx.conf': nginx('    location /api/ {\n      proxy_pass http://api:8080;\n    }\n') },
      errors: [
        {
          file: 'nginx/nginx.conf',
          line: 6,
          column: 7,
          endColumn: 17,
          message: 'location "/api/" passes requests to service "api" under nginx\'s default client_max_body_size (1m): set the largest body it takes, at most 10m',
        },
      ],
    },
    {
      name: 'one finding for a server-wide limit above the team limit; 0 is no limit at all',
      code: COMPOSE,
      files: {
        'nginx/nginx.conf': nginx('    client_max_body_size 50m;\n    location /api/ { proxy_pass http://api:8080; }\n    location /upload/ {\n      client_max_body_size 0;\n      proxy_pass http://api:8080;\n    }\n    location /v2/ { proxy_pass http://api:8080; }\n'),
      },
      errors: [
        { file: 'nginx/nginx.conf', line: 5, column: 26, endColumn: 29, message: '"client_max_body_size 50m" lets clients send service "api" bodies up to 50m, above the team limit of 10m', severity: 'warning' },
        { file: 'nginx/nginx.conf', line: 8, column: 28, message: '"client_max_body_size 0" lets clients send service "api" bodies of any size, above the team limit of 10m' },
      ],
    },
  ],
});
