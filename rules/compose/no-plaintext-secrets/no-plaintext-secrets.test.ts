import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureTests, runRule, ruleTester, type InvalidCase } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;
const envMessage = (name: string) =>
  `environment variable "${name}" of service "backend" holds a plaintext secret; use "secrets:" with ${name}_FILE, or "\${${name}}" without a default`;
const commandFix = 'use a "${VARIABLE}" without a default, or read it from a file under /run/secrets';

/** Invalid cases, each with the secret it is about: no message may contain it. */
const invalid: (InvalidCase & { secret: string })[] = [
  {
    name: 'map form points at the value',
    secret: 'changeme',
    code: svc('    environment:\n      DB_PASSWORD: changeme\n'),
    errors: [{ line: 5, column: 20, endLine: 5, endColumn: 28, message: envMessage('DB_PASSWORD'), severity: 'error' }],
  },
  {
    name: 'list form points at the part after "="',
    secret: 'redis123',
    code: svc('    environment:\n      - REDIS_PASSWORD=redis123\n'),
    errors: [{ line: 5, column: 24, endColumn: 32, message: envMessage('REDIS_PASSWORD') }],
  },
  {
    name: 'quoted list item',
    secret: 's3cret',
    code: svc('    environment:\n      - "JWT_SECRET=s3cret"\n'),
    errors: [{ line: 5, column: 21, endColumn: 27, message: envMessage('JWT_SECRET') }],
  },
  {
    name: 'a number is a password too',
    secret: '123456',
    code: svc('    environment:\n      POSTGRES_PASSWORD: 123456\n'),
    errors: [{ line: 5, column: 26, endColumn: 32 }],
  },
  {
    name: 'URL password: only the password part',
    secret: 'hunter2',
    code: svc('    environment:\n      DATABASE_URL: postgres://app:hunter2@db:5432/app\n'),
    errors: [
      {
        line: 5,
        column: 36,
        endColumn: 43,
        message: 'environment variable "DATABASE_URL" of service "backend" holds a URL with a plaintext password; write the password as a "${VARIABLE}" without a default',
      },
    ],
  },
  {
    name: 'URL password without a user, list form',
    secret: 'pw',
    code: svc('    environment:\n      - REDIS_URL=redis://:pw@redis:6379\n'),
    errors: [{ line: 5, column: 28, endColumn: 30 }],
  },
  {
    name: 'redis-server --requirepass in a shell-form command',
    secret: 's3cret',
    code: svc('    command: redis-server --requirepass s3cret\n'),
    errors: [
      {
        line: 4,
        column: 41,
        endColumn: 47,
        message: `the command of service "backend" passes a plaintext secret to "--requirepass"; ${commandFix}`,
      },
    ],
  },
  {
    name: '--password=x and --password x in an exec-form command',
    secret: 'pw-one',
    code: svc('    command: ["app", "--password=pw-one", "--db-password", "pw-one"]\n'),
    errors: [
      { line: 4, column: 34, endColumn: 40, message: `the command of service "backend" passes a plaintext secret to "--password"; ${commandFix}` },
      { line: 4, column: 61, endColumn: 67, message: `the command of service "backend" passes a plaintext secret to "--db-password"; ${commandFix}` },
    ],
  },
  {
    name: 'mysql -psecret in a CMD-SHELL healthcheck',
    secret: 'rootpw',
    code: svc('    healthcheck:\n      test: ["CMD-SHELL", "mysqladmin ping -uroot -prootpw"]\n'),
    errors: [{ line: 5, column: 53, endColumn: 59, message: `the healthcheck of service "backend" passes a plaintext secret to "-p"; ${commandFix}` }],
  },
  {
    name: 'redis-cli -a in a healthcheck',
    secret: 's3cret',
    code: svc('    healthcheck:\n      test: redis-cli -a s3cret ping\n'),
    errors: [{ line: 5, column: 26, endColumn: 32 }],
  },
  {
    name: 'a variable set inside sh -c in the entrypoint',
    secret: 'pgpw',
    code: svc('    entrypoint: ["sh", "-c", "PGPASSWORD=pgpw psql -h db"]\n'),
    errors: [{ line: 4, column: 42, endColumn: 46, message: `the entrypoint of service "backend" sets "PGPASSWORD" to a plaintext secret; ${commandFix}` }],
  },
  {
    name: 'labels, map and list form',
    secret: 'tok-123',
    code: svc('    labels:\n      com.example.token: tok-123\n  other:\n    image: escashop/other:1.0.0\n    labels:\n      - "com.example.api-key=tok-123"\n'),
    errors: [
      {
        line: 5,
        column: 26,
        endColumn: 33,
        message: 'label "com.example.token" of service "backend" holds a plaintext secret; keep secrets out of labels, anyone who can inspect the container reads them',
      },
      { line: 9, column: 30, endColumn: 37, message: /^label "com\.example\.api-key" of service "other" / },
    ],
  },
  {
    name: 'build arguments',
    secret: 'npm-tok',
    code: svc('    build:\n      context: .\n      args:\n        NPM_TOKEN: npm-tok\n'),
    errors: [
      {
        line: 7,
        column: 20,
        endColumn: 27,
        message: 'build argument "NPM_TOKEN" of service "backend" holds a plaintext secret; build arguments stay in the image history, use "build.secrets" instead',
      },
    ],
  },
  {
    name: 'a well-known token under any name',
    secret: 'sk_' + 'live_' + 'Q'.repeat(24),
    code: svc(`    environment:\n      PAYMENTS: ${'sk_' + 'live_' + 'Q'.repeat(24)}\n`),
    errors: [{ line: 5, column: 17, endColumn: 49, message: /^environment variable "PAYMENTS" of service "backend" holds a Stripe live secret key; / }],
  },
  {
    name: 'an option inside a *_OPTS variable',
    secret: 'jks-pw',
    code: svc('    environment:\n      JAVA_OPTS: -Xmx512m -Djavax.net.ssl.keyStorePassword=jks-pw\n'),
    errors: [{ line: 5, column: 60, endColumn: 66, message: /passes a plaintext secret to "-Djavax\.net\.ssl\.keyStorePassword"/ }],
  },
  {
    name: 'a secret in an anchor is reported for each service that uses it, at the anchor',
    secret: 'anchored',
    code: 'x-env: &env\n  DB_PASSWORD: anchored\nservices:\n  a:\n    image: x/a:1\n    environment: *env\n  b:\n    image: x/b:1\n    environment: *env\n',
    errors: [
      { line: 2, column: 16, endColumn: 24, message: /of service "a"/ },
      { line: 2, column: 16, endColumn: 24, message: /of service "b"/ },
    ],
  },
  {
    name: 'configs content',
    secret: 'from-config',
    code: 'services:\n  redis:\n    image: redis:7\nconfigs:\n  redis-conf:\n    content: "requirepass from-config"\n',
    errors: [
      {
        line: 6,
        column: 27,
        endColumn: 38,
        message:
          'the content of config "redis-conf" holds a plaintext secret in "requirepass"; keep it in a file outside the repository, or use a "${VARIABLE}" without a default',
      },
    ],
  },
  {
    name: 'one finding per secret: a named value that also holds a URL',
    secret: 'pw',
    code: svc('    environment:\n      DB_PASSWORD_URL_SECRET: postgres://u:pw@db/app\n'),
    errors: [{ line: 5, column: 31, endColumn: 53, message: envMessage('DB_PASSWORD_URL_SECRET') }],
  },
  {
    name: 'a warning in dev',
    filename: 'docker-compose.dev.yml',
    secret: 'postgres',
    code: svc('    environment:\n      POSTGRES_PASSWORD: postgres\n'),
    errors: [{ line: 5, column: 26, severity: 'warning' }],
  },
  {
    name: 'a warning in test',
    filename: 'docker-compose.ci.yml',
    secret: 'postgres',
    code: svc('    environment:\n      POSTGRES_PASSWORD: postgres\n'),
    errors: [{ line: 5, column: 26, severity: 'warning' }],
  },
];

