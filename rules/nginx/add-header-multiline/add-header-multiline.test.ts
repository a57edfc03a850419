import { describe, expect, it } from 'vitest';
import { lintConfigFile } from '../../../test/config-file.js';
import { lintHostProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';
const MESSAGE = (field: string, directive: string) =>
  `the ${field} header that ${directive} sends has a line break in its value: nginx sends it as written, so the header continues on lines of its own, a folding HTTP/1.1 has deprecated and that browsers and proxies reject, drop or cut off (HTTP/2 refuses it outright); write the value on one line`;

describe('nginx/add-header-multiline', () => {
  it('reports at the directive, with the whole value as related location', async () => {
    const site = 'server {\n    listen 80;\n    add_header Permissions-Policy "camera=(),\n        microphone=()";\n}\n';
    const findings = await lintHostProject(rule, { files: { 'compose.yaml': COMPOSE, 'site.conf': site } });
    expect(findings.map((f) => [f.file, rangeOf(f), f.severity, f.message, f.related.map((r) => `${r.message} ${r.file} ${rangeOf(r)}`)])).toEqual([
      ['site.conf', '3:5-3:15', 'info', MESSAGE('Permissions-Policy', 'add_header'), ['the value site.conf 3:35-4:23']],
    ]);
  });

  it('reads the header name of more_set_headers, after its options, and an escaped line break', async () => {
    const site = 'server {\n    listen 80;\n    more_set_headers -t text/html "X-A: a" "X-B : b\\r\\nX-C: c";\n    add_trailer X-T "t\\n";\n}\n';
    const findings = await lintHostProject(rule, { files: { 'compose.yaml': COMPOSE, 'site.conf': site } });
    expect(findings.map((f) => `${rangeOf(f)} ${f.message}`)).toEqual([`3:5-3:21 ${MESSAGE('X-B', 'more_set_headers')}`, `4:5-4:16 ${MESSAGE('X-T', 'add_trailer')}`]);
  });

  it('reads a config file linted on its own the same way', async () => {
    const got = await lintConfigFile(rule, { 'site.conf': 'server {\n    add_header X-Frame-Options "DENY\n";\n}\n' }, 'site.conf');
    expect(got).toEqual([`site.conf 2:5-2:15 info ${MESSAGE('X-Frame-Options', 'add_header')}`]);
  });
});
