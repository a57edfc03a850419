import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lint } from '../../src/lint.js';
import { parallelLint } from '../../src/parallel/index.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { bothWays, canonical, threaded } from './helpers.js';
import { fixtureStack, STACK_TARGETS } from './fixture-stack.js';

/** A threaded lint gives what one call gives: findings, suppressed findings, files and their order of findings. */

describe('the fixture stack', () => {
  const dir = fixtureStack();

  it('gives the same result in three threads as in one', async () => {
    const { serial, outcome } = await bothWays([...STACK_TARGETS], { cwd: dir }, 3);
    const result = threaded(outcome);
    expect(canonical(result)).toEqual(canonical(serial));
    // The prod project of a/ and the dev project of f/ were linted by different threads: the file they
    // both include gets the prod finding's severity, and the suppression only the prod project needs.
    const shared = (r: typeof serial) => r.findings.filter((f) => f.file === 'common.yml').map((f) => `${f.severity} ${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);
    expect(shared(result)).toContain('error 3:3 compose/no-new-privileges');
    const devOnly = await lint(['f/docker-compose.dev.yml'], { cwd: dir });
    expect(shared(devOnly)).toContain('warning 3:3 compose/no-new-privileges');
    expect(result.suppressed!.map((s) => `${s.finding.file} ${s.finding.range.start.line}:${s.finding.range.start.column} ${s.finding.ruleId} by ${s.suppression.range.start.line}:${s.suppression.range.start.column}`)).toEqual([
      'b/compose.prod.yml 5:9 compose/ingress-only-ports by 4:9',
      'common.yml 3:3 compose/healthcheck by 2:5',
    ]);
  });

  it('lists every file once, the files of each share in the order its thread read them', async () => {
    const { outcome } = await bothWays([...STACK_TARGETS], { cwd: dir }, 3);
    // Shares: a/ to c/; d/, e/ and g/; h/, broken/ and f/. Each lists its config files first, as one call does.
    expect(threaded(outcome).files.map((f) => f.file)).toEqual([
      'a/.env', 'a/docker-compose.yml', 'common.yml', 'a/docker-compose.override.yml', 'b/.env', 'b/compose.yaml', 'b/compose.prod.yml', 'c/docker-compose.yml', 'c/nginx.conf',
      'd/nginx.conf', 'e/x/compose.yaml', 'e/y/docker-compose.yml', 'g/one/compose.yml', 'g/two/compose.yml',
      'h/docker-compose.yml', 'h/docker-compose.ci.yml', 'broken/docker-compose.yml', 'f/docker-compose.dev.yml',
    ]);
  });

  it('counts the projects of every thread for a progress display', async () => {
    const calls = (into: string[]) => (done: number, total: number) => into.push(`${done}/${total}`);
    const serial: string[] = [];
    await lint([...STACK_TARGETS], { cwd: dir, onProgress: calls(serial) });
    const threads: string[] = [];
    threaded(await parallelLint([...STACK_TARGETS], { cwd: dir, concurrency: 3, onProgress: calls(threads) }, lint, { headStart: 0 }));
    // Each thread reports as it goes; the last call says that all of them are done.
    expect(serial.at(-1)).toBe('13/13');
    expect(threads.at(-1)).toBe('13/13');
    expect(threads.map((call) => Number(call.split('/')[0]))).toEqual([...Array(threads.length).keys()].map((i) => i + 1));
  });

  it('passes a subset of the built-in rules by id', async () => {
    const some = rules.filter((r) => ['compose/no-new-privileges', 'compose/healthcheck', 'nginx/server-tokens-off'].includes(r.meta.id));
    const { serial, outcome } = await bothWays([...STACK_TARGETS], { cwd: dir, rules: some }, 2);
    expect(canonical(threaded(outcome))).toEqual(canonical(serial));
    expect(new Set(serial.findings.map((f) => f.ruleId))).toEqual(new Set(['compose/no-new-privileges', 'compose/healthcheck', 'nginx/server-tokens-off', 'core/overlay', 'core/yaml']));
  });
});

describe('a slice of the shared corpus', () => {
  const corpus = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus');
  // 150 files in 96 folders: base and override pairs (dogvscat's stack-elk, DefectDojo's overrides,
  // udemy's swarm-stack-3), includes and extends across folders (compose-go's and compose's test data).
  const FOLDERS: [string, number][] = [
    ['BretFisher__dogvscat/', 17],
    ['BretFisher__udemy-docker-mastery/', 25],
    ['DefectDojo__django-DefectDojo/', 7],
    ['compose-spec__compose-go/', 40],
    ['jaegertracing__jaeger/', 21],
    ['docker__compose/pkg/e2e/testdata/', 40],
  ];
  const manifest = readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n').slice(1).map((row) => row.split('\t'));
  const files = FOLDERS.flatMap(([prefix, count]) => manifest.filter(([file, kind]) => kind === 'compose' && file!.startsWith(prefix)).slice(0, count).map(([file]) => file!));

  it('gives the same result in two threads as in one', async () => {
    expect(files).toHaveLength(150);
    expect(new Set(files.map((f) => path.dirname(f))).size).toBe(96);
    const { serial, outcome } = await bothWays(files, { cwd: corpus, useConfig: false }, 2);
    expect(canonical(threaded(outcome))).toEqual(canonical(serial));
    expect(serial.findings.length).toBeGreaterThan(1000);
    // An override linted over its base, and a file read through an include, are in the result.
    expect(serial.findings.some((f) => f.ruleId === 'core/overlay')).toBe(true);
    expect(serial.files.length).toBeGreaterThan(files.length);
  });
});