ruleTester(rule, {
  valid: [
    { name: 'a variable without a default', code: svc('    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n      JWT_SECRET: $JWT_SECRET\n') },
    { name: 'a required variable', code: svc('    environment:\n      - DB_PASSWORD=${DB_PASSWORD:?set it}\n') },
    { name: 'an empty default', code: svc('    environment:\n      DB_PASSWORD: ${DB_PASSWORD:-}\n') },
    { name: "a secret variable's literal default is secret-default-interpolation's", code: svc('    environment:\n      DB_PASSWORD: ${DB_PASSWORD:-changeme}\n') },
    { name: 'so is one without the colon, list form', code: svc('    environment:\n      - DB_PASSWORD=${DB_PASSWORD-changeme}\n') },
    { name: 'taken from the environment, list form', code: svc('    environment:\n      - DB_PASSWORD\n      - JWT_SECRET\n') },
    { name: 'taken from the environment, map form', code: svc('    environment:\n      DB_PASSWORD:\n') },
    { name: '*_FILE pointing at a secret', code: svc('    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n') },
    { name: 'a path under /run/secrets on a secret name', code: svc('    environment:\n      DB_PASSWORD: /run/secrets/db_password\n') },
    {
      name: 'settings about secrets',
      code: svc(
        '    environment:\n      PASSWORD_MIN_LENGTH: 12\n      PASSWORD_REQUIRE_UPPERCASE: true\n      BCRYPT_ROUNDS: 12\n      JWT_EXPIRES_IN: 15m\n      JWT_ALGORITHM: HS256\n      TOKEN_TTL: 3600\n      SESSION_TIMEOUT: 30m\n      POSTGRES_USER: app\n      POSTGRES_HOST: db\n',
      ),
    },
    { name: 'booleans and empty values', code: svc('    environment:\n      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"\n      SMTP_PASSWORD: ""\n      REDIS_PASSWORD: false\n') },
    { name: 'a URL whose password is a variable', code: svc('    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n') },
    { name: 'a URL without a password', code: svc('    environment:\n      DATABASE_URL: postgres://app@db/app\n      REDIS_URL: redis://redis:6379\n') },
    { name: "the container's own variable in a command", code: svc('    command: redis-server --requirepass $$REDIS_PASSWORD\n') },
    { name: 'a variable in a command', code: svc('    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]\n') },
    { name: 'a secret file read in a healthcheck', code: svc('    healthcheck:\n      test: ["CMD-SHELL", "redis-cli -a \\"$$(cat /run/secrets/redis)\\" ping"]\n') },
    { name: 'options about secrets', code: svc('    command: ["app", "--password-file", "/run/secrets/pw", "--token-ttl", "3600"]\n') },
    { name: 'a label naming a secret', code: svc('    labels:\n      com.example.secret-name: db_password\n') },
    { name: 'a build argument taken from the environment', code: svc('    build:\n      context: .\n      args:\n        NPM_TOKEN:\n') },
    { name: "AWS's documented example key", code: svc('    environment:\n      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n') },
    { name: 'a template blank', code: svc('    environment:\n      OAUTH_CLIENT_SECRET: <your-client-secret>\n') },
    {
      name: '!reset removes the value',
      filename: 'docker-compose.override.yml',
      code: svc('    environment:\n      MYSQL_ROOT_PASSWORD: !reset null\n'),
    },
  ],
  invalid,
});

