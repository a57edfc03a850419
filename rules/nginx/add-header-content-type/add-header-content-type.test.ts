import { describe, expect, it } from 'vitest';
import { lintConfigFile } from '../../../test/config-file.js';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const MESSAGE = (where: string) =>
  `add_header Content-Type${where} does not replace the Content-Type nginx sends (from types and default_type, or the backend's): it adds a second one, and browsers and caches then pick either or combine them; set default_type (with an empty "types {}" to override the file extension), and let a proxied backend send its own`;

describe('nginx/add-header-content-type', () => {
  it('reports at the header name, in dev too', async () => {
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';
    const site = 'server {\n    listen 80;\n    location /feed {\n        add_header CONTENT-TYPE application/rss+xml;\n    }\n}\n';
    expect(await lintProject(rule, { 'docker-compose.dev.yml': compose, 'site.conf': site })).toEqual([`site.conf 4:20-4:32 info ${MESSAGE(' in location "/feed"')}`]);
  });

  it('reads a config file linted on its own the same way', async () => {
    const conf = 'events {}\nhttp {\n    add_header Content-Type text/html;\n}\n';
    expect(await lintConfigFile(rule, { 'nginx.conf': conf }, 'nginx.conf')).toEqual([`nginx.conf 3:16-3:28 info ${MESSAGE(' in http')}`]);
  });
});
