import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const one = (name: string, body: string) => `services:\n  ${name}:\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'behind a profile', code: one('pgadmin', '    image: dpage/pgadmin4:8.9\n    profiles: [tools]\n') },
    { name: 'one profile of several', code: one('mailpit', '    image: axllent/mailpit:v1.19\n    profiles: ["", debug]\n') },
    { name: 'an app named like a tool', code: one('adminer', '    image: escashop/backend:1.0.0\n') },
    { name: 'a repository that only contains a tool name', code: one('x', '    image: example/phpmyadmin-exporter:1.0.0\n') },
    { name: 'built, no image', code: one('adminer', '    build: ./adminer\n') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: one('pgadmin', '    image: dpage/pgadmin4:8.9\n') },
    { name: 'test file', filename: 'docker-compose.test.yml', code: one('mailpit', '    image: axllent/mailpit:v1.19\n') },
  ],
  invalid: [
    {
      name: 'pgadmin without profiles, at the service name',
      code: one('pgadmin', '    image: dpage/pgadmin4:8.9\n'),
      errors: [
        {
          line: 2,
          column: 3,
          endColumn: 10,
          severity: 'warning',
          message: 'service "pgadmin" runs dpage/pgadmin4, a PostgreSQL admin UI, with no "profiles:"; it starts with every "docker compose up" (put it behind a profile such as "profiles: [tools]")',
        },
      ],
    },
    { name: 'an empty profile name', code: one('pma', '    image: phpmyadmin:5.2\n    profiles: [""]\n'), errors: [{ line: 2, column: 3, endColumn: 6, message: /runs phpmyadmin, a MySQL admin UI/ }] },
    { name: 'mongo-express by digest', code: one('mongo-ui', '    image: mongo-express@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'), errors: [{ line: 2, column: 3, endColumn: 11 }] },
    { name: 'image tag from a variable', code: one('redisinsight', '    image: redis/redisinsight:${TAG:-2.50}\n'), errors: [{ line: 2, column: 3, endColumn: 15, message: /a Redis admin UI/ }] },
  ],
});
