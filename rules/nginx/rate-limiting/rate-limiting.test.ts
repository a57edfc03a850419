import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { hostProject, lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { lint } from '../../../src/lint.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (file = 'compose.yaml') => ({ [file]: 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n' });
const CONSEQUENCE = 'one client can send as many requests, and hold as many connections, as nginx accepts (password guessing, scraping, floods)';

describe('nginx/rate-limiting messages', () => {
  it('one finding per server, at its name, with each open location related', async () => {
    const site = 'server {\n    server_name shop.example.com;\n    location /api/ {\n        proxy_pass http://app:8000;\n    }\n    location / {\n        uwsgi_pass app:3031;\n    }\n}\n';
    const got = await lintHostProject(rule, { files: { ...compose(), 'site.conf': site } });
    expect(got.map((f) => `${f.file} ${rangeOf(f)} ${f.severity} ${f.message}`)).toEqual([
      `site.conf 1:1-1:7 warning server "shop.example.com" passes requests to a backend with no limit_req or limit_conn in 2 locations: ${CONSEQUENCE}`,
    ]);
    expect(got[0]!.related.map((r) => `${r.file} ${rangeOf(r)} ${r.message}`)).toEqual([
      'site.conf 4:9-4:19 location "/api/" has no limit in effect',
      'site.conf 7:9-7:19 location "/" has no limit in effect',
    ]);
  });

  it('a single location is named; an inner limit_req replaces the outer one, dry run does not count', async () => {
    const site =
      'limit_req_zone $binary_remote_addr zone=a:1m rate=1r/s;\nserver {\n    limit_req zone=a;\n    location / {\n        limit_req_dry_run on;\n        proxy_pass http://app:8000;\n    }\n    location /b/ {\n        proxy_pass http://app:8000;\n    }\n}\n';
    const got = await lintHostProject(rule, { files: { ...compose(), 'site.conf': site } });
    expect(got.map((f) => `${rangeOf(f)} ${f.message}`)).toEqual([`2:1-2:7 server passes requests to a backend with no limit_req or limit_conn in location "/": ${CONSEQUENCE}`]);
    expect(got[0]!.related.map((r) => `${rangeOf(r)} ${r.message}`)).toEqual(['6:9-6:19 location "/": its limits are in dry-run mode, they only log']);
  });

  it('a pass in an if block counts once for its location; nested locations inherit', async () => {
    const site = 'server {\n    listen 80;\n    location / {\n        if ($x) {\n            proxy_pass http://a:1;\n        }\n        proxy_pass http://a:1;\n        location /in/ {\n            proxy_pass http://a:1;\n        }\n    }\n}\n';
    const got = await lintHostProject(rule, { files: { ...compose(), 'site.conf': site } });
    expect(got.map((f) => f.message)).toEqual([`server listening on 80 passes requests to a backend with no limit_req or limit_conn in 2 locations: ${CONSEQUENCE}`]);
    expect(got[0]!.related.map((r) => `${rangeOf(r)} ${r.message}`)).toEqual(['5:13-5:23 location "/" has no limit in effect', '9:13-9:23 location "/in/" has no limit in effect']);
  });

  it('an undefined zone, at its name, unless the http block includes a file the project does not have', async () => {
    const conf = (extra: string) => `events {}\nhttp {\n${extra}    server {\n        location / {\n            limit_req zone=api burst=5;\n            proxy_pass http://app:8000;\n        }\n    }\n}\n`;
    const files = (extra: string) => ({
      'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n',
      'nginx.conf': conf(extra),
    });
    expect(await lintProject(rule, files(''))).toEqual([
      'nginx.conf 5:28-5:31 warning limit_req uses zone "api", which no limit_req_zone defines: nginx refuses to start ("zero size shared memory zone")',
    ]);
    expect(await lintProject(rule, files('    include /etc/nginx/zones.conf;\n'))).toEqual([]);
  });

  it('an NGINX Plus health probe, a pass outside any location, and a server on loopback only are not client traffic', async () => {
    const site = 'server {\n    location @check {\n        health_check;\n        proxy_pass http://app:8000;\n    }\n    proxy_pass app:9000;\n}\nserver {\n    listen 127.0.0.1:8081;\n    listen [::1]:8081;\n    location / {\n        proxy_pass http://app:8000;\n    }\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([]);
  });

  it('a conf.d file linted on its own: servers are judged, zones are not (its nginx.conf may define them)', async () => {
    const dir = hostProject({ files: { 'site.conf': 'server {\n    listen 80;\n    location / {\n        limit_req zone=api;\n        proxy_pass http://app:8000;\n    }\n    location /b/ {\n        proxy_pass http://app:8000;\n    }\n}\n' } });
    const { findings } = await lint([path.join(dir, 'site.conf')], { cwd: dir, rules: [rule], useConfig: false });
    expect(findings.map((f) => `${f.file} ${rangeOf(f)} ${f.message}`)).toEqual([
      `site.conf 1:1-1:7 server listening on 80 passes requests to a backend with no limit_req or limit_conn in location "/b/": ${CONSEQUENCE}`,
    ]);
  });

  it('off in dev', async () => {
    expect(await lintProject(rule, { ...compose('docker-compose.dev.yml'), 'site.conf': 'server {\n    location / {\n        proxy_pass http://app:8000;\n    }\n}\n' })).toEqual([]);
  });
});
