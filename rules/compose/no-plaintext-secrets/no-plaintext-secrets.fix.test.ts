import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixProject } from '../../../test/fix-tester.js';
import { hostProject } from '../../../test/host-project.js';
import { applyFixes } from '../../../src/fix/apply.js';
import { diffTexts, writeDiff } from '../../../src/fix/diff.js';
import { fileVariable } from '../../../src/fix/file-variables.js';
import { fixRun } from '../../../src/fix/run.js';
import type { Fix } from '../../../src/fix/types.js';
import type { Finding } from '../../../src/findings/finding.js';
import { parseImage } from '../../../src/model/image.js';
import { FORMAT_NAMES, format, lint } from '../../../src/index.js';
import rule from './index.js';
import { secretName } from './move.js';

/**
 * Golden tests of the rule's fix: a project's plaintext secrets moved to Docker secrets, in one fix
 * shared by their findings (test/fix-tester.ts applies it, checks the result parses and that a second
 * run has nothing left to fix).
 */

/** The one fix the findings share: every finding with a fix carries the same object. */
function sharedFix(findings: readonly Finding[]): Fix {
  const fixes = [...new Set(findings.flatMap((f) => (f.fix ? [f.fix] : [])))];
  expect(fixes).toHaveLength(1);
  return fixes[0]!;
}

/** The files a fix writes, relative to the project folder. */
const writesOf = (fix: Fix) => (fix.files ?? []).map((w) => ({ ...w, file: path.basename(path.dirname(w.file)) === 'secrets' ? `secrets/${path.basename(w.file)}` : path.basename(w.file) }));

const gitignore = { file: '.gitignore', text: 'secrets/\n', append: true };
const secretFile = (name: string, text: string) => ({ file: `secrets/${name}.txt`, text, mode: 0o600, secret: true });

