import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { hostProject } from '../host-project.js';

/**
 * A project that plants a unique canary secret in every place a rule looks for one, for the tests
 * that no output, written file or error message ever shows a secret's value.
 */

/** The run's canary prefix: unique, so that a match can only come from this project. */
export const CANARY_PREFIX = `CANARY-${randomBytes(6).toString('hex')}`;

/** The n-th canary value. */
export const canary = (n: number): string => `${CANARY_PREFIX}-${n}`;

const c = canary;

export const COMPOSE = `services:
  api:
    image: example/api:1.4.2
    environment:
      JWT_SECRET: ${c(1)}
      DATABASE_URL: postgres://app:${c(2)}@db:5432/app # escashop-lint-disable-line compose/no-host-pid
      API_TOKEN: \${API_TOKEN:-${c(3)}}
    labels:
      com.example.api-token: ${c(4)}
    command: ["/app/run", "--password=${c(5)}"]
    entrypoint: ["/app/entry", "--api-key", "${c(6)}"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://admin:${c(7)}@localhost/health"]
    env_file: [app.env]
    secrets: [db_password]
    configs: [app_conf]
  builder:
    build:
      context: .
      args:
        NPM_TOKEN: ${c(8)}
  worker:
    image: example/worker:1.4.2
    environment:
      - AWS_SECRET_ACCESS_KEY=${c(9)} # escashop-lint-disable-line compose/no-plaintext-secrets
      - REDIS_URL=redis://:\${REDIS_PASSWORD}@cache:6379/0
  web:
    image: nginx:1.27.3
    volumes: ["./nginx/nginx.conf:/etc/nginx/nginx.conf:ro"]
  cache:
    image: redis:7.4.1
    command: ["redis-server", "/usr/local/etc/redis/redis.conf", "--requirepass", "\${REDIS_PASSWORD}"]
    volumes: ["./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro"]
  db:
    image: postgres:17.2
    command: ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf", "-c", "hba_file=/etc/postgresql/pg_hba.conf"]
    volumes:
      - ./pg/postgresql.conf:/etc/postgresql/postgresql.conf:ro
      - ./pg/pg_hba.conf:/etc/postgresql/pg_hba.conf:ro
    environment:
      POSTGRES_PASSWORD: ${c(10)}
secrets:
  db_password:
    file: ./secrets/db_password.txt
configs:
  app_conf:
    content: |
      password=${c(11)}
`;

export const FILES: Record<string, string> = {
  'docker-compose.prod.yml': COMPOSE,
  '.env': `REDIS_PASSWORD=${c(12)}\n`,
  'app.env': `STRIPE_SECRET_KEY=${c(13)}\n`,
  'secrets/db_password.txt': `${c(14)}\n`,
  'nginx/nginx.conf': `events {}
http {
  server {
    listen 80;
    location / { proxy_set_header Authorization "Basic ${c(15)}"; proxy_pass http://api:8080; }
  }
}
`,
  'redis/redis.conf': `bind 0.0.0.0
requirepass ${c(16)}
masterauth ${c(17)}
user app on >${c(18)} ~* +@all
`,
  'pg/postgresql.conf': `listen_addresses = '*'
primary_conninfo = 'host=primary user=replicator password=${c(19)}'
`,
  // Error paths: a syntax error on a canary's line, values of the wrong shape under secret names.
  'broken/docker-compose.prod.yml': `services:\n  api:\n    image: example/api:1.4.2\n    environment:\n      DB_PASSWORD: "${c(21)}" trailing\n`,
  'schema/docker-compose.prod.yml': `services:\n  api:\n    image: example/api:1.4.2\n    environment:\n      DB_PASSWORD: [${c(22)}]\n      API_TOKEN:\n        - ${c(23)}\n    labels:\n      com.example.token: {a: ${c(24)}}\n`,
  'bad-config.json': `{"rules": {"compose/healthcheck": "${c(25)}"}}\n`,
  'bad-baseline.json': `{"version": 1, "${c(26)}": [\n`,
  'pg/pg_hba.conf': `host all all 0.0.0.0/0 ldap ldapserver=ldap.example.com ldapbinddn="cn=admin" ldapbindpasswd=${c(20)}
`,
};

/** The canary project on disk (a git repository tracking app.env, the secret file world-readable); its absolute path. */
export function canaryProject(extra: Record<string, string> = {}): string {
  const dir = hostProject({ files: { ...FILES, ...extra }, git: ['app.env', 'docker-compose.prod.yml'] });
  chmodSync(path.join(dir, 'secrets/db_password.txt'), 0o644);
  return dir;
}
