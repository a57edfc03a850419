import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (image: string) => `services:\n  web:\n    image: ${image}\n`;

ruleTester(rule, {
  valid: [
    { name: 'explicit tag', code: svc('nginx:1.27') },
    { name: 'registry with a port and a tag', code: svc('registry.local:5000/team/web:2.0.1') },
    { name: 'digest without tag', code: svc('nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31') },
    { name: 'latest with a digest: the digest decides', code: svc('nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31') },
    { name: 'tag from a variable default', code: svc('"nginx:${NGINX_TAG:-1.27}"') },
    { name: 'a tag that only contains latest', code: svc('nginx:latest-alpine') },
    { name: 'LATEST is another tag than latest', code: svc('example/web:LATEST') },
    { name: 'build only, no image', code: 'services:\n  web:\n    build: .\n' },
    { name: 'unset tag variable: compose/unset-variable reports it', code: svc('nginx:${NGINX_TAG}') },
    { name: 'required tag variable: compose/undefined-variable reports it', code: svc('"nginx:${NGINX_TAG:?set the tag}"') },
    { name: 'an image that is all one unset variable', code: svc('${WEB_IMAGE}') },
    { name: 'floatingTags replaces the default list', options: { floatingTags: ['stable'] }, code: svc('nginx:latest') },
  ],
  invalid: [
    {
      name: 'no tag points at the image',
      code: svc('nginx'),
      errors: [{ line: 3, column: 12, endColumn: 17, severity: 'warning', message: 'image "nginx" of service "web" has no tag, so Compose pulls whatever "latest" is at the time' }],
    },
    {
      name: 'a registry port is not a tag',
      code: svc('localhost:5000/escashop/web'),
      errors: [{ line: 3, column: 12, endColumn: 39, message: /^image "localhost:5000\/escashop\/web" of service "web" has no tag/ }],
    },
    {
      name: 'latest points at the tag',
      code: svc('"docker.io/library/nginx:latest"'),
      errors: [{ line: 3, column: 37, endColumn: 43, message: 'image "docker.io/library/nginx:latest" of service "web" uses the "latest" tag, which moves with every release' }],
    },
    {
      name: 'latest as the default of a variable points at the default',
      code: svc('nginx:${NGINX_TAG:-latest}'),
      errors: [{ line: 3, column: 31, endColumn: 37, message: /uses the "latest" tag/ }],
    },
    {
      name: 'a variable set to latest points at the variable',
      code: svc('nginx:${NGINX_TAG-latest}'),
      errors: [{ line: 3, column: 30, endColumn: 36 }],
    },
    {
      name: 'an empty default leaves the tag empty',
      code: svc('nginx:${NGINX_TAG:-}'),
      errors: [{ line: 3, column: 12, endColumn: 32, message: 'the image tag of service "web" is empty; Compose refuses "nginx:" as an invalid reference' }],
    },
    {
      name: 'an empty default without colon leaves the tag empty',
      code: svc('nginx:${NGINX_TAG-}'),
      errors: [{ line: 3, column: 12, endColumn: 31 }],
    },
    {
      name: 'no tag with build: the pushed and pulled image is latest',
      code: 'services:\n  web:\n    build: .\n    image: escashop/web\n',
      errors: [{ line: 4, column: 12, endColumn: 24 }],
    },
    {
      name: 'image from a merge key points into the anchor',
      code: 'x-base: &base\n  image: redis\nservices:\n  cache:\n    <<: *base\n',
      errors: [{ line: 2, column: 10, endColumn: 15, message: /service "cache"/ }],
    },
    {
      name: 'one step lower in dev',
      filename: 'docker-compose.dev.yml',
      code: svc('nginx:latest'),
      errors: [{ line: 3, column: 18, endColumn: 24, severity: 'info' }],
    },
    {
      name: 'one step lower in test',
      filename: 'docker-compose.ci.yml',
      code: svc('nginx'),
      errors: [{ line: 3, column: 12, severity: 'info' }],
    },
    {
      name: 'floatingTags: a tag the team counts as moving',
      options: { floatingTags: ['latest', 'stable', 'edge'] },
      code: 'services:\n  web:\n    image: nginx:stable\n  proxy:\n    image: traefik:edge\n  app:\n    image: escashop/backend:latest\n',
      errors: [
        { line: 3, column: 18, endColumn: 24, message: 'image "nginx:stable" of service "web" uses the "stable" tag, which moves with every release' },
        { line: 5, column: 20, endColumn: 24, message: 'image "traefik:edge" of service "proxy" uses the "edge" tag, which moves with every release' },
        { line: 7, column: 29, endColumn: 35, message: 'image "escashop/backend:latest" of service "app" uses the "latest" tag, which moves with every release' },
      ],
    },
  ],
});
