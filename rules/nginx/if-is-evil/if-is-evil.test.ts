import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintStandalone } from '../../../test/standalone-config.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const COMPOSE = 'services:\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n';
const CONFIGURES =
  'configures the if block, where nginx handles the request as in a location of its own when the condition is true: the location\'s directives that are not inherited there (try_files, the URI part of proxy_pass) no longer apply, and of several true ifs only the last one\'s directives do; inside an if of a location, only "return" and "rewrite" (without "break") are safe';
const related = (f: { related: { file: string; range: Parameters<typeof rangeOf>[0]['range']; message: string }[] }) => f.related.map((r) => `${r.file} ${rangeOf(r)} ${r.message}`);

describe('nginx/if-is-evil messages', () => {
  it('one finding per if, at its first directive that configures it, in dev too', async () => {
    const findings = await lintHostProject(rule, {
      files: {
        'docker-compose.dev.yml': COMPOSE,
        'site.conf': 'server {\n    location /a {\n        if ($x) {\n            set $y 1;\n            add_header X 1;\n            expires 1h;\n            proxy_pass http://app;\n        }\n    }\n}\n',
      },
    });
    expect(findings.map((f) => `${f.file} ${rangeOf(f)} ${f.severity} ${f.message}`)).toEqual([`site.conf 5:13-5:23 warning "add_header" (and 2 more directives) inside "if ($x)" in location "/a" ${CONFIGURES}`]);
    expect(related(findings[0]!)).toEqual(['site.conf 3:9-3:11 the if', 'site.conf 6:13-6:20 "expires" too', 'site.conf 7:13-7:23 "proxy_pass" too']);
  });

  it('a set that lets the request go on without the location\'s try_files', async () => {
    const findings = await lintHostProject(rule, {
      files: { 'compose.yaml': COMPOSE, 'site.conf': 'server {\n    location / {\n        if ($arg_a = "1" ) { set $a 1; }\n        try_files $uri /index.html;\n    }\n}\n' },
    });
    expect(findings.map((f) => `${f.file} ${rangeOf(f)} ${f.message}`)).toEqual([
      `site.conf 3:30-3:33 "set" inside "if ($arg_a = "1")" in location "/" does not end the request: when the condition is true, nginx handles the request in the if block as in a location of its own, which does not get the location's "try_files"; compute the value with a map, or end the block with "return" or "rewrite"`,
    ]);
    expect(related(findings[0]!)).toEqual(['site.conf 3:9-3:11 the if', 'site.conf 4:9-4:18 not applied when the condition is true']);
  });

  it('an empty if, at the if', async () => {
    const got = await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': 'server {\n    location = /x {\n        proxy_pass http://app:8000/x;\n        if ($arg_a) { }\n    }\n}\n' });
    expect(got).toEqual([
      `site.conf 4:9-4:11 warning "if ($arg_a)" in location "= /x" is empty and ends nothing: when the condition is true, nginx handles the request in the if block as in a location of its own, which does not get the location's "proxy_pass"; compute the value with a map, or end the block with "return" or "rewrite"`,
    ]);
  });

  it('a return after a rewrite without flag still ends the request; an if of the server is not judged', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': COMPOSE,
      'site.conf': 'server {\n    if ($y) { add_header Y 1; }\n    location /a {\n        try_files $uri =404;\n        if ($x) {\n            rewrite ^/a/(.*)$ /b/$1;\n            add_header X 1;\n            return 200;\n        }\n    }\n}\n',
    });
    expect(got).toEqual([]);
  });

  it('a break in the block keeps the location\'s return after it from running', async () => {
    const got = await lintProject(rule, { 'compose.yaml': COMPOSE, 'site.conf': 'server {\n    location /a {\n        if ($x) {\n            access_log off;\n            break;\n        }\n        return 200;\n    }\n}\n' });
    expect(got).toEqual([`site.conf 4:13-4:23 warning "access_log" inside "if ($x)" in location "/a" ${CONFIGURES}`]);
  });

  it('a file linted on its own', () => {
    expect(lintStandalone(rule, 'nginx', 'site.conf', 'server {\n    location /a {\n        if ($x) { add_header X 1; }\n    }\n}\n')).toEqual([`site.conf 3:19-3:29 "add_header" inside "if ($x)" in location "/a" ${CONFIGURES}`]);
  });
});
