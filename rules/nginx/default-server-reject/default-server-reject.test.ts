import { describe, expect, it } from 'vitest';
import { lintConfigFile } from '../../../test/config-file.js';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';
const FIX = 'scanners that know only the address, and forged Host headers, reach the application; add a default server for the port that rejects them ("listen … default_server;" with "return 444;", and "ssl_reject_handshake on;" for TLS)';
const TWO = 'server {\n    listen 80;\n    server_name a.example.com;\n    location / {\n        proxy_pass http://a:8080;\n    }\n}\nserver {\n    listen 80;\n    server_name b.example.com;\n    location / {\n        proxy_pass http://b:8080;\n    }\n}\n';

describe('nginx/default-server-reject', () => {
  it('reports the first server of a shared port at its listen address, with the other server as related location', async () => {
    const findings = await lintHostProject(rule, { files: { 'compose.yaml': COMPOSE, 'site.conf': TWO } });
    expect(findings.map((f) => [f.file, rangeOf(f), f.severity, f.message, f.related.map((r) => `${r.message} ${rangeOf(r)}`)])).toEqual([
      [
        'site.conf',
        '2:12-2:14',
        'warning',
        `server "a.example.com" gets the requests for host names no server_name names (it is the first server listening on 80 and none there is marked default_server) and answers them in location "/": ${FIX}`,
        ['another server on the same port (server "b.example.com") 8:1-8:7'],
      ],
    ]);
  });

  it('is off in development', async () => {
    expect(await lintProject(rule, { 'docker-compose.dev.yml': COMPOSE, 'site.conf': TWO })).toEqual([]);
  });

  it('reports a lone server with a name of its own, at the server when it has no listen', async () => {
    const site = 'server {\n    server_name shop.example.com;\n    root /srv/www;\n}\n';
    expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': site })).toEqual([
      `site.conf 1:1-1:7 warning server "shop.example.com" gets the requests for host names no server_name names (it is the first server listening on 80 and none there is marked default_server) and answers them itself, outside any location: ${FIX}`,
    ]);
  });

  it('does not guess the first server while the image\'s default.conf may come before it', async () => {
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf:ro\n';
    expect(await lintProject(rule, { 'compose.yaml': compose, 'site.conf': TWO })).toEqual([]);
    const marked = TWO.replace('listen 80;\n    server_name b', 'listen 80 default_server;\n    server_name b');
    expect((await lintProject(rule, { 'compose.yaml': compose, 'site.conf': marked })).map((f) => f.slice(0, 68))).toEqual(['site.conf 9:12-9:14 warning server "b.example.com" gets the requests']);
  });

  it('leaves a lone server named localhost or _ alone, and a server on a loopback address', async () => {
    const lone = 'server {\n    listen 80;\n    server_name localhost _;\n    location / {\n        proxy_pass http://app:8080;\n    }\n}\n';
    expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': lone })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': TWO.replaceAll('listen 80;', 'listen 127.0.0.1:8080;') })).toEqual([]);
  });

  it('reads an nginx.conf linted on its own the same way', async () => {
    const conf = `events {}\nhttp {\n${TWO}}\n`;
    expect((await lintConfigFile(rule, { 'nginx.conf': conf }, 'nginx.conf')).map((f) => f.slice(0, 69))).toEqual(['nginx.conf 4:12-4:14 warning server "a.example.com" gets the requests']);
  });

  it('does not guess the first server of a file of server blocks linted on its own (one site among those its host reads), but reads default_server', async () => {
    expect(await lintConfigFile(rule, { 'site.conf': TWO }, 'site.conf')).toEqual([]);
    const marked = TWO.replace('listen 80;\n    server_name b', 'listen 80 default_server;\n    server_name b');
    expect((await lintConfigFile(rule, { 'site.conf': marked }, 'site.conf')).map((f) => f.slice(0, 68))).toEqual(['site.conf 9:12-9:14 warning server "b.example.com" gets the requests']);
  });
});
