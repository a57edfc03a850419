import { describe, expect, it } from 'vitest';
import { lintConfigFile } from '../../../test/config-file.js';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';

describe('nginx/autoindex-off', () => {
  it('names the block at the value, in dev too', async () => {
    const site = 'server {\n    listen 80;\n    location /files/ {\n        autoindex on;\n    }\n}\n';
    expect(await lintProject(rule, { 'docker-compose.dev.yml': COMPOSE, 'site.conf': site })).toEqual([
      'site.conf 4:19-4:21 warning autoindex is on in location "/files/": a request for a folder without an index file gets a page listing every file and subfolder in it, so anyone can find backups, exports and files never linked from the site; turn it off and link the files meant to be downloaded',
    ]);
  });

  it('leaves listings that only trusted clients reach alone', async () => {
    const restricted = [
      'location /f/ {\n        internal;\n        autoindex on;\n    }',
      'location /f/ {\n        autoindex on;\n        auth_request /auth;\n    }',
      'allow 10.0.0.0/8;\n    deny all;\n    location /f/ {\n        autoindex on;\n    }',
    ];
    for (const body of restricted) {
      expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': `server {\n    listen 80;\n    ${body}\n}\n` }), body).toEqual([]);
    }
    const loopback = 'server {\n    listen 127.0.0.1:8080;\n    autoindex on;\n}\n';
    expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': loopback })).toEqual([]);
  });

  it('reports a listing that "allow all" opens before the "deny all"', async () => {
    const site = 'server {\n    listen 80;\n    allow all;\n    deny all;\n    autoindex on;\n}\n';
    expect((await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': site })).map((f) => f.slice(0, 20))).toEqual(['site.conf 5:15-5:17 ']);
  });

  it('reads a config file linted on its own the same way', async () => {
    const got = await lintConfigFile(rule, { 'nginx.conf': 'events {}\nhttp {\n    autoindex on;\n    server {\n        listen 80;\n    }\n}\n' }, 'nginx.conf');
    expect(got).toEqual([
      'nginx.conf 3:15-3:17 warning autoindex is on in http: a request for a folder without an index file gets a page listing every file and subfolder in it, so anyone can find backups, exports and files never linked from the site; turn it off and link the files meant to be downloaded',
    ]);
  });
});