describe('compose/no-plaintext-secrets: the move to Docker secrets', () => {
  it('moves map and list environments of images that read *_FILE: a fix', async () => {
    const { texts, fixes, findings } = await fixProject(rule, {
      'compose.yaml': `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app # the owner
      POSTGRES_PASSWORD: "pg-value"
  mysql:
    image: mysql:8
    environment:
      - MYSQL_ROOT_PASSWORD=root-value
      - MYSQL_DATABASE=shop
`,
    });
    expect(texts).toEqual({
      'compose.yaml': `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app # the owner
      POSTGRES_PASSWORD_FILE: "/run/secrets/db_postgres_password"
    secrets:
      - db_postgres_password
  mysql:
    image: mysql:8
    environment:
      - MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root_password
      - MYSQL_DATABASE=shop
    secrets:
      - mysql_root_password
secrets:
  db_postgres_password:
    file: ./secrets/db_postgres_password.txt
  mysql_root_password:
    file: ./secrets/mysql_root_password.txt
`,
    });
    expect(fixes).toEqual([
      'fix: move POSTGRES_PASSWORD of service "db" to the secret "db_postgres_password" (POSTGRES_PASSWORD_FILE), ' +
        'MYSQL_ROOT_PASSWORD of service "mysql" to the secret "mysql_root_password" (MYSQL_ROOT_PASSWORD_FILE); each value goes to ./secrets/<secret>.txt (mode 0600, ignored by git)',
    ]);
    expect(findings.map((f) => `${f.range.start.line}:${f.range.start.column}`)).toEqual(['6:27', '10:29']);
    expect(writesOf(sharedFix(findings))).toEqual([secretFile('db_postgres_password', 'pg-value'), secretFile('mysql_root_password', 'root-value'), gitignore]);
  });

  it('moves the secrets of a service that builds its image as a suggestion: the app must read the *_FILE variable', async () => {
    const { texts, fixes, findings } = await fixProject(rule, {
      'compose.yaml': `services:
  api:
    build: ./api
    image: postgres:16 # the tag of what is built, not the official image
    environment:
      POSTGRES_PASSWORD: pg-value
      JWT_SECRET: jwt-value
`,
    });
    expect(texts['compose.yaml']).toBe(`services:
  api:
    build: ./api
    image: postgres:16 # the tag of what is built, not the official image
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/api_postgres_password
      JWT_SECRET_FILE: /run/secrets/api_jwt_secret
    secrets:
      - api_postgres_password
      - api_jwt_secret
secrets:
  api_postgres_password:
    file: ./secrets/api_postgres_password.txt
  api_jwt_secret:
    file: ./secrets/api_jwt_secret.txt
`);
    expect(fixes).toEqual([
      'suggestion: move POSTGRES_PASSWORD of service "api" to the secret "api_postgres_password" (POSTGRES_PASSWORD_FILE), JWT_SECRET of service "api" to the secret "api_jwt_secret" (JWT_SECRET_FILE); ' +
        'each value goes to ./secrets/<secret>.txt (mode 0600, ignored by git). Review first: the image of service "api" is not known to read POSTGRES_PASSWORD_FILE, JWT_SECRET_FILE; the app must read the file each names',
    ]);
    expect(sharedFix(findings).kind).toBe('suggestion');
  });

  it('adds to existing secrets: a definition of ./secrets/<name>.txt is used, a name defined otherwise is made unique', async () => {
    const compose = `services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: pg-value
    secrets:
      - source: db_ca
        target: ca.pem
  cache:
    image: bitnami/redis:7.2
    environment: {REDIS_PASSWORD: redis-value}
    secrets: [cache_redis_password]
secrets:
  db_ca:
    file: ./certs/ca.pem
  db_postgres_password:
    file: ./secrets/db_postgres_password.txt
  cache_redis_password:
    external: true
`;
    const { texts, fixes } = await fixProject(rule, { 'compose.yaml': compose });
    const edits: [string, string][] = [
      ['POSTGRES_PASSWORD: pg-value', 'POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password'],
      ['        target: ca.pem\n', '        target: ca.pem\n      - db_postgres_password\n'],
      ['{REDIS_PASSWORD: redis-value}', '{REDIS_PASSWORD_FILE: /run/secrets/cache_redis_password_2}'],
      ['[cache_redis_password]', '[cache_redis_password, cache_redis_password_2]'],
    ];
    expect(texts['compose.yaml']).toBe(edits.reduce((text, [from, to]) => text.replace(from, to), compose) + '  cache_redis_password_2:\n    file: ./secrets/cache_redis_password_2.txt\n');
    // bitnami/redis is not in the table of images that read *_FILE: the whole move is a suggestion.
    expect(fixes[0]).toMatch(/^suggestion: .*the image of service "cache" is not known to read REDIS_PASSWORD_FILE; /);
  });

  it('gives two services that share a value one secret', async () => {
    const { texts, findings } = await fixProject(rule, {
      'compose.yaml': `services:
  postgres:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: shared-value
  pgadmin:
    image: postgres:16
    environment:
      - POSTGRES_PASSWORD=shared-value
`,
    });
    expect(texts['compose.yaml']).toBe(`services:
  postgres:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
    secrets:
      - postgres_password
  pgadmin:
    image: postgres:16
    environment:
      - POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password
    secrets:
      - postgres_password
secrets:
  postgres_password:
    file: ./secrets/postgres_password.txt
`);
    expect(findings).toHaveLength(2);
    expect(writesOf(sharedFix(findings))).toEqual([secretFile('postgres_password', 'shared-value'), gitignore]);
  });

  it('keeps comments and CRLF line endings', async () => {
    const { texts } = await fixProject(rule, {
      'compose.yaml': 'services:\r\n  # the database\r\n  db:\r\n    image: mysql:8 # pinned\r\n    environment:\r\n      # root first\r\n      - MYSQL_ROOT_PASSWORD=root-value # rotate me\r\n      - MYSQL_DATABASE=shop\r\n',
    });
    expect(texts['compose.yaml']).toBe(
      'services:\r\n  # the database\r\n  db:\r\n    image: mysql:8 # pinned\r\n    environment:\r\n      # root first\r\n      - MYSQL_ROOT_PASSWORD_FILE=/run/secrets/db_mysql_root_password # rotate me\r\n      - MYSQL_DATABASE=shop\r\n' +
        '    secrets:\r\n      - db_mysql_root_password\r\nsecrets:\r\n  db_mysql_root_password:\r\n    file: ./secrets/db_mysql_root_password.txt\r\n',
    );
  });

  it('renames an anchored variable once, at the anchor, and mounts its secret in each service that uses it', async () => {
    const { texts, findings } = await fixProject(rule, {
      'compose.yaml': 'x-env: &env\n  DB_PASSWORD: anchored-value\nservices:\n  a:\n    image: x/a:1\n    environment: *env\n  b:\n    image: x/b:1\n    environment: *env\n',
    });
    expect(findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message.slice(0, 49)}`)).toEqual([
      '2:16 environment variable "DB_PASSWORD" of service "a"',
      '2:16 environment variable "DB_PASSWORD" of service "b"',
    ]);
    expect(texts['compose.yaml']).toBe(
      'x-env: &env\n  DB_PASSWORD_FILE: /run/secrets/a_db_password\nservices:\n  a:\n    image: x/a:1\n    environment: *env\n    secrets:\n      - a_db_password\n' +
        '  b:\n    image: x/b:1\n    environment: *env\n    secrets:\n      - a_db_password\nsecrets:\n  a_db_password:\n    file: ./secrets/a_db_password.txt\n',
    );
  });

  it('does not move an anchored value another service reads under another name: that service would read the path', async () => {
    const compose = 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PASSWORD: &dbpass shared-value\n  app:\n    image: x/app:1\n    environment:\n      DB_PASSWORD: *dbpass\n';
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': compose });
    expect(findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.fix ? f.fix.kind : 'no fix'}`)).toEqual(['5:31 no fix', '5:31 no fix']);
    expect(texts).toEqual({});
  });

  it('moves a value set in an override file there', async () => {
    const { texts } = await fixProject(rule, {
      'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_DB: shop\n',
      'compose.override.yaml': '# local settings\nservices:\n  db:\n    environment:\n      POSTGRES_PASSWORD: local-value\n',
    });
    expect(texts).toEqual({
      'compose.override.yaml':
        '# local settings\nservices:\n  db:\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password\n    secrets:\n      - db_postgres_password\nsecrets:\n  db_postgres_password:\n    file: ./secrets/db_postgres_password.txt\n',
    });
  });

  it("uses grafana's __FILE variables", async () => {
    const { texts, fixes } = await fixProject(rule, {
      'compose.yaml': 'services:\n  grafana:\n    image: grafana/grafana:11.1.3\n    environment:\n      GF_SECURITY_ADMIN_USER: admin\n      GF_SECURITY_ADMIN_PASSWORD: admin-value\n',
    });
    expect(texts['compose.yaml']).toBe(
      'services:\n  grafana:\n    image: grafana/grafana:11.1.3\n    environment:\n      GF_SECURITY_ADMIN_USER: admin\n      GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_gf_security_admin_password\n' +
        '    secrets:\n      - grafana_gf_security_admin_password\nsecrets:\n  grafana_gf_security_admin_password:\n    file: ./secrets/grafana_gf_security_admin_password.txt\n',
    );
    expect(fixes[0]).toMatch(/^fix: /);
  });

  it('has no fix for a URL password, a value made with ${VAR} or a *_FILE variable already set; the others still move', async () => {
    const compose = `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: pg-value
      POSTGRES_PASSWORD_FILE: /run/secrets/old
  backend:
    image: mysql:8
    environment:
      MYSQL_PASSWORD: my-value
      DATABASE_URL: postgres://app:url-value@\${DB_HOST:-db}/app
      JAVA_OPTS: -Djavax.net.ssl.keyStorePassword=jks-value \${MORE_OPTS:-}
`;
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': compose });
    expect(findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.fix ? f.fix.kind : 'no fix'}`)).toEqual(['5:26 no fix', '10:23 fix', '11:36 no fix', '12:51 no fix']);
    expect(texts['compose.yaml']).toBe(
      compose.replace('MYSQL_PASSWORD: my-value', 'MYSQL_PASSWORD_FILE: /run/secrets/backend_mysql_password') +
        '    secrets:\n      - backend_mysql_password\nsecrets:\n  backend_mysql_password:\n    file: ./secrets/backend_mysql_password.txt\n',
    );
  });
});

describe("compose/no-plaintext-secrets: the origin notes' production stack", () => {
  const original = readFileSync(path.join(import.meta.dirname, '../../../fixtures/escashop/docker-compose.prod.yml'), 'utf8');
  const expected = readFileSync(path.join(import.meta.dirname, 'fixtures/fix/docker-compose.prod.yml'), 'utf8');

  it('moves the backend secrets to Docker secrets, as the team did by hand, and leaves the rest reported', async () => {
    const { texts, findings, fixes } = await fixProject(rule, { 'docker-compose.prod.yml': original, '.gitignore': 'node_modules/\n' });
    expect(texts).toEqual({ 'docker-compose.prod.yml': expected });
    expect(fixes).toEqual([
      'suggestion: move REDIS_PASSWORD of service "backend" to the secret "backend_redis_password" (REDIS_PASSWORD_FILE), JWT_SECRET of service "backend" to the secret "backend_jwt_secret" (JWT_SECRET_FILE), ' +
        'JWT_REFRESH_SECRET of service "backend" to the secret "backend_jwt_refresh_secret" (JWT_REFRESH_SECRET_FILE), EMAIL_PASSWORD of service "backend" to the secret "backend_email_password" (EMAIL_PASSWORD_FILE); ' +
        'each value goes to ./secrets/<secret>.txt (mode 0600, ignored by git). Review first: the image of service "backend" is not known to read REDIS_PASSWORD_FILE, JWT_SECRET_FILE, JWT_REFRESH_SECRET_FILE, EMAIL_PASSWORD_FILE; the app must read the file each names',
    ]);
    const fix = sharedFix(findings);
    expect(findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.fix ? 'fix' : 'no fix'}`)).toEqual([
      '22:48 no fix', // DATABASE_URL's password
      '25:23 fix',
      '26:19 fix',
      '27:27 fix',
      '34:23 fix',
      '68:41 no fix', // redis-server --requirepass
      '74:41 no fix', // redis-cli -a
    ]);
    expect(writesOf(fix)).toEqual([
      secretFile('backend_redis_password', 'Redis-Prod-2025'),
      secretFile('backend_jwt_secret', 'escashop-production-jwt-secret-2025'),
      secretFile('backend_jwt_refresh_secret', 'escashop-production-refresh-secret-2025'),
      secretFile('backend_email_password', 'Smtp-Prod-2025'),
      gitignore,
    ]);

  });

  it('--fix writes each secret readable by its owner only and ignored by git, and a re-lint finds only what has no fix', async () => {
    const dir = hostProject({ files: { 'docker-compose.prod.yml': original, '.gitignore': 'node_modules/\n' } });
    const run = await fixRun([dir], { cwd: dir, rules: [rule], useConfig: false }, { dryRun: false, types: ['fix', 'suggestion'] });
    expect(run.notFixed).toEqual([]);
    expect(readFileSync(path.join(dir, 'docker-compose.prod.yml'), 'utf8')).toBe(expected);
    for (const name of ['backend_redis_password', 'backend_jwt_secret', 'backend_jwt_refresh_secret', 'backend_email_password']) {
      expect((statSync(path.join(dir, 'secrets', `${name}.txt`)).mode & 0o777).toString(8)).toBe('600');
    }
    expect(readFileSync(path.join(dir, 'secrets', 'backend_jwt_secret.txt'), 'utf8')).toBe('escashop-production-jwt-secret-2025');
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\nsecrets/\n');

    // A re-lint: what is left has no fix (a URL password and a command line are not moved).
    expect(run.result.findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`)).toEqual([
      '22:48 environment variable "DATABASE_URL" of service "backend" holds a URL with a plaintext password; write the password as a "${VARIABLE}" without a default',
      '73:41 the command of service "redis" passes a plaintext secret to "--requirepass"; use a "${VARIABLE}" without a default, or read it from a file under /run/secrets',
      '79:41 the healthcheck of service "redis" passes a plaintext secret to "-a"; use a "${VARIABLE}" without a default, or read it from a file under /run/secrets',
    ]);
  });
});

describe('compose/no-plaintext-secrets: a moved value is never printed', () => {
  const CANARY = 'CANARY-7f3e9a1c';
  const files = {
    'docker-compose.prod.yml': `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${CANARY}-pg
  app:
    build: .
    environment:
      - JWT_SECRET=${CANARY}-jwt
`,
  };

  it('not in any report format of a run with fixes', async () => {
    const dir = hostProject({ files });
    const result = await lint([dir], { cwd: dir, rules: [rule], useConfig: false, fix: true });
    const findings = result.findings.filter((f) => f.ruleId === rule.meta.id);
    expect(findings).toHaveLength(2);
    // The fix holds the values it writes (in memory), and says nothing of them.
    const fix = sharedFix(findings);
    expect(fix.files!.filter((w) => w.secret).map((w) => w.text)).toEqual([`${CANARY}-pg`, `${CANARY}-jwt`]);
    expect(fix.description).not.toContain(CANARY);
    for (const f of findings) expect(f.message).not.toContain(CANARY);
    for (const name of FORMAT_NAMES) {
      const out = format(result, name, { cwd: dir, rules: [rule], codeFrame: true });
      expect(out.length, name).toBeGreaterThan(0);
      expect(out, name).not.toContain(CANARY);
    }
  });

  it('not in the diff of the edits (secrets masked) nor of the files written', async () => {
    const dir = hostProject({ files });
    const result = await lint([dir], { cwd: dir, rules: [rule], useConfig: false, fix: true });
    const fix = sharedFix(result.findings);
    const file = path.join(dir, 'docker-compose.prod.yml');
    const before = new Map([[file, files['docker-compose.prod.yml']]]);
    const applied = applyFixes(before, [fix]);
    expect(applied.applied).toEqual([fix]);
    // A diff of the texts as they are shows the removed lines, values and all: a dry run masks them (FixRunResult.masked).
    expect(diffTexts(before, applied.texts, (name) => path.relative(dir, name))).toContain(CANARY);
    const run = await fixRun([dir], { cwd: dir, rules: [rule], useConfig: false }, { dryRun: true, types: ['fix', 'suggestion'] });
    const edited = run.changes.filter((change) => !change.write).map((change) => ({ file: change.file, ...run.masked(change) }));
    expect(edited.map((change) => change.file)).toEqual([file]);
    const shown = (side: 'before' | 'after') => new Map(edited.map((change) => [change.file, change[side] ?? '']));
    const diff = diffTexts(shown('before'), shown('after'), (name) => path.relative(dir, name)) + applied.writes.map((w) => writeDiff(path.relative(dir, w.file), w, undefined)).join('');
    expect(diff).not.toContain(CANARY);
    expect(diff).toBe(`--- a/docker-compose.prod.yml
+++ b/docker-compose.prod.yml
@@ -2,8 +2,17 @@
   db:
     image: postgres:16
     environment:
-      POSTGRES_PASSWORD: ******************
+      POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password
+    secrets:
+      - db_postgres_password
   app:
     build: .
     environment:
-      - JWT_SECRET=*******************
+      - JWT_SECRET_FILE=/run/secrets/app_jwt_secret
+    secrets:
+      - app_jwt_secret
+secrets:
+  db_postgres_password:
+    file: ./secrets/db_postgres_password.txt
+  app_jwt_secret:
+    file: ./secrets/app_jwt_secret.txt
--- /dev/null
+++ b/secrets/db_postgres_password.txt
(new file, mode 0600, contents not shown)
--- /dev/null
+++ b/secrets/app_jwt_secret.txt
(new file, mode 0600, contents not shown)
--- /dev/null
+++ b/.gitignore
@@ -0,0 +1,1 @@
+secrets/
`);
  });
});

describe('secret names and the images that read *_FILE', () => {
  it('names a secret <service>_<variable>, the service once', () => {
    expect(secretName('backend', 'JWT_SECRET')).toBe('backend_jwt_secret');
    expect(secretName('postgres', 'POSTGRES_PASSWORD')).toBe('postgres_password');
    expect(secretName('db', 'POSTGRES_PASSWORD')).toBe('db_postgres_password');
    expect(secretName('my app', 'api.key')).toBe('my_app_api.key');
  });

  it('knows the documented *_FILE variables of each image, on Docker Hub only', () => {
    const of = (image: string, variable: string) => fileVariable(parseImage(image), variable);
    expect(of('grafana/grafana-oss:11', 'GF_DATABASE_PASSWORD')).toBe('GF_DATABASE_PASSWORD__FILE');
    expect(of('wordpress:6-apache', 'WORDPRESS_DB_PASSWORD')).toBe('WORDPRESS_DB_PASSWORD_FILE');
    expect(of('nextcloud:29', 'NEXTCLOUD_ADMIN_PASSWORD')).toBe('NEXTCLOUD_ADMIN_PASSWORD_FILE');
    expect(of('passbolt/passbolt:latest-ce', 'DATASOURCES_DEFAULT_PASSWORD')).toBe('DATASOURCES_DEFAULT_PASSWORD_FILE');
    expect(of('mongo:7', 'MONGO_INITDB_ROOT_PASSWORD')).toBe('MONGO_INITDB_ROOT_PASSWORD_FILE');
    expect(of('wordpress', 'WORDPRESS_TABLE_PREFIX')).toBeUndefined();
    expect(of('grafana/loki', 'GF_SECURITY_ADMIN_PASSWORD')).toBeUndefined();
    expect(of('quay.io/grafana/grafana', 'GF_SECURITY_ADMIN_PASSWORD')).toBeUndefined();
  });
});
