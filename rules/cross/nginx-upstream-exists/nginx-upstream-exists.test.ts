import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';
import { lintFiles } from '../_shared/lint-files.js';

projectFixtureTests(rule, import.meta.dirname);

/** A project whose `proxy` service runs nginx with `conf` (the body of its `server` block), and the other services given. */
async function findings(conf: string, services: string, extra = '') {
  const compose = `services:\n  proxy:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n${extra}${services}`;
  return lintFiles(rule, { 'compose.yaml': compose, 'nginx.conf': `events {}\nhttp {\n    server {\n${conf}    }\n}\n` });
}

const backend = '  backend:\n    image: escashop/backend:1.0.0\n    expose:\n      - "5000"\n';

describe('cross/nginx-upstream-exists', () => {
  it('names a host no service answers to, at the host, with the nginx service as related', async () => {
    expect(await findings('        location / { proxy_pass http://backnd:5000/api; }\n', backend)).toEqual([
      {
        at: 'nginx.conf:4:40-4:46',
        severity: 'error',
        message:
          'proxy_pass names host "backnd", which is no service, container_name or network alias of the compose project, nor an upstream of the nginx configuration; nginx refuses to start ("host not found in upstream")',
        related: ['compose.yaml:2:3-8 service "proxy" runs this nginx'],
      },
    ]);
  });

  it('says a port the service does not declare, and where it declares its ports', async () => {
    expect(await findings('        location / { proxy_pass http://backend; }\n', backend)).toEqual([
      {
        at: 'nginx.conf:4:40-4:47',
        severity: 'error',
        message: 'proxy_pass sends to port 80 (not written: the default) of service "backend", which declares container port 5000 only',
        related: ['compose.yaml:2:3-8 service "proxy" runs this nginx', 'compose.yaml:9:10-14 service "backend" declares its ports here'],
      },
    ]);
  });

  it('does not check the port of a service that declares none', async () => {
    expect(await findings('        location / { fastcgi_pass php:9000; }\n', '  php:\n    image: php:8.3-fpm\n')).toEqual([]);
  });

  it('says the networks when nginx and the service share none, a network alias counting on its network only', async () => {
    const services = `  backend:\n    image: escashop/backend:1.0.0\n    networks:\n      data:\n        aliases: [api]\nnetworks:\n  data: {}\n  edge: {}\n`;
    expect(await findings('        location / { grpc_pass grpc://api:5000; }\n', services, '    networks: [edge]\n')).toEqual([
      {
        at: 'nginx.conf:4:39-4:42',
        severity: 'error',
        message:
          'grpc_pass names "api" (a network alias of service "backend"), which is on network "data" while service "proxy" is on network "edge": they share no network, so nginx cannot reach it',
        related: ['compose.yaml:2:3-8 service "proxy" runs this nginx', 'compose.yaml:7:3-10 service "backend" is defined here'],
      },
    ]);
  });

  it('follows network_mode: service:x to the networks nginx is on', async () => {
    const services = `  vpn:\n    image: escashop/vpn:1.0.0\n    networks: [data]\n${backend}    networks: [data]\nnetworks:\n  data: {}\n`;
    expect(await findings('        location / { proxy_pass http://backend:5000; }\n', services, '    network_mode: service:vpn\n')).toEqual([]);
  });

  it('follows a lone variable to the one `set` of its block, and reports at the set value', async () => {
    const conf = '        location / {\n            set $up "http://backend:5001";\n            proxy_pass $up;\n        }\n';
    const got = await findings(conf, backend);
    expect(got.map((f) => `${f.at} ${f.message}`)).toEqual([
      'nginx.conf:5:29-5:36 proxy_pass (through "set $up") sends to port 5001 of service "backend", which declares container port 5000 only',
    ]);
  });

  it('leaves alone what it cannot know: run-time variables, two sets, external networks, extra_hosts, network_mode: host', async () => {
    const twoSets = '        location / {\n            set $up http://nope:1;\n            if ($arg_x) { set $up http://nope:2; }\n            proxy_pass $up;\n        }\n';
    expect(await findings('        location / { proxy_pass http://$arg_h:1; }\n', backend)).toEqual([]);
    expect(await findings('        location / { proxy_pass http://unknown:1; }\n', `${backend}networks:\n  shared:\n    external: true\n`, '    networks: [shared]\n')).toEqual([]);
    expect(await findings('        location / { proxy_pass http://legacy:1; }\n', backend, '    extra_hosts:\n      - "legacy:10.0.0.5"\n')).toEqual([]);
    expect(await findings('        location / { proxy_pass http://unknown:1; }\n', backend, '    network_mode: host\n')).toEqual([]);
    expect(await findings(twoSets.replace('if ($arg_x) { set $up http://nope:2; }', 'set $up http://nope:2;'), backend)).toEqual([]);
  });
});