describe('compose/no-plaintext-secrets: no message shows the secret', () => {
  for (const c of invalid) {
    it(c.name!, () => {
      const findings = runRule(rule, c.code, c.filename);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(f.message).not.toContain(c.secret);
        expect(f.redact, 'the secret range is marked for redaction').toEqual([f.range]);
      }
    });
  }

  const dir = path.join(import.meta.dirname, 'fixtures', 'invalid');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))) {
    it(`fixtures/invalid/${file}`, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const lines = text.split('\n');
      const findings = runRule(rule, text, file);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        const secret = lines[f.range.start.line - 1]!.slice(f.range.start.column - 1, f.range.end.column - 1);
        expect(secret.length).toBeGreaterThan(0);
        expect(f.message).not.toContain(secret);
        expect(f.redact).toEqual([f.range]);
      }
    });
  }
});

describe("compose/no-plaintext-secrets: the configuration's secret allowlists", () => {
  const policy = { secrets: { allowNames: ['session_key', 'legacy-api-*'], allowValues: ['^test-', '^AKIAABCDEFGHIJKLMNOP$'] } };
  ruleTester(rule, {
    valid: [
      { name: 'an allowed name, matched whatever its case', policy, code: svc('    environment:\n      SESSION_KEY: 8d1e0f7a\n') },
      { name: 'an allowed value on a secret name', policy, code: svc('    environment:\n      DB_PASSWORD: test-only\n') },
      { name: 'an allowed value as a URL password', policy, code: svc('    environment:\n      DATABASE_URL: postgres://app:test-pw@db:5432/app\n') },
      { name: 'an option whose name is allowed', policy, code: svc('    command: ["app", "--legacy-api-key", "abc123"]\n') },
      { name: 'an allowed value given to an option', policy, code: svc('    command: redis-server --requirepass test-redis\n') },
      { name: 'an allowed token', policy, code: svc('    environment:\n      AWS_ACCESS_KEY_ID: AKIAABCDEFGHIJKLMNOP\n') },
      { name: 'an allowed value in a config content', policy, code: 'services:\n  redis:\n    image: redis:7\nconfigs:\n  redis-conf:\n    content: "requirepass test-config"\n' },
    ],
    invalid: [
      {
        name: 'without the allowlists the same values are reported',
        code: svc('    environment:\n      SESSION_KEY: 8d1e0f7a\n      DB_PASSWORD: test-only\n      AWS_ACCESS_KEY_ID: AKIAABCDEFGHIJKLMNOP\n'),
        errors: [
          { line: 5, column: 20, endColumn: 28, message: envMessage('SESSION_KEY') },
          { line: 6, column: 20, endColumn: 29, message: envMessage('DB_PASSWORD') },
          { line: 7, column: 26, endColumn: 46, message: 'environment variable "AWS_ACCESS_KEY_ID" of service "backend" holds an AWS access key id; use "secrets:" with AWS_ACCESS_KEY_ID_FILE, or "${AWS_ACCESS_KEY_ID}" without a default' },
        ],
      },
      {
        name: 'a name or value the allowlists do not match is still reported',
        policy,
        code: svc('    environment:\n      SESSION_SECRET: 8d1e0f7a\n      DB_PASSWORD: my-test-pw\n      DATABASE_URL: postgres://app:prod-pw@db/app\n'),
        errors: [
          { line: 5, column: 23, endColumn: 31, message: envMessage('SESSION_SECRET') },
          { line: 6, column: 20, endColumn: 30, message: envMessage('DB_PASSWORD') },
          { line: 7, column: 36, endColumn: 43 },
        ],
      },
      {
        name: 'an option the allowed names do not cover',
        policy,
        code: svc('    command: ["app", "--api-key", "abc123"]\n'),
        errors: [{ line: 4, column: 36, endColumn: 42, message: `the command of service "backend" passes a plaintext secret to "--api-key"; ${commandFix}` }],
      },
    ],
  });
});
