import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const CONSEQUENCE = "nginx's default `server_tokens on` puts its version in the Server header and on every error page";

describe('nginx/server-tokens-off messages', () => {
  it('the image default, at the service key', async () => {
    const got = await lintProject(rule, { 'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n' });
    expect(got).toEqual([`compose.yaml 2:3-2:8 warning service "proxy" runs nginx with the image's default nginx.conf, which leaves server_tokens on: ${CONSEQUENCE}`]);
  });

  it('conf.d files through the image nginx.conf: at the service key, the bare servers related', async () => {
    const dir = await lintResult({
      'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./conf.d:/etc/nginx/conf.d:ro\n',
      'conf.d/a.conf': 'server {\n    listen 80;\n    server_tokens off;\n}\n',
      'conf.d/b.conf': 'server {\n    listen 81;\n}\n',
    });
    expect(dir.map((f) => `${f.file} ${f.range.start.line}:${f.range.start.column} ${f.message}`)).toEqual([
      `compose.yaml 2:3 service "proxy" runs nginx with the image's nginx.conf, and no mounted conf.d file sets server_tokens off for every server: ${CONSEQUENCE}`,
    ]);
    expect(dir[0]!.related.map((r) => `${r.file} ${r.range.start.line}:${r.range.start.column} ${r.message}`)).toEqual(['conf.d/b.conf 1:1 this server uses the default']);
  });

  it('an explicit on or build, at the value', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n',
      'site.conf': 'server_tokens on;\nserver {\n    listen 80;\n}\n',
    });
    expect(got).toEqual([`site.conf 1:15-1:17 warning "server_tokens on" tells clients nginx's version in the Server header and on error pages; set it to off`]);
  });

  it('a server that includes a file the project does not have is not judged', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n',
      'site.conf': 'server {\n    listen 80;\n    include /etc/nginx/snippets/common.conf;\n}\n',
    });
    expect(got).toEqual([]);
  });

  it('an http block with no server at all still uses the default', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n',
      'nginx.conf': 'events {}\nhttp {\n}\n',
    });
    expect(got).toEqual([`nginx.conf 2:1-2:5 warning the http block does not set "server_tokens off": ${CONSEQUENCE}`]);
  });

  it('nothing in dev, and nothing for a nginx.conf from outside the project or another image', async () => {
    expect(await lintProject(rule, { 'docker-compose.dev.yml': 'services:\n  proxy:\n    image: nginx:1.27\n' })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - /etc/shop/nginx.conf:/etc/nginx/nginx.conf:ro\n' })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': 'services:\n  proxy:\n    image: bitnami/nginx:1.27\n' })).toEqual([]);
  });
});

async function lintResult(files: Record<string, string>) {
  return lintHostProject(rule, { files });
}
