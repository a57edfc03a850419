import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (file = 'compose.yaml') => ({ [file]: 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n' });

describe('nginx/hsts messages', () => {
  it('a TLS server without the header, at its ssl parameter', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 443 ssl;\n    server_name shop.example.com;\n}\n' })).toEqual([
      'site.conf 2:16-2:19 warning server "shop.example.com" serves TLS without a Strict-Transport-Security header, so a browser that once reached it over HTTPS may still be sent to plain HTTP',
    ]);
  });

  it('a short or missing max-age, and a missing always, once per directive however many servers use it', async () => {
    const site = 'add_header strict-transport-security "includeSubDomains";\nserver {\n    listen 443 ssl;\n}\nserver {\n    listen 8443 ssl;\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([
      'site.conf 1:12-1:37 warning Strict-Transport-Security of the http block lacks "always", so nginx leaves it out of error responses (4xx, 5xx)',
      'site.conf 1:38-1:57 warning Strict-Transport-Security of the http block: it has no max-age, so browsers ignore it',
    ]);
    const short = 'server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security "max-age=86400; includeSubDomains" always;\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': short })).toEqual([
      'site.conf 3:42-3:76 warning Strict-Transport-Security of server listening on 443: max-age=86400 is shorter than six months (15768000)',
    ]);
  });

  it('a value from a variable is not judged; an ssl_certificate in the server marks it as TLS', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security $hsts always;\n}\n' })).toEqual([]);
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 443;\n    ssl_certificate /c.pem;\n}\n' })).toEqual([
      'site.conf 3:5-3:20 warning server listening on 443 serves TLS without a Strict-Transport-Security header, so a browser that once reached it over HTTPS may still be sent to plain HTTP',
    ]);
  });

  it('a server that includes a file the project does not have may set it there: not judged; nginx\'s own parameter files do not count', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 443 ssl;\n    include /etc/nginx/snippets/tls.conf;\n}\n' })).toEqual([]);
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 443 ssl;\n    include fastcgi_params;\n}\n' })).toHaveLength(1);
  });

  it('off in dev', async () => {
    expect(await lintProject(rule, { ...compose('docker-compose.dev.yml'), 'site.conf': 'server {\n    listen 443 ssl;\n}\n' })).toEqual([]);
  });
});
