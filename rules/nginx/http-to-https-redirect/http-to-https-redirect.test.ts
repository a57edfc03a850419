import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (file = 'compose.yaml', ports = '') => ({ [file]: `services:\n  proxy:\n    image: nginx:1.27\n${ports}    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n` });
const TLS = 'server {\n    listen 443 ssl;\n    server_name shop.example.com;\n}\n';

describe('nginx/http-to-https-redirect messages', () => {
  it('a plain server that answers requests, at its port, with each place that answers as a related location', async () => {
    const site = `${TLS}server {\n    listen 80;\n    server_name shop.example.com;\n    location /api/ {\n        proxy_pass http://api:8000;\n    }\n}\n`;
    const got = (await lintHostProject(rule, { files: { ...compose(), 'site.conf': site } })).map((f) => [rangeOf(f), f.message, f.related.map((r) => `${r.range.start.line}:${r.range.start.column} ${r.message}`)]);
    expect(got).toEqual([
      [
        '6:12-6:14',
        'server "shop.example.com" listens on plain HTTP (80) and answers requests there instead of redirecting them to https://, while this nginx serves TLS; answer with "return 301 https://$host$request_uri;" (keep a /.well-known/acme-challenge/ location if certificates are renewed over HTTP)',
        ['5:1 requests that no location takes are answered from the root folder', '8:5 location "/api/" passes requests to http://api:8000'],
      ],
    ]);
  });

  it('a server without listen listens on 80; $scheme on a plain server is http', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': `${TLS}server {\n    server_name old.example.com;\n    return 301 $scheme://shop.example.com$request_uri;\n}\n` })).toEqual([
      'site.conf 7:16-7:54 warning server "old.example.com" answers plain-HTTP requests with a redirect to $scheme://shop.example.com$request_uri, which is plain HTTP again; redirect to https://',
    ]);
  });

  it('a published container port counts as plain HTTP; an unpublished one other than 80 does not', async () => {
    const site = `${TLS}server {\n    listen 8080;\n    root /srv;\n}\n`;
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([]);
    expect(await lintProject(rule, { ...compose('compose.yaml', '    ports:\n      - "80:8080"\n'), 'site.conf': site })).toHaveLength(1);
  });

  it('X-Forwarded-Proto tested in an if counts as a redirect; an include the project lacks is not judged', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': `${TLS}server {\n    listen 80;\n    if ($http_x_forwarded_proto != "https") {\n        return 301 https://$host$request_uri;\n    }\n    root /srv;\n}\n` })).toEqual([]);
    expect(await lintProject(rule, { ...compose(), 'site.conf': `${TLS}server {\n    listen 80;\n    include /etc/nginx/snippets/redirect.conf;\n}\n` })).toEqual([]);
  });

  it('the obsolete ssl on makes every listen TLS; a certificate without ssl on a published port does not', async () => {
    const ports = '    ports:\n      - "443:443"\n';
    expect(await lintProject(rule, { ...compose('compose.yaml', ports), 'site.conf': 'server {\n    listen 443;\n    ssl on;\n    root /srv;\n}\n' })).toEqual([]);
    expect(await lintProject(rule, { ...compose('compose.yaml', ports), 'site.conf': 'server {\n    listen 443;\n    ssl_certificate /c.pem;\n    root /srv;\n}\n' })).toEqual([
      'site.conf 2:12-2:15 warning server listening on 443 is set up for TLS, yet its "listen 443" has no ssl, so that port serves the same content over plain HTTP; move that listen to a server that only redirects to https://',
    ]);
  });

  it('off in dev', async () => {
    expect(await lintProject(rule, { ...compose('compose.dev.yaml'), 'site.conf': `${TLS}server {\n    listen 80;\n    root /srv;\n}\n` })).toEqual([]);
  });
});
