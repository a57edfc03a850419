import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const project = (site: string, file = 'compose.yaml', target = '/etc/nginx/conf.d/default.conf') => ({
  [file]: `services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:${target}:ro\n`,
  'site.conf': site,
});

describe('nginx/host-header-spoofing messages', () => {
  it('the raw Host header passed upstream, through a set too', async () => {
    const site = 'server {\n    server_name a.example.com;\n    set $h $http_host;\n    location / {\n        proxy_set_header Host $h;\n    }\n}\n';
    expect(await lintProject(rule, project(site))).toEqual([
      "site.conf 5:31-5:33 warning proxy_set_header takes the Host header it passes upstream from the client's raw Host header (through $h), which nginx neither checks against server_name nor makes agree with the request line: a client can name any host there (poisoned links and caches); use $host",
    ]);
  });

  it('$host in a server whose server_name regex matches any host', async () => {
    const site = 'server {\n    server_name ~^(?P<sub>.+)$;\n    proxy_set_header Host $host;\n}\n';
    expect(await lintProject(rule, project(site))).toEqual([
      'site.conf 3:27-3:32 warning proxy_set_header passes $host as the Host header in server "~^(?P<sub>.+)$", and its server_name regex "~^(?P<sub>.+)$" matches any host, so requests for any host name reach it: the application sees whatever host a client names (poisoned links in mails, cache keys); serve the application under its own server_name and let a default server reject other hosts',
    ]);
  });

  it('$host in the first server of an address no server marks as default, once every server is known', async () => {
    const site = 'server {\n    listen 8443 ssl;\n    server_name a.example.com;\n    proxy_set_header Host $host;\n}\n';
    expect(await lintProject(rule, project(site))).toEqual([
      'site.conf 4:27-4:32 warning proxy_set_header passes $host as the Host header in server "a.example.com", and it is the first server on *:8443 and no server there is marked default_server, so requests for any host name reach it: the application sees whatever host a client names (poisoned links in mails, cache keys); serve the application under its own server_name and let a default server reject other hosts',
    ]);
    // beside the image's own conf.d/default.conf, which may hold a server that comes first, nothing is inferred
    expect(await lintProject(rule, project(site, 'compose.yaml', '/etc/nginx/conf.d/app.conf'))).toEqual([]);
    // nor when a default server of the address turns other hosts away
    const guarded = `server {\n    listen 8443 ssl default_server;\n    ssl_reject_handshake on;\n}\n${site}`;
    expect(await lintProject(rule, project(guarded))).toEqual([]);
  });

  it('is off outside production', async () => {
    expect(await lintProject(rule, project('server {\n    proxy_set_header Host $http_host;\n}\n', 'docker-compose.dev.yml'))).toEqual([]);
  });
});
