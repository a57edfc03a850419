import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintStandalone } from '../../../test/standalone-config.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';
const ADVICE = `use Docker's embedded DNS, "resolver 127.0.0.11", which answers service names and forwards other names to the host's nameservers`;

describe('nginx/resolver-external messages', () => {
  it('a public nameserver, at its address without the port, in dev too', async () => {
    const got = await lintProject(rule, { 'docker-compose.dev.yml': COMPOSE, 'site.conf': 'resolver 9.9.9.9:53;\n' });
    expect(got).toEqual([`site.conf 1:10-1:17 warning the resolver 9.9.9.9 is a public nameserver: it cannot answer the names of compose services, and every name nginx looks up leaves the host, unencrypted, for it; ${ADVICE}`]);
  });

  it('beside Docker\'s DNS, says that lookups alternate', async () => {
    const got = await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': 'server {\n    resolver 127.0.0.11 8.8.4.4;\n}\n' });
    expect(got).toEqual([
      `site.conf 2:25-2:32 warning the resolver 8.8.4.4 is a public nameserver: it cannot answer the names of compose services, and every name nginx looks up leaves the host, unencrypted, for it; nginx asks the nameservers of a resolver in turn, so beside 127.0.0.11 some lookups of service names fail; ${ADVICE}`,
    ]);
  });

  it('loopback, private and IPv6 private addresses pass', async () => {
    expect(await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': 'resolver 127.0.0.53 [::1]:53 192.168.1.1 100.100.100.100;\n' })).toEqual([]);
  });

  it('a file linted on its own', () => {
    expect(lintStandalone(rule, 'nginx', 'site.conf', 'resolver [2001:4860:4860::8888]:53;\n')).toEqual([
      `site.conf 1:11-1:31 the resolver 2001:4860:4860::8888 is a public nameserver: it cannot answer the names of compose services, and every name nginx looks up leaves the host, unencrypted, for it; ${ADVICE}`,
    ]);
  });

  it('Docker\'s DNS where the service has none, with its network mode related', async () => {
    const findings = await lintHostProject(rule, {
      files: { 'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n    network_mode: "bridge"\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n', 'site.conf': 'resolver 127.0.0.11:53;\n' },
    });
    expect(findings.map((f) => `${f.file} ${rangeOf(f)} ${f.message}`)).toEqual([
      'site.conf 1:10-1:20 the resolver 127.0.0.11 is Docker\'s embedded DNS, which only containers on user-defined networks have: service "proxy" runs with "network_mode: bridge", so every lookup nginx makes fails; put the service on a compose network, or name a nameserver it can reach',
    ]);
    expect(findings[0]!.related.map((r) => `${r.file} ${rangeOf(r)} ${r.message}`)).toEqual(['compose.yaml 4:19-4:27 the network mode']);
  });
});
