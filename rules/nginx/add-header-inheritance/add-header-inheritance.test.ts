import { describe, expect, it } from 'vitest';
import { lintHostProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

async function findings(site: string) {
  const files = { 'compose.yaml': 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n', 'site.conf': site };
  return (await lintHostProject(rule, { files })).map((f) => ({
    at: `${f.file} ${rangeOf(f)} ${f.severity}`,
    message: f.message,
    related: f.related.map((r) => `${r.file} ${r.range.start.line}:${r.range.start.column} ${r.message}`),
  }));
}

describe('nginx/add-header-inheritance messages', () => {
  it('names the lost fields and points at each dropped add_header', async () => {
    const got = await findings(
      'add_header Referrer-Policy "no-referrer";\nserver {\n    server_name shop.example.com;\n    add_header X-Frame-Options DENY always;\n    location ~ \\.css$ {\n        add_header Cache-Control public;\n    }\n}\n',
    );
    expect(got).toEqual([
      {
        at: 'site.conf 4:5-4:15 warning',
        message:
          'the add_header in server "shop.example.com" replaces every add_header of its http block, so its responses lose Referrer-Policy; nginx inherits add_header only into blocks that set none',
        related: ['site.conf 1:1 not sent in server "shop.example.com"'],
      },
      {
        at: 'site.conf 6:9-6:19 warning',
        message:
          'the add_header in location "~ \\.css$" replaces every add_header of its server, so its responses lose X-Frame-Options; nginx inherits add_header only into blocks that set none',
        related: ['site.conf 4:5 not sent in location "~ \\.css$"'],
      },
    ]);
  });

  it('field names compare case-insensitively, and a block that sets them all again loses nothing', async () => {
    expect(await findings('server {\n    add_header X-Frame-Options DENY;\n    location / {\n        add_header x-frame-options SAMEORIGIN;\n        add_header Cache-Control no-store;\n    }\n}\n')).toEqual([]);
  });

  it('a merge at an outer level brings both levels in, and what the location drops comes from both', async () => {
    const got = await findings(
      'add_header A 1;\nserver {\n    add_header_inherit merge;\n    add_header B 2;\n    location / {\n        add_header_inherit on;\n        add_header C 3;\n    }\n}\n',
    );
    expect(got.map((f) => [f.at, f.message])).toEqual([
      [
        'site.conf 7:9-7:19 warning',
        'the add_header in location "/" replaces every add_header of its http block and its server, so its responses lose A, B; nginx inherits add_header only into blocks that set none',
      ],
    ]);
  });
});
