import { describe, expect, it } from 'vitest';
import { fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const compose = (image: string, ...mounts: string[]) => `services:\n  proxy:\n    image: ${image}\n    volumes:\n${mounts.map((m) => `      - ${m}:ro\n`).join('')}`;
const MAIN = './nginx/nginx.conf:/etc/nginx/nginx.conf';

describe('nginx/tls-protocols: --fix', () => {
  it('replaces the protocols with TLSv1.2 TLSv1.3 in one fix shared by the findings on the old ones', async () => {
    const conf = 'events {}\nhttp {\n    ssl_protocols  TLSv1 TLSv1.1 TLSv1.2; # compat\n    server {\n        listen 443 ssl;\n    }\n}\n';
    const { texts, findings, fixes } = await fixProject(rule, { 'compose.yaml': compose('nginx:1.27-alpine', MAIN), 'nginx/nginx.conf': conf });
    expect(texts).toEqual({ 'nginx/nginx.conf': conf.replace('TLSv1 TLSv1.1 TLSv1.2;', 'TLSv1.2 TLSv1.3;') });
    expect(findings).toHaveLength(2);
    expect(fixes).toEqual(['fix: set "ssl_protocols TLSv1.2 TLSv1.3"']);
  });

  it('adds ssl_protocols to a TLS server left on an old image\'s default, keeping CRLF line endings', async () => {
    const site = 'server {\r\n    listen 443 ssl;\r\n    ssl_certificate /etc/ssl/site.pem; # from certbot\r\n}\r\n';
    const { texts, fixes } = await fixProject(rule, { 'compose.yaml': compose('nginx:1.21', './nginx/site.conf:/etc/nginx/conf.d/default.conf'), 'nginx/site.conf': site });
    expect(texts).toEqual({ 'nginx/site.conf': site.replace('certbot\r\n}', 'certbot\r\n    ssl_protocols TLSv1.2 TLSv1.3;\r\n}') });
    expect(fixes).toEqual(['fix: add "ssl_protocols TLSv1.2 TLSv1.3;" to the server']);
  });

  it('edits the included file the directive is written in', async () => {
    const { texts } = await fixProject(rule, {
      'compose.yaml': compose('nginx:1.27-alpine', MAIN, './nginx/tls.conf:/etc/nginx/tls.conf'),
      'nginx/nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/tls.conf;\n    server {\n        listen 443 ssl;\n    }\n}\n',
      'nginx/tls.conf': '# shared TLS settings\nssl_protocols SSLv3 TLSv1.2;\n',
    });
    expect(texts).toEqual({ 'nginx/tls.conf': '# shared TLS settings\nssl_protocols TLSv1.2 TLSv1.3;\n' });
  });
});
