import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const project = (site: string) => ({
  'docker-compose.dev.yml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n',
  'site.conf': site,
});

describe('nginx/http-splitting messages', () => {
  it('a decoded path in a redirect splits the response', async () => {
    expect(await lintProject(rule, project('server {\n    return 302 "https://example.com$uri";\n}\n'))).toEqual([
      'site.conf 2:36-2:40 error return writes $uri into the Location header, and it can hold a line break (it comes from the URL-decoded request path): a client can add headers, cookies or a body of its own to the response (HTTP response splitting)',
    ]);
  });

  it('a capture that can match a line feed, sent upstream, splits the request', async () => {
    const site = 'server {\n    location ~ ^/a/(?<p>[^/]+)$ {\n        proxy_set_header X-P $p;\n    }\n    if ($uri ~ "^/b/([\\s\\S]+)") {\n        add_header X-B $1;\n    }\n}\n';
    expect(await lintProject(rule, project(site))).toEqual([
      'site.conf 3:30-3:32 error proxy_set_header writes $p into a header of the request to the upstream, and it can hold a line break (it comes from a capture of the location regex "^/a/(?<p>[^/]+)$" over the URL-decoded request path): a client can add headers or a whole second request to what nginx sends the upstream (HTTP request splitting)',
      'site.conf 6:24-6:26 error add_header writes $1 into a response header, and it can hold a line break (it comes from a capture of the if regex "^/b/([\\s\\S]+)" over the URL-decoded request path): a client can add headers, cookies or a body of its own to the response (HTTP response splitting)',
    ]);
  });

  it('(?s) lets "." match a line feed; a class with \\n or a range over it excludes it when negated', async () => {
    const site = 'server {\n    location ~ (?s)^/a/(.+)$ { add_header X-A $1; }\n    location ~ ^/b/([^\\n]+)$ { add_header X-B $1; }\n    location ~ ^/c/([^\\x00-\\x1f]+)$ { add_header X-C $1; }\n}\n';
    expect((await lintProject(rule, project(site))).map((l) => l.split(' error ')[0])).toEqual(['site.conf 2:47-2:49']);
  });
});
