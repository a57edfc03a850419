import { describe, expect, it } from 'vitest';
import { lintConfigFile } from '../../../test/config-file.js';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const MESSAGE = (where: string) =>
  `valid_referers${where} accepts requests with no Referer header ("none"), and any page can make a browser leave it out (a no-referrer Referrer-Policy or referrerpolicy attribute, a link from https to http, a data: or sandboxed frame), so the check stops nothing it is meant to stop; drop "none", or protect the resource some other way (a signed URL, a session)`;

describe('nginx/valid-referers-none', () => {
  it('reports "none" at the word, in dev too', async () => {
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';
    const site = 'server {\n    listen 80;\n    valid_referers server_names "none";\n}\n';
    expect(await lintProject(rule, { 'docker-compose.dev.yml': compose, 'site.conf': site })).toEqual([`site.conf 3:33-3:39 warning ${MESSAGE(' in server listening on 80')}`]);
  });

  it('reads a config file linted on its own the same way', async () => {
    const conf = 'events {}\nhttp {\n    server {\n        server_name cdn.example.com;\n        location / {\n            valid_referers none;\n        }\n    }\n}\n';
    expect(await lintConfigFile(rule, { 'nginx.conf': conf }, 'nginx.conf')).toEqual([`nginx.conf 6:28-6:32 warning ${MESSAGE(' in location "/"')}`]);
  });
});
