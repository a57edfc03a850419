import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';
import { lintFiles } from '../_shared/lint-files.js';

projectFixtureTests(rule, import.meta.dirname);

async function findings(service: string, conf: string) {
  const compose = `services:\n  web:\n${service}    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n`;
  return lintFiles(rule, { 'compose.yaml': compose, 'site.conf': conf });
}

const site = 'server {\n    listen 443 ssl;\n    ssl_certificate /etc/nginx/ssl/cert.pem;\n    ssl_certificate_key /etc/nginx/ssl/key.pem;\n}\n';

describe('cross/nginx-tls-files-mounted', () => {
  it('a conf.d file under the image\'s nginx.conf, one finding per file at the service, each directive related', async () => {
    expect(await findings('    image: nginx:1.27\n', site)).toEqual([
      {
        at: 'compose.yaml:2:3-2:6',
        severity: 'error',
        message:
          'nginx in service "web" reads /etc/nginx/ssl/cert.pem (ssl_certificate), which no volume, config or secret of the service puts in its container: nginx cannot open it and refuses to start',
        related: ['site.conf:3:21-44 ssl_certificate names it here'],
      },
      {
        at: 'compose.yaml:2:3-2:6',
        severity: 'error',
        message:
          'nginx in service "web" reads /etc/nginx/ssl/key.pem (ssl_certificate_key), which no volume, config or secret of the service puts in its container: nginx cannot open it and refuses to start',
        related: ['site.conf:4:25-47 ssl_certificate_key names it here'],
      },
    ]);
  });

  it('leaves alone images that may hold the files, and commands that make them', async () => {
    expect(await findings('    build: .\n    image: nginx:1.27\n', site)).toEqual([]);
    expect(await findings('    image: bitnami/nginx:1.27\n', site)).toEqual([]);
    expect(await findings('    image: nginx:1.27\n    command: sh -c "openssl req -x509 -nodes -subj /CN=x -keyout /etc/nginx/ssl/key.pem -out /etc/nginx/ssl/cert.pem && exec nginx -g \'daemon off;\'"\n', site)).toEqual([]);
  });
});
