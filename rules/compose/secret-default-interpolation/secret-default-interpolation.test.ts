import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const db = (env: string) => `services:\n  db:\n    image: postgres:16-alpine\n    environment:\n${env}`;

ruleTester(rule, {
  valid: [
    { name: 'a required variable', code: db('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}\n') },
    { name: 'no default', code: db('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n') },
    { name: 'an empty default', code: db('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-}\n      REDIS_PASSWORD: ${REDIS_PASSWORD-}\n') },
    { name: 'a default that is another variable', code: db('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-${DB_PASSWORD}}\n') },
    { name: 'not a secret variable', code: db('      POSTGRES_USER: ${POSTGRES_USER:-escashop}\n      PASSWORD_MIN_LENGTH: ${PASSWORD_MIN_LENGTH:-12}\n') },
    { name: 'a secret file path', code: db('      POSTGRES_PASSWORD_FILE: ${POSTGRES_PASSWORD_FILE:-/run/secrets/db_password}\n') },
    { name: 'an alternative value is no fallback', code: db('      AUTH: ${API_TOKEN:+enabled}\n') },
    { name: '$${...} is the container shell\'s, not Compose\'s', code: db('      X: "$${DB_PASSWORD:-changeme}"\n') },
    { name: 'a placeholder blank', code: db('      API_KEY: ${API_KEY:-<your api key>}\n') },
    { name: 'a default the allowed values match', policy: { secrets: { allowNames: [], allowValues: ['^ci-'] } }, code: db('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-ci-throwaway}\n') },
    { name: 'a variable the allowed names match (case-insensitive globs)', policy: { secrets: { allowNames: ['*_signing_secret'] } }, code: db('      WEBHOOK_SIGNING_SECRET: ${WEBHOOK_SIGNING_SECRET:-whsec-dev}\n') },
  ],
  invalid: [
    {
      name: 'the default of a secret variable, set or not',
      code: db('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme}\n'),
      errors: [
        {
          line: 5,
          column: 47,
          endLine: 5,
          endColumn: 55,
          severity: 'error',
          message:
            'secret variable "POSTGRES_PASSWORD" falls back to a literal default in "environment.POSTGRES_PASSWORD" of service "db": wherever POSTGRES_PASSWORD is unset, that committed value is the secret; require it with "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" or leave the default out',
        },
      ],
    },
    {
      name: 'without the colon, in list form, quoted',
      code: db('      - "JWT_SECRET=${JWT_SECRET-dev-secret}"\n'),
      errors: [{ line: 5, column: 34, endColumn: 44, message: /^secret variable "JWT_SECRET" falls back to a literal default in "environment" of service "db"/ }],
    },
    {
      name: 'a non-secret variable that makes a secret key\'s whole value',
      code: db('      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT:-root}\n'),
      errors: [{ line: 5, column: 42, endColumn: 46, message: /^"MYSQL_ROOT", which sets secret "MYSQL_ROOT_PASSWORD", falls back/ }],
    },
    {
      name: 'a nested default of a secret',
      code: db('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-${FALLBACK:-changeme}}\n'),
      errors: [{ line: 5, column: 59, endColumn: 67, message: /^"FALLBACK", which sets secret "POSTGRES_PASSWORD", falls back/ }],
    },
    {
      name: 'inside a URL, in a dev file',
      filename: 'docker-compose.dev.yml',
      code: db('      DATABASE_URL: postgres://app:${DB_PASS:-app}@db:5432/app\n'),
      errors: [{ line: 5, column: 47, endColumn: 50, severity: 'warning' }],
    },
    {
      name: 'outside services, in a command, once for an anchored value used twice',
      code:
        'x-redis-pass: &pass "${REDIS_PASSWORD:-redis123}"\nservices:\n  redis:\n    image: redis:7-alpine\n    command: ["redis-server", "--requirepass", *pass]\n',
      errors: [{ line: 1, column: 40, endColumn: 48, message: /^secret variable "REDIS_PASSWORD" falls back to a literal default in "x-redis-pass":/ }],
    },
    {
      name: 'the allowlists leave other names and values reported',
      policy: { secrets: { allowNames: ['*_signing_secret'], allowValues: ['^ci-'] } },
      code: db('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-changeme-ci-}\n      WEBHOOK_SECRET: ${WEBHOOK_SECRET:-whsec-dev}\n'),
      errors: [
        { line: 5, column: 47, endColumn: 59, message: /^secret variable "POSTGRES_PASSWORD" falls back/ },
        { line: 6, column: 41, endColumn: 50, message: /^secret variable "WEBHOOK_SECRET" falls back/ },
      ],
    },
    {
      name: 'an allowed variable name does not make its default secret through the key either',
      policy: { secrets: { allowNames: ['root_pw_seed'] } },
      code: db('      MYSQL_ROOT_PASSWORD: ${ROOT_PW_SEED:-seed}\n'),
      errors: [{ line: 5, column: 44, endColumn: 48, message: /^"ROOT_PW_SEED", which sets secret "MYSQL_ROOT_PASSWORD", falls back/ }],
    },
  ],
});
