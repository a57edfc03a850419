import { describe, expect, it } from 'vitest';
import { couldBeSecret, nameWords, secretName } from '../../src/model/secret-names.js';

describe('nameWords', () => {
  it('splits snake, dotted, kebab and camel case names', () => {
    expect(nameWords('POSTGRES_PASSWORD')).toEqual(['postgres', 'password']);
    expect(nameWords('com.example.api-token')).toEqual(['com', 'example', 'api', 'token']);
    expect(nameWords('dbPassword')).toEqual(['db', 'password']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
    expect(nameWords('GF_SECURITY_ADMIN_PASSWORD__FILE')).toEqual(['gf', 'security', 'admin', 'password', 'file']);
  });
});

describe('secretName', () => {
  it.each([
    'POSTGRES_PASSWORD', 'DB_PASSWD', 'MYSQL_PWD', 'DB_PASS', 'RABBITMQ_DEFAULT_PASS', 'PGPASSWORD', 'ROOTPASS', 'SSH_PASSPHRASE',
    'JWT_SECRET', 'NEXTAUTH_SECRET', 'clientSecret', 'GITLAB_SECRETS_DB_KEY_BASE', 'GITHUB_TOKEN', 'AUTH_TOKEN', 'REFRESH_TOKEN',
    'API_KEY', 'api-key', 'apiKey', 'OPENAI_APIKEY', 'PRIVATE_KEY', 'AWS_SECRET_ACCESS_KEY', 'MINIO_ACCESS_KEY', 'SESSION_KEY',
    'COOKIE_KEY', 'ENCRYPTION_KEY', 'SIGNING_KEY', 'APP_KEY', 'RAILS_MASTER_KEY', 'SECRET_KEY_BASE', 'LDAP_BIND_CREDENTIALS',
    'PASSWORD_SALT', 'com.example.token', 'requirepass', 'masterauth', 'db.password',
  ])('%s names a secret', (name) => expect(secretName(name)).toBe(true));

  it.each([
    'POSTGRES_PASSWORD_FILE', 'GF_SECURITY_ADMIN_PASSWORD__FILE', 'TLS_PRIVATE_KEY_PATH', 'SECRETS_DIR', 'PASSWORD_MIN_LENGTH',
    'PASSWORD_REQUIRE_UPPERCASE', 'BCRYPT_ROUNDS', 'JWT_EXPIRES_IN', 'JWT_ALGORITHM', 'TOKEN_TTL', 'SESSION_TIMEOUT', 'TOKEN_EXPIRY',
    'POSTGRES_USER', 'POSTGRES_HOST', 'REDIS_PORT', 'TOKEN_URL', 'API_KEY_HEADER', 'AWS_ACCESS_KEY_ID', 'SECRET_NAME',
    'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'NEXT_PUBLIC_API_KEY', 'STRIPE_PUBLISHABLE_KEY', 'MAX_TOKENS',
    'EDGEX_ADD_KNOWN_SECRETS', 'KAFKA_SSL_KEYSTORE_CREDENTIALS', 'REGISTRY_AUTH_HTPASSWD_REALM', 'REGISTRY_AUTH_TOKEN_REALM',
    'PASSWORD_HASH', 'ADMIN_PASSWORD_SHA256', 'PWD', 'SSH_KEY', 'PUBLIC_KEY', 'KEYCLOAK_ADMIN', 'BYPASS_CACHE', 'TOKENIZER',
    'POSTGRES_HOST_AUTH_METHOD', 'password-stdin', 'initial-cluster-token',
  ])('%s does not', (name) => expect(secretName(name)).toBe(false));
});

describe('couldBeSecret', () => {
  it.each(['changeme', 'hunter2', '123456', 's3cr3t with spaces', 'p@ss/word', 'x'])('%s could be a secret', (v) => expect(couldBeSecret(v)).toBe(true));
  it.each([
    '', '   ', '""', '***', 'true', 'False', 'yes', 'off', '$DB_PASSWORD', '${DB_PASSWORD}', '"$DB_PASSWORD"', '$(cat /run/secrets/db)',
    '`cat /run/secrets/db`', '{{ .Env.DB_PASSWORD }}', '/run/secrets/db_password', './secrets/db.txt', '<CLIENT_SECRET>',
  ])('%j could not', (v) => expect(couldBeSecret(v)).toBe(false));
});
