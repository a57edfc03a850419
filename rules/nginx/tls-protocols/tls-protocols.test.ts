import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (image: string) => `services:\n  proxy:\n    image: ${image}\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n`;
const site = 'server {\n    listen 443 ssl;\n    server_name shop.example.com;\n}\n';

describe('nginx/tls-protocols messages', () => {
  it('names each old protocol at its word', async () => {
    const got = await lintProject(rule, { 'compose.yaml': compose('nginx:1.27'), 'site.conf': 'ssl_protocols TLSv1.1 TLSv1.2;\n' + site });
    expect(got).toEqual([
      'site.conf 1:15-1:22 error "ssl_protocols" allows TLSv1.1, which is deprecated and open to known attacks; offer only TLSv1.2 and TLSv1.3',
    ]);
  });

  it('a missing directive on an image older than 1.23.4 names the version', async () => {
    const got = await lintProject(rule, { 'compose.yaml': compose('nginx:1.21.6-alpine'), 'site.conf': site });
    expect(got).toEqual([
      'site.conf 2:16-2:19 error server "shop.example.com" serves TLS without "ssl_protocols"; the image\'s nginx 1.21.6 then also offers TLSv1 and TLSv1.1 (the default is TLS 1.2 and 1.3 only from 1.23.4)',
    ]);
  });

  it('1.23 (its last patch is 1.23.4) and later, and unpinned official tags, have the modern default', async () => {
    for (const image of ['nginx:1.23-alpine', 'nginx:1.25.3', 'nginx:mainline-alpine', 'nginx', 'nginxinc/nginx-unprivileged:stable']) {
      expect(await lintProject(rule, { 'compose.yaml': compose(image), 'site.conf': site }), image).toEqual([]);
    }
  });

  it('1.23.3 and an unknown image still need the directive', async () => {
    expect(await lintProject(rule, { 'compose.yaml': compose('nginx:1.23.3'), 'site.conf': site })).toHaveLength(1);
    const other = await lintProject(rule, {
      'compose.yaml': 'services:\n  proxy:\n    image: openresty/openresty:1.21\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n',
      'nginx.conf': `events {}\nhttp {\n${site}}\n`,
    });
    expect(other).toEqual([
      'nginx.conf 4:16-4:19 error server "shop.example.com" serves TLS without "ssl_protocols"; the default then depends on the nginx release the image has (TLSv1 and TLSv1.1 are on before 1.23.4)',
    ]);
  });

  it('a plain HTTP server and a stream-less config need nothing', async () => {
    expect(await lintProject(rule, { 'compose.yaml': compose('nginx:1.20'), 'site.conf': 'server {\n    listen 80;\n}\n' })).toEqual([]);
  });
});
