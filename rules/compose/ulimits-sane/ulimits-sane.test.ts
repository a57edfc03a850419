import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

/** A one-service file: `search` with the given lines under it. */
const search = (...lines: string[]) => `services:\n  search:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const image = 'image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0';
const memlock = ['ulimits:', '  memlock:', '    soft: -1', '    hard: -1'];

ruleTester(rule, {
  valid: [
    { name: 'no ulimits', code: search(image) },
    { name: 'a single finite value', code: search(image, 'ulimits:', '  nofile: 65536') },
    { name: 'soft below hard', code: search(image, 'ulimits:', '  nofile:', '    soft: 1024', '    hard: 65536') },
    { name: 'zero is a limit, not unlimited', code: search(image, 'ulimits:', '  core: 0') },
    { name: 'memlock unlimited under mem_limit', code: search(image, 'mem_limit: 2g', ...memlock) },
    { name: 'memlock unlimited under a deploy memory limit', code: search(image, 'deploy:', '  resources:', '    limits:', '      memory: 2G', ...memlock) },
    { name: 'an unset variable is decided at deploy time', code: search(image, 'ulimits:', '  nproc: ${NPROC}') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: search(image, 'ulimits:', '  nproc: -1') },
  ],
  invalid: [
    {
      name: 'memlock unlimited without a memory limit',
      code: search(image, ...memlock),
      errors: [
        {
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 17,
          severity: 'info',
          message: "service \"search\" sets ulimit memlock to -1, which means unlimited, and has no memory limit; the container may lock all of the host's memory",
        },
      ],
    },
    { name: 'memlock unlimited with mem_limit: 0', code: search(image, 'mem_limit: 0', ...memlock), errors: [{ line: 7, column: 15 }] },
    { name: 'a single -1', code: search(image, 'ulimits:', '  nproc: -1'), errors: [{ line: 5, column: 14, endColumn: 16, message: 'service "search" sets ulimit nproc to -1, which means unlimited' }] },
    { name: 'a quoted -1', code: search(image, 'ulimits:', '  nproc: "-1"'), errors: [{ line: 5, column: 15, endColumn: 17 }] },
    { name: 'hard unlimited lets the soft limit be raised', code: search(image, 'ulimits:', '  stack:', '    soft: 8192', '    hard: -1'), errors: [{ line: 7, column: 15, endColumn: 17 }] },
    { name: 'from a default', code: search(image, 'ulimits:', '  nproc: ${NPROC:--1}'), errors: [{ line: 5, column: 23, endColumn: 25 }] },
    {
      name: 'soft above hard',
      code: search(image, 'ulimits:', '  nofile:', '    soft: 65536', '    hard: 1024'),
      errors: [{ line: 6, column: 15, endColumn: 20, message: 'service "search" sets ulimit nofile with a soft limit above its hard limit; the container does not start' }],
    },
    {
      name: 'through a merge key, at the anchored value',
      code: `x-u: &u\n  ulimits:\n    nproc: -1\nservices:\n  search:\n    <<: *u\n    ${image}\n`,
      errors: [{ line: 3, column: 12, endColumn: 14 }],
    },
  ],
});
