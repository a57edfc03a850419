import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintStandalone } from '../../../test/standalone-config.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';
const fix = (host: string) => `every such request fails with 502 ("no resolver defined to resolve ${host}"); add "resolver 127.0.0.11 valid=10s;" (Docker's embedded DNS) to the server or http block`;

describe('nginx/resolver-for-variables messages', () => {
  it('at the variable, with the set as a related location, in dev too', async () => {
    const findings = await lintHostProject(rule, {
      files: { 'docker-compose.dev.yml': COMPOSE, 'site.conf': 'server {\n    location / {\n        set $app "http://localhost:8080";\n        proxy_pass $app;\n    }\n}\n' },
    });
    expect(findings.map((f) => `${f.file} ${rangeOf(f)} ${f.severity} ${f.message}`)).toEqual([
      `site.conf 4:20-4:24 error "proxy_pass" names "localhost" with variables, so nginx resolves it when a request comes, and no resolver applies here: ${fix('localhost')}`,
    ]);
    expect(findings[0]!.related.map((r) => `${r.file} ${rangeOf(r)} ${r.message}`)).toEqual(['site.conf 3:26-3:35 the variable is set to "localhost" here']);
  });

  it('a resolver of the http block (a conf.d file\'s top level) applies in every server', async () => {
    const got = await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': 'resolver 127.0.0.11;\nserver {\n    location / {\n        proxy_pass http://app$request_uri;\n    }\n}\n' });
    expect(got).toEqual([]);
  });

  it('a resolver of another server does not', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': COMPOSE,
      'site.conf': 'server {\n    resolver 127.0.0.11;\n}\nserver {\n    location / {\n        grpc_pass grpc://app:50051$x;\n    }\n}\n',
    });
    expect(got).toEqual([`site.conf 6:26-6:29 error "grpc_pass" names "app" with variables, so nginx resolves it when a request comes, and no resolver applies here: ${fix('app')}`]);
  });

  it('an include the project does not have may set it', async () => {
    const got = await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': 'include /etc/nginx/snippets/resolver.conf;\nserver {\n    location / {\n        proxy_pass http://app$request_uri;\n    }\n}\n' });
    expect(got).toEqual([]);
  });

  it('a file linted on its own', () => {
    expect(lintStandalone(rule, 'nginx', 'site.conf', 'server {\n    location / {\n        uwsgi_pass app:3031$x;\n    }\n}\n')).toEqual([
      `site.conf 3:20-3:23 "uwsgi_pass" names "app" with variables, so nginx resolves it when a request comes, and no resolver applies here: ${fix('app')}`,
    ]);
  });
});
