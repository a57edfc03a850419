import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (file = 'compose.yaml', target = '/etc/nginx/conf.d/default.conf') => ({ [file]: `services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:${target}:ro\n` });
const CLIENT = 'a slow client (slowloris) holds a connection that long while sending next to nothing (keep it at 5 minutes or less)';

describe('nginx/timeouts messages', () => {
  it('client timeouts over five minutes, at the value, in words', async () => {
    const site = 'client_header_timeout 301;\nserver {\n    keepalive_timeout 1d 10s;\n    location / {\n        send_timeout 2h;\n        client_body_timeout 6m;\n    }\n}\n';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([
      `site.conf 1:23-1:26 info "client_header_timeout 301" lets a client take 301 seconds to send its request headers: ${CLIENT}`,
      `site.conf 3:23-3:25 info "keepalive_timeout 1d" keeps an idle keep-alive connection open for 1 day: ${CLIENT}`,
      `site.conf 5:22-5:24 info "send_timeout 2h" keeps sending to a client that reads nothing for 2 hours: ${CLIENT}`,
      `site.conf 6:29-6:31 info "client_body_timeout 6m" lets a client pause 6 minutes between two reads of its request body: ${CLIENT}`,
    ]);
  });

  it('backend timeouts over an hour that a pass directive of their module uses', async () => {
    const site = 'uwsgi_send_timeout 3601;\nproxy_read_timeout 2d;\nserver {\n    location / {\n        grpc_pass grpc://app:9000;\n        grpc_read_timeout 1w;\n    }\n    location /u/ {\n        uwsgi_pass app:3031;\n    }\n}\n';
    const backend = 'a stuck backend request holds its connections that long; more than an hour is rarely needed, even for WebSockets, whose pings keep a live connection busy (keep it at 1 hour or less)';
    expect(await lintProject(rule, { ...compose(), 'site.conf': site })).toEqual([
      `site.conf 1:20-1:24 info "uwsgi_send_timeout 3601" waits 3601 seconds for a backend that reads nothing: ${backend}`,
      `site.conf 6:27-6:29 info "grpc_read_timeout 1w" waits 7 days for a backend that sends nothing: ${backend}`,
    ]);
  });

  it("an upstream's keepalive_timeout is about backend connections, not clients", async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'upstream app {\n    server app:8000;\n    keepalive 16;\n    keepalive_timeout 1h;\n}\n' })).toEqual([]);
  });

  it('template placeholders, values nginx would refuse, keepalive 0 and values at the limit are not reported', async () => {
    const site = 'server {\n    proxy_read_timeout ${READ_TIMEOUT};\n    send_timeout 1m1h;\n    keepalive_timeout 0;\n    client_body_timeout 5m;\n    proxy_send_timeout 1h;\n}\n';
    expect(await lintProject(rule, { ...compose('compose.yaml', '/etc/nginx/templates/default.conf.template'), 'site.conf': site })).toEqual([]);
  });

  it('off in dev', async () => {
    expect(await lintProject(rule, { ...compose('docker-compose.dev.yml'), 'site.conf': 'keepalive_timeout 1h;\n' })).toEqual([]);
  });
});
