import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint.js';
import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

ruleTester(rule, {
  valid: [
    { name: 'variables every shell sets', code: 'services:\n  web:\n    image: nginx:1.27\n    volumes: ["${PWD}/html:/usr/share/nginx/html:ro", "$HOME/.cache:/cache", "/home/${USER}:/u"]\n' },
    { name: 'a default', code: 'services:\n  web:\n    image: nginx:${TAG:-1.27}\n' },
    { name: 'a default for unset only', code: 'services:\n  web:\n    image: nginx:${TAG-1.27}\n' },
    { name: 'an alternative for a set variable', code: 'services:\n  web:\n    image: nginx:1.27\n    command: ["run", "${DEBUG:+--debug}"]\n' },
    { name: 'an escaped dollar', code: 'services:\n  web:\n    image: nginx:1.27\n    command: echo $$HOME\n' },
    { name: 'a $ not followed by a name', code: 'services:\n  web:\n    image: nginx:1.27\n    command: echo $1 costs 5$\n' },
  ],
  invalid: [
    {
      name: 'a variable written in a key stays literal',
      code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      "$NOT_INTERPOLATED": "x"\n      ${PREFIX}_team: "y"\n',
      errors: [
        { line: 5, column: 8, endColumn: 25, message: 'variable "NOT_INTERPOLATED" is written in a key; Compose interpolates values only, so the key keeps the text "${...}"' },
        { line: 6, column: 7, endColumn: 16, message: /^variable "PREFIX" is written in a key/ },
      ],
    },
    {
      name: '${VAR} points at the expression and names service and key',
      code: 'services:\n  web:\n    image: nginx:${TAG}\n',
      errors: [
        {
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 24,
          message: 'variable "TAG" in "image" of service "web" is not set and has no default; Compose uses an empty string',
          severity: 'warning',
        },
      ],
    },
    {
      name: '$VAR inside a quoted value',
      code: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      HOME_DIR: "/home/$OWNER/app"\n',
      errors: [{ line: 5, column: 24, endColumn: 30, message: 'variable "OWNER" in "environment.HOME_DIR" of service "web" is not set and has no default; Compose uses an empty string' }],
    },
    {
      name: 'the inner variable of an unset default',
      filename: 'docker-compose.ci.yml',
      code: 'services:\n  web:\n    image: ${IMAGE:-${REGISTRY}/web}\n',
      errors: [{ line: 3, column: 21, endColumn: 32, severity: 'warning' }],
    },
    {
      name: 'each expression once, in order',
      code: 'services:\n  web:\n    image: ${REPO}/web:${TAG}\n',
      errors: [
        { line: 3, column: 12, endColumn: 19 },
        { line: 3, column: 24, endColumn: 30 },
      ],
    },
  ],
});

describe('compose/unset-variable with the project\'s env file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-unset-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, '.env'), '# release\nTAG=1.4.2\n');
  writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: example/web:${TAG}\n    user: ${APP_UID}\n');

  it('a variable the .env sets is not reported; one only the shell might set is', async () => {
    process.env['APP_UID'] = '10001';
    try {
      const result = await lint(['compose.yaml'], { cwd: dir, rules: [rule], useConfig: false });
      expect(result.findings.map((f) => `${f.ruleId} ${f.file} ${f.range.start.line}:${f.range.start.column}`)).toEqual(['compose/unset-variable compose.yaml 4:11']);
    } finally {
      delete process.env['APP_UID'];
    }
  });
});
