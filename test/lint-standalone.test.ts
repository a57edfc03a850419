import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../src/lint.js';
import { rules } from '../rules/index.js';
import { rangeOf } from './host-project.js';
import { runCli, tempProject } from './cli/run.js';

const byId = (...ids: string[]) => rules.filter((r) => ids.includes(r.meta.id));

async function findings(dir: string, targets: string[], options: LintOptions = {}): Promise<string[]> {
  const result = await lint(targets, { cwd: dir, useConfig: false, ...options });
  return result.findings.map((f) => `${f.file} ${rangeOf(f)} ${f.ruleId}`);
}

const NGINX_MAIN = 'events {}\nhttp {\n    include /etc/nginx/mime.types;\n    include /etc/nginx/conf.d/*.conf;\n}\n';
const SERVER = 'server {\n    listen 80;\n    server_tokens on;\n    location / {\n        proxy_pass http://app:8080;\n    }\n}\n';

describe('a config file linted on its own', () => {
  const dir = tempProject({
    'nginx/nginx.conf': NGINX_MAIN,
    'nginx/conf.d/app.conf': SERVER,
    'site.conf': 'server {\n    listen 80;\n}\n',
    'snippet.conf': 'http {\n    server_tokens on;\n',
    'redis/redis.conf': 'bind 0.0.0.0\nmaxmemory 256mb\n',
    'redis/secured.conf': 'requirepass "${REDIS_PASSWORD}"\n',
    'db/pg_hba.conf': 'local all all peer\nhost all all 0.0.0.0/0 trust\n',
    'odd.conf': 'foo: [\n',
  });

  it('reads nginx.conf with its folder as /etc/nginx: conf.d files are read, the image\'s mime.types is not a missing file', async () => {
    const result = await lint(['nginx/nginx.conf'], { cwd: dir, useConfig: false, rules: byId('nginx/server-tokens-off') });
    expect(result.files.map((f) => f.file)).toEqual(['nginx/nginx.conf', 'nginx/conf.d/app.conf']);
    expect(result.findings.map((f) => `${f.file} ${rangeOf(f)} ${f.ruleId}`)).toEqual(['nginx/conf.d/app.conf 3:19-3:21 nginx/server-tokens-off']);
  });

  it('reads a file of server blocks as a conf.d file, inside the http block of the image\'s nginx.conf', async () => {
    const result = await lint(['site.conf'], { cwd: dir, useConfig: false, rules: byId('nginx/server-tokens-off') });
    expect(result.findings.map((f) => `${f.file} ${rangeOf(f)} ${f.message}`)).toEqual([
      'site.conf 1:1-1:1 site.conf runs nginx with the image\'s nginx.conf, and no mounted conf.d file sets server_tokens off for every server: nginx\'s default `server_tokens on` puts its version in the Server header and on every error page',
    ]);
  });

  it('reports what a redis.conf lacks at its first line, and nothing that needs a compose service', async () => {
    expect(await findings(dir, ['redis/redis.conf'], { rules: byId('redis/auth-required', 'cross/redis-maxmemory-vs-limit', 'compose/healthcheck') })).toEqual(['redis/redis.conf 1:1-1:1 redis/auth-required']);
    expect(await findings(dir, ['redis/secured.conf'], { rules: byId('redis/auth-required') })).toEqual([]);
  });

  it('checks pg_hba.conf records', async () => {
    expect(await findings(dir, ['db/pg_hba.conf'], { rules: byId('postgres/hba-no-trust') })).toEqual(['db/pg_hba.conf 2:24-2:29 postgres/hba-no-trust']);
  });

  it('takes --kind over the name, and says where a file of no known kind fails', async () => {
    expect(await findings(dir, ['odd.conf'], { rules: [] })).toEqual(['odd.conf 1:1-1:1 core/input']);
    expect(await findings(dir, ['redis/redis.conf'], { kind: 'nginx', rules: [] })).toEqual(['redis/redis.conf 3:1-3:1 core/nginx']);
  });

  it('reports a syntax error in the file as file:line:col, on the command line', () => {
    const run = runCli(['--no-config', 'snippet.conf'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^snippet\.conf\n(?:.*\n)* +3:1 +error +unexpected end of file, expecting "}" +core\/nginx\n/);
  });
});

describe('--kind on the command line', () => {
  const dir = tempProject({ 'conf/main.cfg': 'requirepass Tr0ub4dor\n' });

  it('lints the file as that kind', () => {
    const run = runCli(['--no-config', '--kind', 'redis', '--format', 'json', 'conf/main.cfg'], { cwd: dir });
    expect(run.status).toBe(1);
    const ids = (JSON.parse(run.stdout) as { results: { ruleId: string }[] }).results.map((r) => r.ruleId);
    expect(ids).toContain('redis/password-strength');
    expect(run.stdout).not.toContain('Tr0ub4dor');
  });

  it('is a usage error with an unknown kind, or with -f', () => {
    expect(runCli(['--kind', 'apache', 'conf/main.cfg'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --kind must be one of compose, nginx, redis, postgresql, pg_hba, not "apache"\n' });
    expect(runCli(['--kind', 'redis', '-f', 'conf/main.cfg'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --kind redis applies to files given without -f; -f files are compose files\n' });
  });
});
