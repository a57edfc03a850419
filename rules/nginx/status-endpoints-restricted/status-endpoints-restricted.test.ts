import { describe, expect, it } from 'vitest';
import { lintConfigFile } from '../../../test/config-file.js';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';
const FIX = 'restrict it with "allow" for the monitoring addresses followed by "deny all", or with auth_basic, or make the location internal';

describe('nginx/status-endpoints-restricted', () => {
  it('names the page and what it shows, at the directive, in dev too', async () => {
    const site = 'server {\n    listen 80;\n    location /basic_status {\n        stub_status;\n    }\n}\n';
    expect(await lintProject(rule, { 'docker-compose.dev.yml': COMPOSE, 'site.conf': site })).toEqual([
      `site.conf 4:9-4:20 warning stub_status in location "/basic_status" shows nginx's connection and request counters to every client that reaches it; ${FIX}`,
    ]);
  });

  it('says what a writable NGINX Plus API allows', async () => {
    const site = 'server {\n    listen 80;\n    location /api/ {\n        api write=on;\n    }\n}\n';
    expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': site })).toEqual([
      `site.conf 4:9-4:12 warning api in location "/api/" shows the NGINX Plus API (the status of every server, upstream and cache zone) to every client that reaches it, and with write=on anyone can also take upstream servers out, change key-value zones and purge caches; ${FIX}`,
    ]);
  });

  it('inherits the access list of the http block, and ignores the old "stub_status off"', async () => {
    const conf = 'events {}\nhttp {\n    allow 10.0.0.0/8;\n    deny all;\n    server {\n        listen 80;\n        location /s { stub_status; }\n        location /t { stub_status off; }\n    }\n}\n';
    expect(await lintConfigFile(rule, { 'nginx.conf': conf }, 'nginx.conf')).toEqual([]);
  });

  it('reads a config file linted on its own the same way', async () => {
    const site = 'server {\n    listen 80;\n    location /s {\n        auth_basic off;\n        stub_status;\n    }\n}\n';
    expect(await lintConfigFile(rule, { 'site.conf': site }, 'site.conf')).toEqual([
      `site.conf 5:9-5:20 warning stub_status in location "/s" shows nginx's connection and request counters to every client that reaches it; ${FIX}`,
    ]);
  });
});
