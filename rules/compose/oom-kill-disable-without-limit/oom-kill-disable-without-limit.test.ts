import { describe, expect, it } from 'vitest';
import { fixtureTests, ruleTester, runRule } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

/** A one-service file: `postgres` with the given lines under it. */
const postgres = (...lines: string[]) => `services:\n  postgres:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const image = 'image: postgres:16-alpine';
const noLimit = 'service "postgres" sets "oom_kill_disable: true" without a memory limit; when memory runs out the kernel kills processes outside the container';

ruleTester(rule, {
  valid: [
    { name: 'not set', code: postgres(image) },
    { name: 'false', code: postgres(image, 'oom_kill_disable: false') },
    { name: '"false"', code: postgres(image, 'oom_kill_disable: "false"') },
    { name: 'with mem_limit', code: postgres(image, 'mem_limit: 1g', 'oom_kill_disable: true') },
    { name: 'with a deploy memory limit', code: postgres(image, 'oom_kill_disable: true', 'deploy:', '  resources:', '    limits:', '      memory: 1G') },
    { name: 'with a memory limit from a default', code: postgres(image, 'mem_limit: ${PG_MEM:-1g}', 'oom_kill_disable: true') },
    { name: 'an unset variable gives "", not true', code: postgres(image, 'oom_kill_disable: ${PG_OOM}') },
    { name: 'with a memory limit in a dev file', filename: 'docker-compose.dev.yml', code: postgres(image, 'mem_limit: 1g', 'oom_kill_disable: true') },
  ],
  invalid: [
    { name: 'true without a limit', code: postgres(image, 'oom_kill_disable: true'), errors: [{ line: 4, column: 23, endLine: 4, endColumn: 27, severity: 'error', message: noLimit }] },
    { name: '"true" without a limit', code: postgres(image, 'oom_kill_disable: "true"'), errors: [{ line: 4, column: 24, endColumn: 28, message: noLimit }] },
    { name: 'yes, the YAML 1.1 word Compose still takes', code: postgres(image, 'oom_kill_disable: "yes"'), errors: [{ line: 4, column: 24, endColumn: 27 }] },
    { name: 'from a default', code: postgres(image, 'oom_kill_disable: ${PG_OOM:-true}'), errors: [{ line: 4, column: 33, endColumn: 37 }] },
    { name: 'a reservation is not a limit', code: postgres(image, 'oom_kill_disable: true', 'deploy:', '  resources:', '    reservations:', '      memory: 1G'), errors: [{ line: 4, column: 23 }] },
    {
      name: 'mem_limit: 0 is no limit',
      code: postgres(image, 'mem_limit: 0', 'oom_kill_disable: true'),
      errors: [
        {
          line: 5,
          column: 23,
          endColumn: 27,
          message: 'service "postgres" sets "oom_kill_disable: true" and "mem_limit: 0", which means no memory limit; when memory runs out the kernel kills processes outside the container',
        },
      ],
    },
    { name: 'reported in dev files too, as an error', filename: 'docker-compose.dev.yml', code: postgres(image, 'oom_kill_disable: true'), errors: [{ line: 4, column: 23, severity: 'error' }] },
    { name: 'and in test files', filename: 'docker-compose.ci.yml', code: postgres(image, 'oom_kill_disable: true'), errors: [{ line: 4, column: 23, severity: 'error' }] },
  ],
});

describe('compose/oom-kill-disable-without-limit: details', () => {
  it('points at the switched-off memory limit as a related location', () => {
    const [finding] = runRule(rule, postgres(image, 'mem_limit: -1', 'oom_kill_disable: true'));
    expect(finding?.related.map((r) => `${r.message} ${r.range.start.line}:${r.range.start.column}-${r.range.end.column}`)).toEqual(['this memory limit is switched off 4:16-18']);
  });
});
