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
    { name: 'a default', code: 'services:\n  web:\n    image: nginx:${TAG:-1.27}\n' },
    { name: 'an unset variable without a default is not this rule\'s', code: 'services:\n  web:\n    image: nginx:${TAG}\n' },
    { name: 'an escaped dollar', code: 'services:\n  web:\n    image: nginx:1.27\n    command: echo $${TAG:?x}\n' },
  ],
  invalid: [
    {
      name: '${VAR:?message} without a value points at the expression',
      code: 'services:\n  web:\n    image: nginx:${TAG:?set the release tag}\n',
      errors: [
        {
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 45,
          message: 'required variable "TAG" in "image" of service "web" has no value; Compose refuses to start',
          severity: 'error',
        },
      ],
    },
    {
      name: '${VAR?} in a dev file is an error too',
      filename: 'docker-compose.dev.yml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD?}\n',
      errors: [{ line: 5, column: 21, endColumn: 36, message: 'required variable "DB_PASSWORD" in "environment" of service "web" has no value; Compose refuses to start', severity: 'error' }],
    },
    {
      name: 'an invalid expression, in a test file',
      filename: 'docker-compose.test.yml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      owner: "${OWNER NAME}"\n',
      errors: [{ line: 5, column: 15, endColumn: 28, message: 'invalid variable expression in "labels.owner" of service "web"; Compose refuses to start', severity: 'error' }],
    },
    {
      name: 'outside services, the key path names the place',
      code: 'services:\n  web:\n    image: nginx:1.27\nnetworks:\n  front:\n    name: ${NETWORK:?}\n',
      errors: [{ line: 6, column: 11, endColumn: 23, message: 'required variable "NETWORK" in "networks.front.name" has no value; Compose refuses to start' }],
    },
    {
      name: 'the value of a YAML anchor is reported where it is written, once',
      code: 'x-image: &image nginx:${TAG:?}\nservices:\n  web:\n    image: *image\n  api:\n    image: *image\n',
      errors: [{ line: 1, column: 23, endColumn: 31 }],
    },
  ],
});

describe('compose/undefined-variable with the project\'s env file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-required-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, '.env'), 'API_TAG=1.4.2\nDB_HOST=\n');
  writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  api:\n    image: example/api:${API_TAG:?}\n    environment:\n      DB_HOST: ${DB_HOST:?set DB_HOST}\n      DB_NAME: ${DB_NAME?}\n');

  it('a variable the .env sets passes; one it sets to "" fails ${VAR:?}, with the .env line as a related location', async () => {
    const result = await lint(['compose.yaml'], { cwd: dir, rules: [rule], useConfig: false });
    expect(
      result.findings.map((f) => [`${f.file} ${f.range.start.line}:${f.range.start.column}`, ...f.related.map((r) => `${r.message}: ${r.file} ${r.range.start.line}:${r.range.start.column}`)]),
    ).toEqual([['compose.yaml 5:16', 'value of ${DB_HOST} set here: .env 2:9'], ['compose.yaml 6:16']]);
  });
});
