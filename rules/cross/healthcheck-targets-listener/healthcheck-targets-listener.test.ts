import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintFiles } from '../_shared/lint-files.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const NGINX_CONF = 'events {}\nhttp {\n    server {\n        listen 8443 ssl;\n        listen 127.0.0.1:8080;\n    }\n}\n';

/** A compose file with one nginx service reading `nginx.conf`, with the given healthcheck test and extra keys. */
const nginx = (test: string, extra = '') =>
  `services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n${extra}    healthcheck:\n      test: ${test}\n`;

const redis = (test: string, extra = '') =>
  `services:\n  cache:\n    image: redis:7\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf:ro\n${extra}    healthcheck:\n      test: ${test}\n`;

const at = (findings: { at: string }[]) => findings.map((f) => f.at);

describe('cross/healthcheck-targets-listener', () => {
  it('reports the port of a URL nginx does not listen on, with the listen directives as related', async () => {
    expect(await lintFiles(rule, { 'compose.yaml': nginx('curl -fsS http://localhost:8000/'), 'nginx.conf': NGINX_CONF })).toEqual([
      {
        at: 'compose.yaml:7:40-7:44',
        severity: 'info',
        message: 'the healthcheck of service "web" probes port 8000, but nginx listens on ports 8080, 8443 (its listen directives): the check cannot connect, so the service never becomes healthy',
        related: ['nginx.conf:4:16-20 nginx listens on port 8443 here', 'nginx.conf:5:16-30 nginx listens on port 8080 here'],
      },
    ]);
  });

  it('reads https, nc, /dev/tcp and bare host:port probes, and skips other hosts and proxies', async () => {
    const files = (test: string) => ({ 'compose.yaml': nginx(test), 'nginx.conf': NGINX_CONF });
    expect(at(await lintFiles(rule, files('["CMD", "curl", "-kf", "https://localhost/"]')))).toEqual(['compose.yaml:7:37-7:55']);
    expect(at(await lintFiles(rule, files('["CMD", "nc", "-z", "-w", "2", "127.0.0.1", "81"]')))).toEqual(['compose.yaml:7:58-7:60']);
    expect(at(await lintFiles(rule, files('["CMD-SHELL", "exec 3<>/dev/tcp/localhost/9000"]')))).toEqual(['compose.yaml:7:55-7:59']);
    expect(at(await lintFiles(rule, files('wget -qO- localhost:9001/health')))).toEqual(['compose.yaml:7:33-7:37']);
    expect(await lintFiles(rule, files('["CMD", "curl", "-kf", "https://localhost:8443/"]'))).toEqual([]);
    expect(await lintFiles(rule, files('["CMD", "curl", "-f", "http://backend:9000/"]'))).toEqual([]);
    expect(await lintFiles(rule, files('["CMD", "curl", "--connect-to", "::127.0.0.1:8080", "http://localhost/"]'))).toEqual([]);
    expect(await lintFiles(rule, files('["CMD", "curl", "-f", "http://localhost:$${PORT}/"]'))).toEqual([]);
  });

  it('does not guess when an include was not read or a listen holds a variable', async () => {
    const unread = 'events {}\nhttp {\n    include /etc/nginx/sites/app.conf;\n    server {\n        listen 8080;\n    }\n}\n';
    expect(await lintFiles(rule, { 'compose.yaml': nginx('curl -f http://localhost/'), 'nginx.conf': unread })).toEqual([]);
    const variable = 'events {}\nhttp {\n    server {\n        listen $port;\n    }\n}\n';
    expect(await lintFiles(rule, { 'compose.yaml': nginx('curl -f http://localhost/'), 'nginx.conf': variable })).toEqual([]);
  });

  it("counts the official image's default.conf, and 80 and 8000 for a server without listen", async () => {
    const conf = 'server {\n    listen 9000;\n}\n';
    const mounted = (target: string, test: string) => `services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:${target}:ro\n    healthcheck:\n      test: ${test}\n`;
    expect(await lintFiles(rule, { 'compose.yaml': mounted('/etc/nginx/conf.d/site.conf', 'curl -f http://localhost/'), 'site.conf': conf })).toEqual([]);
    expect(at(await lintFiles(rule, { 'compose.yaml': mounted('/etc/nginx/conf.d/default.conf', 'curl -f http://localhost/'), 'site.conf': conf }))).toEqual(['compose.yaml:7:21-7:38']);
    const bare = 'server {\n    server_name example.com;\n}\n';
    expect(await lintFiles(rule, { 'compose.yaml': mounted('/etc/nginx/conf.d/default.conf', 'curl -f http://localhost:8000/'), 'site.conf': bare })).toEqual([]);
  });

  it("uses the image's default.conf when the project mounts no nginx config", async () => {
    const compose = 'services:\n  web:\n    image: nginxinc/nginx-unprivileged:1.27\n    ports:\n      - "80:80"\n    healthcheck:\n      test: curl -f http://localhost:8080/\n';
    expect(await lintFiles(rule, { 'compose.yaml': compose })).toEqual([
      {
        at: 'compose.yaml:5:13-5:15',
        severity: 'info',
        message: 'service "web" publishes container port 80, but nginx listens on port 8080 (the image\'s default.conf): nothing in the container answers on port 80',
        related: [],
      },
    ]);
  });

  it('leaves alone a service whose command runs another program, or whose nginx config is written when it starts', async () => {
    const sentinel = 'services:\n  sentinel:\n    image: redis:7\n    command: /entrypoint.sh sentinel\n    healthcheck:\n      test: redis-cli -p 26379 ping\n';
    expect(await lintFiles(rule, { 'compose.yaml': sentinel })).toEqual([]);
    const app = 'services:\n  app:\n    image: redis:7\n    command: bundle exec thin -p 3000\n    expose:\n      - "3000"\n';
    expect(await lintFiles(rule, { 'compose.yaml': app })).toEqual([]);
    const web = (extra: string) => `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8443:8443"\n${extra}`;
    expect(await lintFiles(rule, { 'compose.yaml': web('    tmpfs:\n      - /etc/nginx/conf.d\n') })).toEqual([]);
    expect(await lintFiles(rule, { 'compose.yaml': web('    volumes:\n      - nginx_conf:/etc/nginx/conf.d:ro\nvolumes:\n  nginx_conf:\n') })).toEqual([]);
    expect(await lintFiles(rule, { 'compose.yaml': web('    command: sh -c "envsubst < /t/site.conf > /etc/nginx/conf.d/default.conf && nginx -g \'daemon off;\'"\n') })).toEqual([]);
    expect(at(await lintFiles(rule, { 'compose.yaml': web('') }))).toEqual(['compose.yaml:5:15-5:19']);
  });

  it('reads redis-cli -p, -u and -h, and its password from -a, the URI or REDISCLI_AUTH', async () => {
    const conf = 'port 6380\nrequirepass not-the-real-one\n';
    const files = (test: string, extra = '') => ({ 'compose.yaml': redis(test, extra), 'redis.conf': conf });
    expect(await lintFiles(rule, files('redis-cli -p 6380 -a "$$REDIS_PASSWORD" ping'))).toEqual([]);
    expect(await lintFiles(rule, files('["CMD", "redis-cli", "-u", "redis://:secret@localhost:6380", "ping"]'))).toEqual([]);
    expect(await lintFiles(rule, files('redis-cli -p 6380 ping', '    environment:\n      REDISCLI_AUTH: ${REDIS_PASSWORD:?}\n'))).toEqual([]);
    expect(await lintFiles(rule, files('redis-cli -h other -p 6379 ping'))).toEqual([]);
    expect(at(await lintFiles(rule, files('["CMD", "redis-cli", "-u", "redis://:secret@127.0.0.1:6379"]')))).toEqual(['compose.yaml:8:67-8:71']);
  });

  it('takes the message of redis-cli without a password from what the test does with the reply', async () => {
    const files = (test: string) => ({ 'compose.yaml': redis(test), 'redis.conf': 'requirepass not-the-real-one\n' });
    const [passes] = await lintFiles(rule, files('["CMD", "redis-cli", "ping"]'));
    expect(passes?.message).toBe(
      'redis of service "cache" asks for a password (requirepass), but the healthcheck\'s redis-cli gives none: redis answers NOAUTH, and redis-cli exits 0 on an error reply, so the check passes whenever redis answers at all and tests nothing more; pass the password in REDISCLI_AUTH (read from the secret file in the test) or with -a',
    );
    expect(passes?.related).toEqual(['redis.conf:1:1-12 the password is required here']);
    const [never] = await lintFiles(rule, files('["CMD-SHELL", "redis-cli ping | grep PONG || exit 1"]'));
    expect(never?.message).toContain('so the reply is never PONG and the service never becomes healthy');
  });

  it('reads pg_isready -p and PGPORT on both sides, and skips a connection string', async () => {
    const pg = (command: string, test: string, env = '') => ({ 'compose.yaml': `services:\n  db:\n    image: postgres:16\n    command: ${command}\n${env}    healthcheck:\n      test: ${test}\n` });
    expect(at(await lintFiles(rule, pg('postgres -p 5433', 'pg_isready -p 5432')))).toEqual(['compose.yaml:6:27-6:31']);
    expect(await lintFiles(rule, pg('postgres -p 5433', 'pg_isready --port=5433'))).toEqual([]);
    expect(await lintFiles(rule, pg('postgres', 'pg_isready', '    environment:\n      PGPORT: "5433"\n'))).toEqual([]);
    expect(await lintFiles(rule, pg('postgres -c port=5433', 'pg_isready -d "postgresql://app@localhost:5433/app"'))).toEqual([]);
  });
});
