import { describe, expect, it } from 'vitest';
import { fixtureTests, ruleTester, runRule } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

/** Services, each `name: volumes item`, and the top-level volume `media`. */
const stack = (...services: [string, string][]) =>
  `services:\n${services.map(([name, item]) => `  ${name}:\n    image: example/${name}:1.0.0\n    volumes:\n      - ${item}\n`).join('')}volumes:\n  media:\n`;
const WHY = 'each can change or corrupt files the others rely on (mount it ":ro" where a service only reads it)';

ruleTester(rule, {
  valid: [
    { name: 'one writer, one read-only reader', code: stack(['api', 'media:/app/media'], ['nginx', 'media:/usr/share/nginx/html/media:ro']) },
    { name: 'read_only in long syntax', code: stack(['api', 'media:/app/media'], ['nginx', '{ type: volume, source: media, target: /srv/media, read_only: true }']) },
    { name: 'the same bind mount twice', code: stack(['api', './media:/app/media'], ['worker', './media:/app/media']) },
    { name: 'anonymous volumes', code: stack(['api', '/app/node_modules'], ['worker', '/app/node_modules']) },
    { name: 'tmpfs', code: stack(['api', '{ type: tmpfs, target: /tmp }'], ['worker', '{ type: tmpfs, target: /tmp }']) },
    { name: 'one service mounting the volume twice', code: 'services:\n  api:\n    image: example/api:1.0.0\n    volumes: ["media:/a", "media:/b"]\nvolumes:\n  media:\n' },
    {
      name: 'a one-shot job that fills the volume before the server starts',
      code:
        'services:\n  collectstatic:\n    image: example/api:1.0.0\n    volumes: ["media:/app/static"]\n  api:\n    image: example/api:1.0.0\n    depends_on:\n      collectstatic:\n        condition: service_completed_successfully\n    volumes: ["media:/app/static"]\nvolumes:\n  media:\n',
    },
  ],
  invalid: [
    {
      name: 'two writers: the second, at its volume name',
      code: stack(['api', 'media:/app/media'], ['worker', 'media:/app/media']),
      errors: [{ line: 9, column: 9, endColumn: 14, severity: 'info', message: `service "worker" mounts volume "media" read-write, as service "api" does; ${WHY}` }],
    },
    {
      name: 'three writers: one finding per extra writer',
      code: stack(['api', 'media:/app/media'], ['worker', 'media:/app/media:rw'], ['nginx', 'media:/srv/media:z']),
      errors: [
        { line: 9, column: 9, endColumn: 14, message: `service "worker" mounts volume "media" read-write, as services "api" and "nginx" do; ${WHY}` },
        { line: 13, column: 9, endColumn: 14, message: `service "nginx" mounts volume "media" read-write, as services "api" and "worker" do; ${WHY}` },
      ],
    },
    { name: 'long syntax, at the source', code: stack(['api', 'media:/app/media'], ['worker', '{ type: volume, source: media, target: /srv }']), errors: [{ line: 9, column: 33, endColumn: 38 }] },
    { name: 'info in a dev file too', filename: 'docker-compose.dev.yml', code: stack(['api', 'media:/app/media'], ['worker', 'media:/app/media']), errors: [{ line: 9, column: 9, severity: 'info' }] },
    {
      name: 'services sharing one anchored mount get one finding there',
      code:
        'x-media: &media media:/app/media\nservices:\n  api:\n    image: example/api:1.0.0\n    volumes: ["media:/app/media"]\n  worker:\n    image: example/api:1.0.0\n    volumes: [*media]\n  beat:\n    image: example/api:1.0.0\n    volumes: [*media]\nvolumes:\n  media:\n',
      errors: [{ line: 1, column: 17, endColumn: 22, message: `services "worker" and "beat" mount volume "media" read-write, as service "api" does; ${WHY}` }],
    },
  ],
});

describe('compose/shared-volume-between-services: related locations', () => {
  it('points at every other writer', () => {
    const [finding, ...rest] = runRule(rule, stack(['api', 'media:/app/media'], ['worker', 'media:/app/media'], ['nginx', 'media:/srv/media']));
    expect(rest).toHaveLength(1);
    expect(finding?.related.map((r) => `${r.message} ${r.range.start.line}:${r.range.start.column}-${r.range.end.column}`)).toEqual([
      'also mounted read-write by service "api" 5:9-14',
      'also mounted read-write by service "nginx" 13:9-14',
    ]);
  });
});
