import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (file = 'compose.yaml') => ({ [file]: 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n' });
const HEADERS = 'add_header X-Content-Type-Options nosniff always;\nadd_header X-Frame-Options DENY always;\nadd_header Content-Security-Policy "default-src \'self\'" always;\nadd_header Referrer-Policy no-referrer always;\n';

describe('nginx/security-headers messages', () => {
  it('names every missing header in one finding at the server word', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 80;\n    server_name shop.example.com;\n    add_header Referrer-Policy same-origin;\n}\n' })).toEqual([
      'site.conf 1:1-1:7 warning server "shop.example.com" does not send X-Content-Type-Options, X-Frame-Options (or a Content-Security-Policy with frame-ancestors) and Content-Security-Policy; add them with add_header … always in the server or the http block',
    ]);
  });

  it('a location that turns inheritance off is named as the place that answers without them', async () => {
    const site = `${HEADERS}server {\n    listen 80;\n    location / {\n        root /srv;\n    }\n    location /embed/ {\n        add_header_inherit off;\n        add_header Content-Security-Policy "frame-ancestors *";\n    }\n}\n`;
    const got = (await lintHostProject(rule, { files: { ...compose(), 'site.conf': site } })).map((f) => [rangeOf(f), f.message, f.related.map((r) => `${r.range.start.line}:${r.range.start.column} ${r.message}`)]);
    expect(got).toEqual([
      [
        '5:1-5:7',
        'server listening on 80 does not send X-Content-Type-Options and Referrer-Policy on all of its responses; add them with add_header … always in the server or the http block',
        ['10:5 location "/embed/" answers without X-Content-Type-Options and Referrer-Policy'],
      ],
    ]);
  });

  it('headers a nested add_header drops are left to nginx/add-header-inheritance', async () => {
    const site = `server {\n${HEADERS}    location / {\n        add_header Cache-Control no-store;\n        proxy_pass http://app:3000;\n    }\n}\n`;
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([]);
  });

  it('servers that only redirect or reject are not judged; a rewrite of every URI to a URL is a redirect', async () => {
    const site = 'server {\n    listen 80;\n    rewrite ^(.*)$ https://$host$1 permanent;\n}\nserver {\n    listen 81;\n    location / {\n        return 404;\n    }\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([]);
    const partial = 'server {\n    listen 80;\n    rewrite ^/old$ /new permanent;\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': partial })).toHaveLength(1);
  });

  it('values: nosniff, DENY or SAMEORIGIN, X-XSS-Protection 0; a value from a variable is not judged', async () => {
    const site = 'add_header X-Content-Type-Options $xcto;\nadd_header X-Frame-Options sameorigin;\nadd_header X-XSS-Protection 1;\nadd_header Content-Security-Policy $csp;\nadd_header Referrer-Policy no-referrer;\nserver {\n    listen 80;\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([
      'site.conf 3:29-3:30 warning X-XSS-Protection "1" turns on the XSS filter of old browsers, which itself leaked data across sites and is gone from current ones; send "0" or drop the header and rely on Content-Security-Policy',
    ]);
  });

  it('a server with an include the project does not have is not judged; off in dev', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 80;\n    include /etc/nginx/snippets/headers.conf;\n}\n' })).toEqual([]);
    expect(await lintProject(rule, { ...compose('docker-compose.dev.yml'), 'site.conf': 'server {\n    listen 80;\n}\n' })).toEqual([]);
  });

  it("a site served with the image's default configuration is reported at the service; nginx's own welcome page is not", async () => {
    expect(await lintProject(rule, { 'compose.yaml': 'services:\n  web:\n    image: nginx\n' })).toEqual([]);
    const site = { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./public:/usr/share/nginx/html:ro\n', 'public/index.html': '<p>shop</p>\n' };
    const got = await lintHostProject(rule, { files: site });
    expect(got.map((f) => [rangeOf(f), f.message, f.related.map((r) => `${r.range.start.line}:${r.range.start.column} ${r.message}`)])).toEqual([
      [
        '2:3-2:6',
        'service "web" serves its site with the image\'s default nginx configuration, which sends none of the security headers (X-Content-Type-Options, X-Frame-Options, Content-Security-Policy, Referrer-Policy)',
        ['5:9 the site it serves'],
      ],
    ]);
  });

  it('a gRPC location needs no browser headers', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    listen 7233 http2;\n    location / {\n        grpc_pass grpc://frontend:7237;\n    }\n}\n' })).toEqual([]);
  });
});
