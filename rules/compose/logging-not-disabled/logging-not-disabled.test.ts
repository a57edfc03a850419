import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const logging = (body: string) => `services:\n  app:\n    image: escashop/app:1.0.0\n    logging:\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'json-file', code: logging('      driver: json-file\n      options:\n        max-size: 10m\n') },
    { name: 'local', code: logging('      driver: local\n') },
    { name: 'shipped elsewhere', code: logging('      driver: syslog\n') },
    { name: 'options only: the daemon default driver', code: logging('      options:\n        max-size: 10m\n') },
    { name: 'no logging key', code: 'services:\n  app:\n    image: escashop/app:1.0.0\n' },
    { name: 'dev files', filename: 'docker-compose.dev.yml', code: logging('      driver: none\n') },
    { name: 'a driver named from an unset variable', code: logging('      driver: ${LOG_DRIVER}\n') },
  ],
  invalid: [
    {
      name: 'none, at the driver',
      code: logging('      driver: none\n'),
      errors: [
        {
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 19,
          severity: 'warning',
          message: 'service "app" logs with the "none" driver: the engine discards what it writes to stdout and stderr, so "docker compose logs" shows nothing and no log shipper receives it',
        },
      ],
    },
    { name: 'quoted', code: logging('      driver: "none"\n'), errors: [{ line: 5, column: 16, endColumn: 20 }] },
    { name: 'from a variable default', code: logging('      driver: ${LOG_DRIVER:-none}\n'), errors: [{ line: 5, column: 29, endColumn: 33, message: /"none" driver/ }] },
    { name: 'through a merge key, at the anchor', code: 'x-quiet: &quiet\n  logging:\n    driver: none\nservices:\n  app:\n    <<: *quiet\n    image: escashop/app:1.0.0\n', errors: [{ line: 3, column: 13, endColumn: 17 }] },
  ],
});
