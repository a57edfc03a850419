import { describe, expect, it } from 'vitest';
import { lintConfigFile } from '../../../test/config-file.js';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';

describe('nginx/real-ip-trusted-sources', () => {
  it("names the default header when real_ip_header is not set, at the address", async () => {
    const site = 'server {\n    listen 80;\n    set_real_ip_from 0.0.0.0/0;\n}\n';
    expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': site })).toEqual([
      `site.conf 3:22-3:31 warning set_real_ip_from 0.0.0.0/0 in server listening on 80 trusts every IPv4 address as a proxy: any client can name any address in the X-Real-IP header (real_ip_header's default), and nginx then takes it as the client's address, so allow/deny lists, limit_req and limit_conn zones and the access log see the address the client chose; name only the proxies in front of nginx (their addresses or network)`,
    ]);
  });

  it('takes the header in effect from the enclosing block, and points at it', async () => {
    const site = 'real_ip_header CF-Connecting-IP;\nserver {\n    listen 80;\n    location / {\n        set_real_ip_from [::]/0;\n    }\n}\n';
    const got = await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': site });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^site\.conf 5:26-5:32 warning set_real_ip_from \[::\]\/0 in location "\/" trusts every IPv6 address as a proxy: any client can name any address in the CF-Connecting-IP header,/);
  });

  it('names the PROXY protocol header in a stream block', async () => {
    const conf = 'events {}\nstream {\n    server {\n        listen 5432 proxy_protocol;\n        set_real_ip_from 0.0.0.0/0;\n        proxy_pass db:5432;\n    }\n}\n';
    const got = await lintConfigFile(rule, { 'nginx.conf': conf }, 'nginx.conf');
    expect(got.map((f) => f.split(':').slice(0, 3).join(':'))).toEqual(['nginx.conf 5:26-5:35 warning set_real_ip_from 0.0.0.0/0 in server listening on 5432 trusts every IPv4 address as a proxy']);
    expect(got[0]).toContain('any client that connects can name any address in the PROXY protocol header it sends first');
  });

  it('leaves narrower ranges and unix sockets alone', async () => {
    const site = 'set_real_ip_from 0.0.0.0/8;\nset_real_ip_from 192.168.0.0/16;\nset_real_ip_from unix:;\nserver {\n    listen 80;\n}\n';
    expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': site })).toEqual([]);
  });

  it('reads a config file linted on its own the same way', async () => {
    const got = await lintConfigFile(rule, { 'site.conf': 'set_real_ip_from ::/0;\nserver {\n    listen 80;\n}\n' }, 'site.conf');
    expect(got).toEqual([
      "site.conf 1:18-1:22 warning set_real_ip_from ::/0 in http trusts every IPv6 address as a proxy: any client can name any address in the X-Real-IP header (real_ip_header's default), and nginx then takes it as the client's address, so allow/deny lists, limit_req and limit_conn zones and the access log see the address the client chose; name only the proxies in front of nginx (their addresses or network)",
    ]);
  });
});
