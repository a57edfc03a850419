import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

/** A one-service file: `backend` with the given lines under it. */
const backend = (...lines: string[]) => `services:\n  backend:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const image = 'image: escashop/backend:1.0.0';
const logging = (driver: string | undefined, ...options: string[]) => [
  'logging:',
  ...(driver === undefined ? [] : [`  driver: ${driver}`]),
  ...(options.length > 0 ? ['  options:', ...options.map((o) => `    ${o}`)] : []),
];
/** `nginx` rotates its log; `backend` has the given lines. */
const withRotatedNginx = (...lines: string[]) =>
  `services:\n  nginx:\n    image: nginx:1.27-alpine\n${logging('json-file', 'max-size: 10m').map((l) => `    ${l}\n`).join('')}  backend:\n${lines.map((l) => `    ${l}\n`).join('')}`;

ruleTester(rule, {
  valid: [
    { name: 'no logging anywhere: the daemon decides', code: backend(image) },
    { name: 'json-file with max-size and max-file', code: backend(image, ...logging('json-file', 'max-size: "10m"', 'max-file: "3"')) },
    { name: 'json-file with max-size only (max-file defaults to 1)', code: backend(image, ...logging('json-file', 'max-size: 50m')) },
    { name: 'local rotates by default', code: backend(image, ...logging('local')) },
    { name: 'max-size for the default driver', code: backend(image, ...logging(undefined, 'max-size: 10m')) },
    { name: 'journald', code: backend(image, ...logging('journald')) },
    { name: 'gelf', code: backend(image, ...logging('gelf', 'gelf-address: "udp://graylog:12201"')) },
    { name: 'a max-size from an unset variable is decided at deploy time', code: backend(image, ...logging('json-file', 'max-size: ${LOG_MAX_SIZE}')) },
    { name: 'options without a driver, nothing about size: the daemon decides', code: backend(image, ...logging(undefined, 'tag: backend')) },
    { name: 'others ship their logs: the collector itself is left to the daemon', code: `services:\n  api:\n    image: escashop/backend:1.0.0\n    logging:\n      driver: fluentd\n  fluentbit:\n    image: fluent/fluent-bit:3.1\n` },
    { name: 'others set logging but none rotates its log', code: `services:\n  nginx:\n    image: nginx:1.27-alpine\n    logging:\n      driver: none\n  backend:\n    ${image}\n` },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: backend(image, ...logging('json-file')) },
    { name: 'test file', filename: 'docker-compose.test.yml', code: withRotatedNginx(image) },
  ],
  invalid: [
    {
      name: 'json-file without max-size',
      code: backend(image, ...logging('json-file')),
      errors: [{ line: 5, column: 15, endLine: 5, endColumn: 24, severity: 'warning', message: 'service "backend" logs with json-file without a max-size; its log grows until the disk is full' }],
    },
    { name: 'json-file with max-file only', code: backend(image, ...logging('json-file', 'max-file: "3"')), errors: [{ line: 5, column: 15, endColumn: 24 }] },
    {
      name: 'max-size -1',
      code: backend(image, ...logging('json-file', 'max-size: "-1"')),
      errors: [{ line: 7, column: 20, endColumn: 22, message: 'service "backend" sets logging max-size to -1, which means its log is never rotated' }],
    },
    {
      name: 'no logging where another service rotates',
      code: withRotatedNginx(image),
      errors: [
        {
          line: 8,
          column: 3,
          endColumn: 10,
          message: 'service "backend" has no logging, so its log goes to the daemon\'s default driver, unrotated unless the daemon config says so, while service "nginx" rotates its own',
        },
      ],
    },
    {
      name: 'json-file through a merge key, at the anchored driver',
      code: `x-l: &l\n  logging:\n    driver: json-file\nservices:\n  backend:\n    <<: *l\n    ${image}\n`,
      errors: [{ line: 3, column: 13, endColumn: 22 }],
    },
  ],
});
