import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

/** A one-service file: `backend` with the given lines under it. */
const backend = (...lines: string[]) => `services:\n  backend:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const image = 'image: escashop/backend:1.0.0';
const deployPids = (value: string) => ['deploy:', '  resources:', '    limits:', `      pids: ${value}`];

ruleTester(rule, {
  valid: [
    { name: 'pids_limit', code: backend(image, 'pids_limit: 100') },
    { name: 'pids_limit as a string', code: backend(image, 'pids_limit: "100"') },
    { name: 'deploy.resources.limits.pids', code: backend(image, ...deployPids('200')) },
    { name: 'pids_limit under version: 3.8 (KICS never checks v3 files)', code: `version: "3.8"\n${backend(image, 'pids_limit: 100')}` },
    { name: 'deploy pids under version: 2.4', code: `version: "2.4"\n${backend(image, ...deployPids('64'))}` },
    { name: 'through a merge key', code: `x-l: &l\n  pids_limit: 50\nservices:\n  backend:\n    <<: *l\n    ${image}\n` },
    { name: 'a default', code: backend(image, 'pids_limit: ${PIDS:-100}') },
    { name: 'an unset variable is decided at deploy time', code: backend(image, 'pids_limit: ${PIDS}') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: backend(image) },
    { name: 'test file', filename: 'docker-compose.test.yml', code: backend(image, 'pids_limit: -1') },
  ],
  invalid: [
    {
      name: 'no limit',
      code: backend(image),
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 10, severity: 'warning', message: 'service "backend" has no PIDs limit (set pids_limit or deploy.resources.limits.pids)' }],
    },
    { name: 'no limit, version-less like version: 3', code: `version: "3"\n${backend(image)}`, errors: [{ line: 3, column: 3, endColumn: 10 }] },
    { name: 'a memory limit is not a PIDs limit', code: backend(image, 'mem_limit: 1g', 'cpus: 1'), errors: [{ line: 2, column: 3 }] },
    {
      name: 'pids_limit: -1',
      code: backend(image, 'pids_limit: -1'),
      errors: [{ line: 4, column: 17, endColumn: 19, message: 'service "backend" sets "pids_limit: -1", which means no PIDs limit' }],
    },
    { name: 'pids_limit: 0', code: backend(image, 'pids_limit: 0'), errors: [{ line: 4, column: 17, endColumn: 18 }] },
    { name: 'pids_limit: "-1"', code: backend(image, 'pids_limit: "-1"'), errors: [{ line: 4, column: 18, endColumn: 20 }] },
    {
      name: 'deploy pids: 0',
      code: backend(image, ...deployPids('0')),
      errors: [{ line: 7, column: 17, endColumn: 18, message: 'service "backend" sets "deploy.resources.limits.pids: 0", which means no PIDs limit' }],
    },
    {
      name: 'a default of -1, variable unset',
      code: backend(image, 'pids_limit: ${PIDS:--1}'),
      errors: [{ line: 4, column: 25, endColumn: 27, message: 'service "backend" sets "pids_limit: -1", which means no PIDs limit' }],
    },
    {
      name: 'an anchored -1 is reported where the anchor writes it',
      code: `x-l: &l\n  pids_limit: -1\nservices:\n  backend:\n    <<: *l\n    ${image}\n`,
      errors: [{ line: 2, column: 15, endColumn: 17 }],
    },
  ],
});
