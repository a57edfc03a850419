import { describe, expect, it } from 'vitest';
import { containerMounts, resolveContainerPath } from '../../src/model/container-files.js';
import { buildProject, type ComposeProject } from '../../src/model/project.js';
import { postgresFlag, serviceConfigs, type ServiceConfigs } from '../../src/model/service-configs.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { at } from './origins.js';

const DIR = '/work/shop';

function project(yaml: string): ComposeProject {
  const parsed = parseYaml({ name: 'compose.yml', absPath: `${DIR}/compose.yml`, text: yaml });
  expect(parsed.findings).toEqual([]);
  return buildProject(parsed.root!, { files: ['compose.yml'], environment: 'prod', variables: new Map() });
}

function configsOf(yaml: string, service = 'svc'): ServiceConfigs | undefined {
  const p = project(yaml);
  return serviceConfigs(p.service(service)!, p.root, DIR);
}

/** Each entry as `kind containerPath -> hostPath` (or `(image)` when no mount provides it). */
const entries = (c: ServiceConfigs | undefined) => c?.entries.map((e) => `${e.kind} ${e.containerPath} -> ${e.resolved?.hostPath ?? '(image)'}`);

describe('containerMounts', () => {
  it('reads binds (short and long), file-backed configs and secrets, with their default targets', () => {
    const p = project(
      [
        'services:',
        '  svc:',
        '    image: nginx:1.27',
        '    volumes:',
        '      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro',
        '      - type: bind',
        '        source: /etc/letsencrypt',
        '        target: /etc/letsencrypt/',
        '      - data:/var/cache/nginx',
        '      - ../shared:/shared',
        '    configs: [site, { source: tls, target: /etc/nginx/tls.conf }]',
        '    secrets: [key, { source: cert, target: cert.pem }]',
        'configs:',
        '  site: { file: ./nginx/site.conf }',
        '  tls: { content: "ssl_protocols TLSv1.3;" }',
        'secrets:',
        '  key: { file: ./secrets/key.pem }',
        '  cert: { file: ./secrets/cert.pem }',
        'volumes: { data: {} }',
        '',
      ].join('\n'),
    );
    const mounts = containerMounts(p.service('svc')!, p.root, DIR);
    expect(mounts.map((m) => `${m.via} ${m.target} <- ${m.hostPath} ${m.inProject ? 'project' : 'host'}${m.readOnly ? ' ro' : ''} @${at(m.at.origin)}`)).toEqual([
      `bind /etc/nginx/nginx.conf <- ${DIR}/nginx/nginx.conf project ro @compose.yml:5:9-5:27`,
      'bind /etc/letsencrypt <- /etc/letsencrypt host @compose.yml:7:17-7:33',
      'bind /shared <- /work/shared host @compose.yml:10:9-10:18',
      `config /site <- ${DIR}/nginx/site.conf project ro @compose.yml:14:17-14:34`,
      `secret /run/secrets/key <- ${DIR}/secrets/key.pem project ro @compose.yml:17:16-17:33`,
      `secret /run/secrets/cert.pem <- ${DIR}/secrets/cert.pem project ro @compose.yml:18:17-18:35`,
    ]);
  });

  it('resolves a container path through the deepest mount that holds it, by whole path segments', () => {
    const p = project(
      ['services:', '  svc:', '    image: nginx:1.27', '    volumes:', '      - ./nginx:/etc/nginx', '      - ./sites:/etc/nginx/conf.d', ''].join('\n'),
    );
    const mounts = containerMounts(p.service('svc')!, p.root, DIR);
    expect(resolveContainerPath(mounts, '/etc/nginx/conf.d/app.conf')?.hostPath).toBe(`${DIR}/sites/app.conf`);
    expect(resolveContainerPath(mounts, '/etc/nginx//nginx.conf')?.hostPath).toBe(`${DIR}/nginx/nginx.conf`);
    expect(resolveContainerPath(mounts, '/etc/nginx')?.hostPath).toBe(`${DIR}/nginx`);
    expect(resolveContainerPath(mounts, '/etc/nginx-extra/x.conf')).toBeUndefined();
    expect(resolveContainerPath(mounts, '/etc')).toBeUndefined();
  });
});

