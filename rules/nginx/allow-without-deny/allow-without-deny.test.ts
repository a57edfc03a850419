import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintStandalone } from '../../../test/standalone-config.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';

describe('nginx/allow-without-deny messages', () => {
  it('a server list with no deny, in dev too', async () => {
    const got = await lintProject(rule, {
      'docker-compose.dev.yml': COMPOSE,
      'site.conf': 'server {\n    listen 80;\n    allow 10.0.0.0/8;\n    deny 10.9.9.9;\n}\n',
    });
    expect(got).toEqual(['site.conf 3:5-3:10 error "allow 10.0.0.0/8" in server listening on 80 is not followed by "deny all", so every other client is allowed too; end the list with "deny all"']);
  });

  it('a location list that replaces the server\'s deny all; satisfy any with auth_basic off', async () => {
    const findings = await lintHostProject(rule, {
      files: {
        'compose.yaml': COMPOSE,
        'site.conf': [
          'server {',
          '    server_name shop.example.com;',
          '    allow 10.0.0.0/8;',
          '    deny all;',
          '    satisfy any;',
          '    auth_basic off;',
          '    location /a/ {',
          '        allow 192.168.1.1;',
          '    }',
          '}',
          '',
        ].join('\n'),
      },
    });
    expect(findings.map((f) => `${f.file} ${rangeOf(f)} ${f.message}`)).toEqual([
      'site.conf 8:9-8:14 "allow 192.168.1.1" in location "/a/" is not followed by "deny all", so every other client is allowed too, and the "deny all" around it does not apply there (an allow or deny in a block replaces the whole access list of the blocks around it); end the list with "deny all"',
    ]);
    expect(findings[0]!.related.map((r) => `${r.file} ${rangeOf(r)} ${r.message}`)).toEqual(['site.conf 4:5-4:9 this deny does not apply there']);
  });

  it('satisfy any with auth_request, and a deny all written before the allows, are not reported', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': COMPOSE,
      'site.conf': 'server {\n    satisfy any;\n    auth_request /auth;\n    allow 10.0.0.0/8;\n    location /a/ {\n        deny all;\n        allow 10.0.0.1;\n    }\n}\n',
    });
    expect(got).toEqual([]);
  });

  it('a file linted on its own, its top level included', () => {
    expect(lintStandalone(rule, 'nginx', 'site.conf', 'allow 10.0.0.0/8;\n')).toEqual(['site.conf 1:1-1:6 "allow 10.0.0.0/8" in the top level is not followed by "deny all", so every other client is allowed too; end the list with "deny all"']);
  });
});
