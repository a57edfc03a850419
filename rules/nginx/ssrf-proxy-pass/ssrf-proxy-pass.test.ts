import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const project = (site: string, file = 'docker-compose.dev.yml') => ({
  [file]: 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n',
  'site.conf': site,
});

describe('nginx/ssrf-proxy-pass messages', () => {
  it('names the host the client chooses, at the variable, in dev too', async () => {
    expect(await lintProject(rule, project('server {\n    location /h {\n        proxy_pass "http://$arg_server/health";\n    }\n}\n'))).toEqual([
      'site.conf 3:28-3:39 error proxy_pass connects to a host taken from the query argument "server": a client can make nginx send requests to any server it can reach, internal services and cloud metadata included (SSRF)',
    ]);
  });

  it('a scheme from the request is its own message; the capture regex is a related location', async () => {
    const findings = await lintHostProject(rule, { files: project('server {\n    location ~ ^/f/(\\w+)/(api|web)/ {\n        proxy_pass $1://$2;\n    }\n}\n') });
    expect(findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`)).toEqual([
      '3:20 the scheme of proxy_pass comes from a capture of the location regex "^/f/(\\w+)/(api|web)/" over the URL-decoded request path: a client chooses how nginx talks to the upstream (plain HTTP or TLS); use a fixed scheme or $scheme',
    ]);
    expect(findings[0]!.related).toEqual([{ message: 'the regex that captures it', file: 'site.conf', range: { start: { line: 2, column: 5 }, end: { line: 2, column: 13 } } }]);
  });

  it('a variable holding the whole address is reported once, for its host', async () => {
    const site = 'server {\n    location / {\n        set $u "$http_x_scheme://$http_x_host";\n        proxy_pass $u;\n    }\n}\n';
    expect((await lintProject(rule, project(site))).map((l) => l.split(' error ')[0] + ' ' + l.split(': ')[0].split(' error ')[1])).toEqual(['site.conf 4:20-4:22 proxy_pass connects to a host taken from the request header "x-host"']);
  });

  it('follows a set and a map to the request header they come from', async () => {
    const site = 'map $http_x_zone $zone {\n    default eu;\n    ~^(?<z>[a-z]+)$ $z;\n}\nserver {\n    location / {\n        set $up http://$zone.internal;\n        grpc_pass $up;\n    }\n}\n';
    const findings = await lintHostProject(rule, { files: project(site) });
    expect(findings.map((f) => `${f.range.start.line}:${f.range.start.column}-${f.range.end.column} ${f.related.map((r) => `${r.message} ${r.range.start.line}`).join(', ')}`)).toEqual([
      '8:19-22 the variable is set here 7, the map line that gives the value 3',
    ]);
    expect(findings[0]!.message).toContain('a capture of the map regex "^(?<z>[a-z]+)$" over the request header "x-zone"');
  });
});