describe('serviceConfigs', () => {
  it('nginx: the official image reads /etc/nginx/nginx.conf, mounted or the image default', () => {
    const mounted = configsOf(['services:', '  svc:', '    image: nginx:1.27-alpine', '    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]', ''].join('\n'));
    expect(mounted?.program).toBe('nginx');
    expect(entries(mounted)).toEqual([`nginx /etc/nginx/nginx.conf -> ${DIR}/nginx.conf`]);
    const image = configsOf(['services:', '  svc:', '    image: nginxinc/nginx-unprivileged:1.27', ''].join('\n'));
    expect(entries(image)).toEqual(['nginx /etc/nginx/nginx.conf -> (image)']);
  });

  it('nginx: a built image is nginx when it mounts under /etc/nginx; `nginx -c` names another file', () => {
    const built = configsOf(['services:', '  svc:', '    build: ./proxy', '    volumes: ["./conf.d:/etc/nginx/conf.d:ro"]', ''].join('\n'));
    expect(built?.program).toBe('nginx');
    const named = configsOf(
      ['services:', '  svc:', '    image: nginx:1.27', '    command: ["nginx", "-c", "/conf/main.conf", "-g", "daemon off;"]', '    volumes: ["./conf:/conf:ro"]', ''].join('\n'),
    );
    expect(entries(named)).toEqual([`nginx /conf/main.conf -> ${DIR}/conf/main.conf`]);
    expect(at(named!.entries[0]!.namedBy!.origin)).toBe('compose.yml:4:31-4:46');
  });

  it('redis: only a file named on the command line is read; the options after it are settings', () => {
    const none = configsOf(['services:', '  svc:', '    image: redis:7.4', '    volumes: ["./redis.conf:/usr/local/etc/redis/redis.conf:ro"]', ''].join('\n'));
    expect(none?.program).toBe('redis');
    expect(entries(none)).toEqual([]);
    const named = configsOf(
      [
        'services:',
        '  svc:',
        '    image: redis:7.4',
        '    command: redis-server /usr/local/etc/redis/redis.conf --maxmemory 256mb',
        '    volumes: ["./redis.conf:/usr/local/etc/redis/redis.conf:ro"]',
        '',
      ].join('\n'),
    );
    expect(entries(named)).toEqual([`redis /usr/local/etc/redis/redis.conf -> ${DIR}/redis.conf`]);
    expect(named!.args.map((a) => a.value)).toEqual(['/usr/local/etc/redis/redis.conf', '--maxmemory', '256mb']);
    const flagsOnly = configsOf(['services:', '  svc:', '    image: valkey/valkey:8', '    command: ["valkey-server", "--requirepass", "$${PW}"]', ''].join('\n'));
    expect(flagsOnly?.program).toBe('redis');
    expect(entries(flagsOnly)).toEqual([]);
    expect(at(flagsOnly!.programWord!.origin)).toBe('compose.yml:4:16-4:29');
  });

  it('postgres: PGDATA files by default; config_file and hba_file from the command line', () => {
    const plain = configsOf(['services:', '  svc:', '    image: postgres:16', ''].join('\n'));
    expect(entries(plain)).toEqual(['postgresql /var/lib/postgresql/data/postgresql.conf -> (image)', 'pg_hba /var/lib/postgresql/data/pg_hba.conf -> (image)']);
    const moved = configsOf(['services:', '  svc:', '    image: postgres:16', '    environment: { PGDATA: /data/pg }', ''].join('\n'));
    expect(entries(moved)?.[0]).toBe('postgresql /data/pg/postgresql.conf -> (image)');
    const named = configsOf(
      [
        'services:',
        '  svc:',
        '    image: postgres:16',
        '    command: -c config_file=/etc/postgresql/postgresql.conf -chba_file=/etc/postgresql/pg_hba.conf',
        '    volumes:',
        '      - ./pg:/etc/postgresql:ro',
        '',
      ].join('\n'),
    );
    expect(entries(named)).toEqual([
      `postgresql /etc/postgresql/postgresql.conf -> ${DIR}/pg/postgresql.conf`,
      `pg_hba /etc/postgresql/pg_hba.conf -> ${DIR}/pg/pg_hba.conf`,
    ]);
    expect(at(named!.entries[1]!.namedBy!.origin)).toBe('compose.yml:4:72-4:99');
  });

  it('postgresFlag: every spelling, the last one wins, dashes read as underscores', () => {
    const p = project(
      ['services:', '  svc:', '    image: postgres:16', '    command: postgres -c max_connections=50 --shared-buffers=1GB -cmax_connections=80', ''].join('\n'),
    );
    const c = serviceConfigs(p.service('svc')!, p.root, DIR)!;
    expect(postgresFlag(c.args, 'max_connections')?.value).toBe('80');
    expect(postgresFlag(c.args, 'shared_buffers')?.value).toBe('1GB');
    expect(postgresFlag(c.args, 'work_mem')).toBeUndefined();
  });

  it('any other service has no config the linter follows', () => {
    expect(configsOf(['services:', '  svc:', '    image: escashop/backend:1.0.0', ''].join('\n'))).toBeUndefined();
  });
});
