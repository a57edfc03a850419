import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (file = 'compose.yaml') => ({ [file]: 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n' });
const HOST = 'the backend sees "app:8000" as the host name and builds its links and redirects for it';
const FOR = "the backend sees nginx's address as every client's (logs, per-client limits, audit)";
const PROTO = 'the backend cannot tell the client used HTTPS (redirect loops, cookies without Secure, http:// links)';

describe('nginx/proxy-forward-headers messages', () => {
  it('names the missing headers at the proxy_pass; X-Forwarded-Proto only on TLS servers', async () => {
    const site = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://app:8000;\n    }\n}\nserver {\n    listen 443 ssl;\n    location / {\n        proxy_set_header Host $host;\n        proxy_pass http://app:8000;\n    }\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([
      `site.conf 4:9-4:19 info the proxy_pass of location "/" sends no Host, X-Forwarded-For header: ${HOST}; ${FOR}`,
      `site.conf 11:9-11:19 info the proxy_pass of location "/" sends no X-Forwarded-For, X-Forwarded-Proto header: ${FOR}; ${PROTO}`,
    ]);
  });

  it('the headers an own proxy_set_header drops are related; field names are case-insensitive', async () => {
    const site = 'proxy_set_header host $host;\nproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\nserver {\n    location /a/ {\n        if ($x) {\n            proxy_pass http://backend;\n        }\n        proxy_set_header x-forwarded-for $remote_addr;\n    }\n}\n';
    const got = await lintHostProject(rule, { files: { ...compose(), 'site.conf': site } });
    expect(got.map((f) => `${rangeOf(f)} ${f.message}`)).toEqual([
      '6:13-6:23 the proxy_pass of location "/a/" sends no Host header: the backend sees "backend" as the host name and builds its links and redirects for it',
    ]);
    expect(got[0]!.related.map((r) => `${rangeOf(r)} ${r.message}`)).toEqual([
      '1:1-1:17 set here, but not in location "/a/": a block with proxy_set_header of its own inherits none from the blocks around it',
    ]);
  });

  it('a proxy_pass through a set variable is judged with its address; a public name is not; a unix socket is "localhost", a default port is left out', async () => {
    const site = 'server {\n    location /80/ {\n        proxy_pass http://app:80/;\n    }\n    location / {\n        set $b http://grafana:3000;\n        proxy_pass $b;\n    }\n    location /ext/ {\n        proxy_pass https://api.github.com;\n    }\n    location /sock/ {\n        proxy_pass http://unix:/run/app.sock;\n    }\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([
      `site.conf 3:9-3:19 info the proxy_pass of location "/80/" sends no Host, X-Forwarded-For header: the backend sees "app" as the host name and builds its links and redirects for it; ${FOR}`,
      `site.conf 7:9-7:19 info the proxy_pass of location "/" sends no Host, X-Forwarded-For header: the backend sees "grafana:3000" as the host name and builds its links and redirects for it; ${FOR}`,
      `site.conf 13:9-13:19 info the proxy_pass of location "/sock/" sends no Host, X-Forwarded-For header: the backend sees "localhost" as the host name and builds its links and redirects for it; ${FOR}`,
    ]);
  });

  it('X-Forwarded-Host, X-Real-IP and X-Forwarded-Ssl carry the same facts; internal locations and health probes are not judged', async () => {
    const site =
      'server {\n    listen 443 ssl;\n    location / {\n        proxy_set_header X-Forwarded-Host $host;\n        proxy_set_header X-Real-IP $remote_addr;\n        proxy_set_header X-Forwarded-Ssl on;\n        proxy_pass http://app:8000;\n    }\n    location /auth {\n        internal;\n        proxy_pass http://auth:9091;\n    }\n    location @check {\n        health_check;\n        proxy_pass http://app:8000;\n    }\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([]);
  });

  it('runs in dev too', async () => {
    expect(await lintProject(rule, { ...compose('docker-compose.dev.yml'), 'site.conf': 'server {\n    location / {\n        proxy_pass http://app:8000;\n    }\n}\n' })).toHaveLength(1);
  });
});
