import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

describe('nginx/alias-traversal messages', () => {
  it('names the location, the alias and the traversal, in dev too', async () => {
    const got = await lintProject(rule, {
      'docker-compose.dev.yml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n',
      'site.conf': 'server {\n    location /files {\n        alias "/data/files/";\n    }\n}\n',
    });
    expect(got).toEqual([
      'site.conf 2:14-2:20 error location "/files" does not end in "/" but its alias "/data/files/" does, so a request for "/files../" reads "/data/files/../", the folder above the alias (off-by-slash path traversal)',
    ]);
  });
});
