import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const compose = (file = 'compose.yaml') => ({ [file]: 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n' });

describe('nginx/request-size-limits messages', () => {
  it('a body limit of 0, written any way nginx reads as 0, at the value', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'server {\n    client_max_body_size 0k;\n    location / {\n        client_max_body_size "0";\n    }\n}\n' })).toEqual([
      `site.conf 2:26-2:28 info "client_max_body_size 0k" turns off nginx's limit on request bodies: any client can send a body of any size, which nginx writes to disk before the backend sees it; set the largest upload the application takes`,
      `site.conf 4:30-4:33 info "client_max_body_size 0" turns off nginx's limit on request bodies: any client can send a body of any size, which nginx writes to disk before the backend sees it; set the largest upload the application takes`,
    ]);
  });

  it('buffers over the limit, at their size', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'client_body_buffer_size 17m;\nclient_body_buffer_size 16m;\nlarge_client_header_buffers 8 65k;\nclient_header_buffer_size 64k;\n' })).toEqual([
      'site.conf 1:25-1:28 info "client_body_buffer_size 17m" lets nginx hold up to 17m of each request body in memory (the default is 16k; a larger body goes to a temporary file, which is fine): concurrent clients can exhaust nginx\'s memory',
      'site.conf 3:31-3:34 info "large_client_header_buffers 8 65k" lets nginx hold up to 65k for each long request line or header field (the default is 8k): concurrent clients can exhaust nginx\'s memory',
    ]);
  });

  it('template placeholders are not judged; off in dev', async () => {
    expect(await lintProject(rule, { ...compose(), 'site.conf': 'client_max_body_size ${MAX_BODY};\n' })).toEqual([]);
    expect(await lintProject(rule, { ...compose('docker-compose.dev.yml'), 'site.conf': 'client_max_body_size 0;\n' })).toEqual([]);
  });
});
