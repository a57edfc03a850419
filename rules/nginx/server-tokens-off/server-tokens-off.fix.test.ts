import { describe, expect, it } from 'vitest';
import { fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const MAIN = 'services:\n  proxy:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro\n';
const CONF_D = 'services:\n  web:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./nginx/site.conf:/etc/nginx/conf.d/default.conf:ro\n';

describe('nginx/server-tokens-off: --fix', () => {
  it('changes a value that is not off, keeping the comment after it', async () => {
    const conf = 'events {}\nhttp {\n    server_tokens on; # the default\n    server {\n        listen 80;\n    }\n}\n';
    const { texts, fixes } = await fixProject(rule, { 'compose.yaml': MAIN, 'nginx/nginx.conf': conf });
    expect(texts).toEqual({ 'nginx/nginx.conf': conf.replace('server_tokens on;', 'server_tokens off;') });
    expect(fixes).toEqual(['fix: set "server_tokens off"']);
  });

  it('adds it to the http block after its last directive, keeping CRLF line endings', async () => {
    const conf = 'events {}\r\nhttp {\r\n    # main\r\n    sendfile on;\r\n    server {\r\n        listen 80;\r\n    }\r\n}\r\n';
    const { texts } = await fixProject(rule, { 'compose.yaml': MAIN, 'nginx/nginx.conf': conf });
    expect(texts).toEqual({ 'nginx/nginx.conf': conf.replace('    }\r\n}', '    }\r\n    server_tokens off;\r\n}') });
  });

  it('adds it to each server of a mounted conf.d file that lacks it, under the image\'s nginx.conf', async () => {
    const site = 'server {\n  listen 8080;\n  root /usr/share/nginx/html;\n}\nserver {\n  listen 8081;\n  server_tokens off;\n}\nserver { listen 8082; }\n';
    const { texts, fixes } = await fixProject(rule, { 'compose.yaml': CONF_D, 'nginx/site.conf': site });
    expect(texts).toEqual({
      'nginx/site.conf': 'server {\n  listen 8080;\n  root /usr/share/nginx/html;\n  server_tokens off;\n}\nserver {\n  listen 8081;\n  server_tokens off;\n}\nserver { listen 8082; server_tokens off; }\n',
    });
    expect(fixes).toEqual(['fix: add "server_tokens off;" to its 2 servers']);
  });

  it('edits the included file that sets it', async () => {
    const compose = MAIN.replace('    volumes:\n', '    volumes:\n      - ./nginx/common.conf:/etc/nginx/common.conf:ro\n');
    const { texts } = await fixProject(rule, {
      'compose.yaml': compose,
      'nginx/nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/common.conf;\n    server {\n        listen 80;\n    }\n}\n',
      'nginx/common.conf': 'server_tokens build;\n',
    });
    expect(texts).toEqual({ 'nginx/common.conf': 'server_tokens off;\n' });
  });

  it('has no fix for the image\'s own nginx.conf: there is no file to edit', async () => {
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27-alpine\n' });
    expect(texts).toEqual({});
    expect(findings.map((f) => [f.file, f.range.start.line, f.fix])).toEqual([['compose.yaml', 2, undefined]]);
  });
});
