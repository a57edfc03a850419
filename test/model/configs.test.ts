import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceConfigFiles } from '../../src/model/configs.js';
import { ProjectLoader } from '../../src/model/load.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { directivesNamed, walkNginx } from '../../src/parse/nginx-tree.js';

const ESCASHOP = path.join(PACKAGE_ROOT, 'fixtures', 'escashop');

function load(dir: string, file: string) {
  const loader = new ProjectLoader({ cwd: PACKAGE_ROOT });
  const result = loader.load({ files: [path.join(dir, file)], envFiles: [] }, 'prod');
  expect(result.project).toBeDefined();
  const byService = new Map(result.project!.configs.map((c) => [c.setup.service?.name, c]));
  return { configs: byService, findings: result.findings, filesRead: loader.filesRead() };
}

const unread = (c: ServiceConfigFiles | undefined) => c?.unread.map((u) => `${u.entry.kind} ${u.entry.containerPath} (${u.reason})`);

describe('the configs a project mounts are read through each service', () => {
  const { configs, findings, filesRead } = load(ESCASHOP, 'docker-compose.prod.improved.yml');

  it('nginx: the mounted nginx.conf, and the site it includes from conf.d under the name it is mounted at', () => {
    const nginx = configs.get('nginx')?.nginx;
    expect(nginx?.file).toBe('fixtures/escashop/nginx/nginx.conf');
    expect(nginx?.files).toEqual(['fixtures/escashop/nginx/nginx.conf', 'fixtures/escashop/nginx/conf.d/escashop-https.conf']);
    const servers: string[] = [];
    walkNginx(nginx!, (d, ancestors) => {
      if (d.name.value === 'server_name') servers.push(`${ancestors.map((a) => a.name.value).join('>')} ${d.args[0]!.value} @${d.file}:${d.range.start.line}`);
    });
    expect(servers).toEqual([
      'http>server _ @fixtures/escashop/nginx/conf.d/escashop-https.conf:25',
      'http>server yourdomain.com @fixtures/escashop/nginx/conf.d/escashop-https.conf:41',
    ]);
    // mime.types is the image's own: not read, and not an error.
    expect(findings.filter((f) => f.ruleId === 'core/nginx')).toEqual([]);
  });

  it('redis: the file the command names; postgres: config_file from the command line, pg_hba.conf the image default', () => {
    expect(configs.get('redis')?.redis?.file).toBe('fixtures/escashop/config/redis/redis-prod.conf');
    expect(configs.get('redis')?.redis?.last('maxmemory')?.args[0]?.value).toBe('512mb');
    expect(configs.get('postgres')?.postgresql?.file).toBe('fixtures/escashop/database/production/config/postgresql.conf');
    expect(unread(configs.get('postgres'))).toEqual(['pg_hba /var/lib/postgresql/data/pgdata/pg_hba.conf (image)']);
    expect(configs.get('backend')).toBeUndefined();
  });

  it('reads each config file once, and lists it among the files read', () => {
    expect(filesRead).toContain('fixtures/escashop/nginx/conf.d/escashop-https.conf');
    expect(filesRead.filter((f) => f.endsWith('nginx.conf'))).toHaveLength(1);
  });
});

describe('what is not the project’s is never read', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-configs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  it('templates render into conf.d; a host path outside the project is listed as unread; syntax errors are core findings', () => {
    write('proj/templates/site.conf.template', 'server {\n    listen 80;\n    server_name ${DOMAIN};\n    location / { proxy_pass http://app:3000; }\n}\n');
    write('proj/nginx.conf', 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n');
    write('proj/redis.conf', 'requirepass "unclosed\n');
    write('outside.conf', 'user root;\n');
    write(
      'proj/compose.yml',
      [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    volumes:',
        '      - ./nginx.conf:/etc/nginx/nginx.conf:ro',
        '      - ./templates:/etc/nginx/templates:ro',
        '  edge:',
        '    image: nginx:1.27',
        '    volumes: ["../outside.conf:/etc/nginx/nginx.conf:ro"]',
        '  cache:',
        '    image: redis:7.4',
        '    command: ["redis-server", "/etc/redis.conf"]',
        '    volumes: ["./redis.conf:/etc/redis.conf:ro"]',
        '',
      ].join('\n'),
    );
    const { configs, findings, filesRead } = load(path.join(dir, 'proj'), 'compose.yml');
    const web = configs.get('web')!.nginx!;
    expect(web.files.map((f) => path.basename(f))).toEqual(['nginx.conf', 'site.conf.template']);
    expect(directivesNamed(directivesNamed(web, 'http')[0]!, 'server')).toHaveLength(1);
    expect(unread(configs.get('edge'))).toEqual(['nginx /etc/nginx/nginx.conf (outside-project)']);
    expect(filesRead.some((f) => f.endsWith('outside.conf'))).toBe(false);
    expect(findings.filter((f) => f.ruleId === 'core/redis').map((f) => `${path.basename(f.file)}:${f.range.start.line}:${f.range.start.column}`)).toEqual([
      'redis.conf:1:13',
    ]);
  });
});

describe('effective settings: the config file, then the command line, which wins', () => {
  it('redis and postgres in the hardened stack', async () => {
    const { redisSettings, postgresSettings } = await import('../../src/model/config-settings.js');
    const { configs } = load(ESCASHOP, 'docker-compose.prod.improved.yml');
    const redis = redisSettings(configs.get('redis')!)!;
    expect(redis.last('maxmemory')?.args.map((a) => a.value)).toEqual(['512mb']);
    // --requirepass comes from the command line, read from the secret file when the container starts
    expect(redis.last('requirepass')?.origin.file).toBe('fixtures/escashop/docker-compose.prod.improved.yml');
    const pg = postgresSettings(configs.get('postgres')!)!;
    expect(pg.last('config_file')?.value.value).toBe('/etc/postgresql/postgresql.conf');
    expect(redisSettings(configs.get('postgres')!)).toBeUndefined();
  });
});
