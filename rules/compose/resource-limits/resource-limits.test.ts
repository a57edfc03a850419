import { describe, expect, it } from 'vitest';
import { fixtureTests, ruleTester, runRule } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

/** A one-service file: `backend` with the given lines under it, after an optional top-level `version:`. */
const backend = (...lines: string[]) => `services:\n  backend:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const image = 'image: escashop/backend:1.0.0';
/** `deploy.resources.limits` with the given entries. */
const deployLimits = (...entries: string[]) => ['deploy:', '  resources:', '    limits:', ...entries.map((e) => `      ${e}`)];

ruleTester(rule, {
  valid: [
    { name: 'deploy limits, as the origin notes set them', code: backend(image, ...deployLimits('memory: 2G', "cpus: '1.0'")) },
    { name: 'deploy limits under version: 3.8', code: `version: "3.8"\n${backend(image, ...deployLimits('memory: 512M', 'cpus: 0.5'))}` },
    { name: 'mem_limit and cpus', code: backend(image, 'mem_limit: 512m', 'cpus: 0.5') },
    { name: 'mem_limit and cpus under version: 2.4', code: `version: "2.4"\n${backend(image, 'mem_limit: 1g', 'cpus: 2')}` },
    { name: 'cpu_quota is a CPU limit', code: backend(image, 'mem_limit: 1073741824', 'cpu_quota: 50000') },
    { name: 'one limit per place', code: backend(image, 'cpus: "1.5"', ...deployLimits('memory: 1.5G')) },
    { name: 'values from defaults', code: backend(image, 'mem_limit: ${MEM_LIMIT:-1g}', 'cpus: ${CPUS:-0.5}') },
    { name: 'values from unset variables are decided at deploy time', code: backend(image, ...deployLimits('memory: ${MEMORY}', 'cpus: ${CPUS}')) },
    {
      name: 'limits through a merge key',
      code: `x-limits: &limits\n  deploy:\n    resources:\n      limits:\n        memory: 256M\n        cpus: "0.25"\nservices:\n  backend:\n    <<: *limits\n    ${image}\n`,
    },
    {
      name: 'a deploy mapping through an alias',
      code: `x-deploy: &deploy\n  resources:\n    limits:\n      memory: 256M\n      cpus: "0.25"\nservices:\n  backend:\n    ${image}\n    deploy: *deploy\n`,
    },
    { name: 'not checked in dev files', filename: 'docker-compose.dev.yml', code: backend(image) },
    { name: 'not checked in test files', filename: 'docker-compose.test.yml', code: backend(image, 'mem_limit: 0') },
    { name: 'exemptServices: a service named by the option', options: { exemptServices: ['backend'] }, code: backend(image) },
  ],
  invalid: [
    {
      name: 'no limit at all',
      code: backend(image),
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 10, message: 'service "backend" has no memory or CPU limit', severity: 'error' }],
    },
    {
      name: 'no limit at all, with version: 3.8',
      code: `version: "3.8"\n${backend(image)}`,
      errors: [{ line: 3, column: 3, endColumn: 10, message: 'service "backend" has no memory or CPU limit' }],
    },
    {
      name: 'reservations are not limits',
      code: backend(image, 'deploy:', '  resources:', '    reservations:', '      memory: 1G', "      cpus: '0.5'"),
      errors: [{ line: 2, column: 3, message: 'service "backend" has no memory or CPU limit' }],
    },
    { name: 'memory only', code: backend(image, ...deployLimits('memory: 2G')), errors: [{ line: 2, column: 3, endColumn: 10, message: 'service "backend" has no CPU limit' }] },
    { name: 'cpus only', code: backend(image, 'cpus: 0.5'), errors: [{ line: 2, column: 3, endColumn: 10, message: 'service "backend" has no memory limit' }] },
    {
      name: 'cpu_shares is a priority, not a limit',
      code: backend(image, 'mem_limit: 512m', 'cpu_shares: 512'),
      errors: [{ line: 2, column: 3, message: 'service "backend" has no CPU limit' }],
    },
    {
      name: 'memory only, version: 2.4',
      code: `version: "2.4"\n${backend(image, 'mem_limit: 512m')}`,
      errors: [{ line: 3, column: 3, message: 'service "backend" has no CPU limit' }],
    },
    {
      name: 'mem_limit: 0',
      code: backend(image, 'mem_limit: 0', 'cpus: 1'),
      errors: [{ line: 4, column: 16, endLine: 4, endColumn: 17, message: 'service "backend" sets "mem_limit: 0", which means no memory limit' }],
    },
    { name: 'mem_limit: -1', code: backend(image, 'mem_limit: -1', 'cpus: 1'), errors: [{ line: 4, column: 16, endColumn: 18, message: 'service "backend" sets "mem_limit: -1", which means no memory limit' }] },
    { name: 'mem_limit: "0"', code: backend(image, 'mem_limit: "0"', 'cpus: 1'), errors: [{ line: 4, column: 17, endColumn: 18 }] },
    {
      name: 'deploy memory "0"',
      code: backend(image, ...deployLimits('memory: "0"', 'cpus: "1.0"')),
      errors: [{ line: 7, column: 20, endColumn: 21, message: 'service "backend" sets "deploy.resources.limits.memory: 0", which means no memory limit' }],
    },
    { name: 'deploy memory 0m', code: backend(image, ...deployLimits('memory: 0m', 'cpus: "1.0"')), errors: [{ line: 7, column: 19, endColumn: 21 }] },
    { name: 'cpus: 0', code: backend(image, 'mem_limit: 1g', 'cpus: 0'), errors: [{ line: 5, column: 11, endColumn: 12, message: 'service "backend" sets "cpus: 0", which means no CPU limit' }] },
    { name: 'cpus: "0.0"', code: backend(image, 'mem_limit: 1g', 'cpus: "0.0"'), errors: [{ line: 5, column: 12, endColumn: 15, message: 'service "backend" sets "cpus: 0.0", which means no CPU limit' }] },
    {
      name: 'deploy cpus: 0',
      code: backend(image, ...deployLimits('memory: 1G', 'cpus: 0')),
      errors: [{ line: 8, column: 17, endColumn: 18, message: 'service "backend" sets "deploy.resources.limits.cpus: 0", which means no CPU limit' }],
    },
    { name: 'cpu_quota: -1', code: backend(image, 'mem_limit: 1g', 'cpu_quota: -1'), errors: [{ line: 5, column: 16, endColumn: 18, message: 'service "backend" sets "cpu_quota: -1", which means no CPU limit' }] },
    {
      name: 'a default of 0, variable unset: the default is the range',
      code: backend(image, 'mem_limit: ${MEM_LIMIT:-0}', 'cpus: 1'),
      errors: [{ line: 4, column: 29, endColumn: 30, message: 'service "backend" sets "mem_limit: 0", which means no memory limit' }],
    },
    {
      name: 'no memory limit and a CPU limit switched off: two findings',
      code: backend(image, 'cpus: 0'),
      errors: [
        { line: 2, column: 3, message: 'service "backend" has no memory limit' },
        { line: 4, column: 11, endColumn: 12, message: 'service "backend" sets "cpus: 0", which means no CPU limit' },
      ],
    },
    {
      name: 'a switched-off limit through a merge key points at the anchored value',
      code: `x-limits: &limits\n  deploy:\n    resources:\n      limits:\n        memory: "0"\n        cpus: "0.5"\nservices:\n  backend:\n    <<: *limits\n    ${image}\n`,
      errors: [{ line: 5, column: 18, endColumn: 19, message: 'service "backend" sets "deploy.resources.limits.memory: 0", which means no memory limit' }],
    },
    {
      name: 'a local deploy: replaces the merged one (merge keys are shallow)',
      code: `x-limits: &limits\n  deploy:\n    resources:\n      limits:\n        memory: 256M\n        cpus: "0.25"\nservices:\n  backend:\n    <<: *limits\n    ${image}\n    deploy:\n      replicas: 2\n`,
      errors: [{ line: 8, column: 3, endColumn: 10, message: 'service "backend" has no memory or CPU limit' }],
    },
    {
      name: 'exemptServices leaves other services reported',
      options: { exemptServices: ['db-*'] },
      code: `${backend(image)}  db-backup:\n    ${image}\n`,
      errors: [{ line: 2, column: 3, endColumn: 10, message: 'service "backend" has no memory or CPU limit' }],
    },
  ],
});

describe('compose/resource-limits: details', () => {
  it('names the alias that pulled a switched-off limit in as a related location', () => {
    const code = `x-limits: &limits\n  mem_limit: 0\n  cpus: 1\nservices:\n  backend:\n    <<: *limits\n    ${image}\n`;
    const [finding] = runRule(rule, code);
    expect(finding?.range.start).toEqual({ line: 2, column: 14 });
    expect(finding?.related.map((r) => `${r.message} ${r.range.start.line}:${r.range.start.column}`)).toEqual(['pulled in through this alias 6:9']);
  });
});
