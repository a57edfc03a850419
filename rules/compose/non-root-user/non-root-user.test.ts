import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImage } from '../../../src/engine/api.js';
import { lintSource } from '../../../src/lint.js';
import { fixtureTests, ruleTester, runRule } from '../../../test/rule-tester.js';
import rule, { runsAsNonRootByDefault } from './index.js';

fixtureTests(rule, import.meta.dirname);

/** A one-service file: `backend` with the given lines under it. */
const backend = (...lines: string[]) => `services:\n  backend:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const image = 'image: escashop/backend:1.0.0';
const missing = 'service "backend" does not set "user:"; it runs as the image\'s default user, which is root for most images';

ruleTester(rule, {
  valid: [
    { name: 'a user name', code: backend(image, 'user: node') },
    { name: 'uid:gid, quoted', code: backend(image, 'user: "1000:1000"') },
    { name: 'uid:gid, plain', code: backend(image, 'user: 2002:2001') },
    { name: 'a non-root user in the root group', code: backend(image, 'user: unit:root') },
    { name: 'a non-root uid with gid 0', code: backend(image, 'user: "1000:0"') },
    { name: 'a name that only starts with root', code: backend(image, 'user: rootless') },
    { name: 'a default that is not root', code: backend(image, 'user: "${APP_USER:-node}"') },
    { name: 'variables left unset are decided at deploy time', code: backend(image, 'user: ${UID}:${GID}') },
    { name: 'nginx-unprivileged', code: backend('image: nginxinc/nginx-unprivileged:1.27-alpine') },
    { name: 'a Bitnami image, through docker.io', code: backend('image: docker.io/bitnami/redis:7.2') },
    { name: 'a Bitnami image pinned by digest', code: backend('image: bitnami/postgresql@sha256:0123456789abcdef') },
    { name: 'distroless nonroot', code: backend('image: gcr.io/distroless/nodejs20-debian12:nonroot') },
    { name: 'distroless debug-nonroot', code: backend('image: gcr.io/distroless/static-debian12:debug-nonroot') },
    { name: 'a Chainguard image', code: backend('image: cgr.dev/chainguard/nginx:latest') },
    { name: 'a Chainguard image without a tag', code: backend('image: cgr.dev/chainguard/static') },
    { name: 'prometheus', code: backend('image: prom/prometheus:v2.53.0') },
    { name: 'not checked in dev files', filename: 'docker-compose.dev.yml', code: backend(image, 'user: root') },
    { name: 'not checked in override files', filename: 'compose.override.yaml', code: backend(image) },
    { name: 'not checked in test files', filename: 'docker-compose.ci.yml', code: backend(image) },
    { name: 'exemptServices: a service named by the option', options: { exemptServices: ['BACKEND'] }, code: backend(image, 'user: root') },
  ],
  invalid: [
    {
      name: 'no user: points at the service name',
      code: backend(image),
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 10, message: missing, severity: 'error' }],
    },
    {
      name: 'a build-only service has no known image',
      code: 'services:\n  worker:\n    build: .\n',
      errors: [{ line: 2, column: 3, endColumn: 9 }],
    },
    { name: 'the official nginx image runs as root', code: backend('image: nginx:1.27'), errors: [{ line: 2, column: 3, endColumn: 10, message: missing }] },
    { name: 'bitnami/minideb is a base image that runs as root', code: backend('image: bitnami/minideb:bookworm'), errors: [{ line: 2, column: 3 }] },
    { name: 'distroless without a nonroot tag', code: backend('image: gcr.io/distroless/static-debian12'), errors: [{ line: 2, column: 3 }] },
    { name: 'distroless debug', code: backend('image: gcr.io/distroless/static-debian12:debug'), errors: [{ line: 2, column: 3 }] },
    { name: 'a Chainguard -dev tag', code: backend('image: cgr.dev/chainguard/python:latest-dev'), errors: [{ line: 2, column: 3 }] },
    { name: 'Chainguard wolfi-base', code: backend('image: cgr.dev/chainguard/wolfi-base'), errors: [{ line: 2, column: 3 }] },
    {
      name: 'user: root',
      code: backend(image, 'user: root'),
      errors: [{ line: 4, column: 11, endLine: 4, endColumn: 15, message: 'service "backend" runs as root ("user: root")', severity: 'error' }],
    },
    { name: 'user: 0:0, plain', code: backend(image, 'user: 0:0'), errors: [{ line: 4, column: 11, endColumn: 14, message: 'service "backend" runs as root ("user: 0:0")' }] },
    { name: 'user: "0:0", quoted', code: backend(image, 'user: "0:0"'), errors: [{ line: 4, column: 12, endColumn: 15, message: 'service "backend" runs as root ("user: 0:0")' }] },
    { name: 'root:root', code: backend(image, 'user: root:root'), errors: [{ line: 4, column: 11, endColumn: 20, message: 'service "backend" runs as root ("user: root:root")' }] },
    { name: 'uid 0 with another group', code: backend(image, 'user: "0:1000"'), errors: [{ line: 4, column: 12, endColumn: 18 }] },
    { name: 'uid 000', code: backend(image, "user: '000'"), errors: [{ line: 4, column: 12, endColumn: 15 }] },
    {
      name: 'surrounding whitespace: the range is the word',
      code: backend(image, 'user: " root "'),
      errors: [{ line: 4, column: 13, endColumn: 17, message: 'service "backend" runs as root ("user: root")' }],
    },
    {
      name: 'a default of root, variable unset: the default is the range',
      code: backend(image, 'user: ${APP_USER:-root}'),
      errors: [{ line: 4, column: 23, endColumn: 27, message: 'service "backend" runs as root ("user: root")' }],
    },
    { name: 'a default of 0', code: backend(image, 'user: ${APP_USER:-0}'), errors: [{ line: 4, column: 23, endColumn: 24 }] },
    {
      name: 'defaults for user and group: from the first default to the last',
      code: backend(image, 'user: "${APP_USER:-root}:${APP_GROUP:-root}"'),
      errors: [{ line: 4, column: 24, endColumn: 47, message: 'service "backend" runs as root ("user: root:root")' }],
    },
    {
      name: 'user: "" runs as the image default',
      code: backend(image, 'user: ""'),
      errors: [{ line: 4, column: 11, endColumn: 13, message: 'service "backend" sets an empty "user:"; it runs as the image\'s default user, which is root for most images' }],
    },
    {
      name: 'root through a merge key points at the anchored value',
      code: 'x-run-as: &run-as\n  user: root\nservices:\n  backend:\n    <<: *run-as\n    image: escashop/backend:1.0.0\n',
      errors: [{ line: 2, column: 9, endColumn: 13, message: 'service "backend" runs as root ("user: root")' }],
    },
    {
      name: 'one finding per service',
      code: 'services:\n  frontend:\n    image: nginxinc/nginx-unprivileged:1.27\n  backend:\n    image: escashop/backend:1.0.0\n  worker:\n    image: escashop/worker:1.0.0\n    user: node\n',
      errors: [{ line: 4, column: 3, endColumn: 10, message: missing }],
    },
    {
      name: 'exemptServices leaves other services reported',
      options: { exemptServices: ['backend-*'] },
      code: backend(image),
      errors: [{ line: 2, column: 3, endColumn: 10, message: missing }],
    },
  ],
});

describe('compose/non-root-user: details', () => {
  it('judges a number as YAML wrote it (user: 0), even though the schema wants a string', () => {
    const code = backend(image, 'user: 0');
    const findings = lintSource({ name: 'docker-compose.yml', absPath: path.resolve('docker-compose.yml'), text: code }, [rule]);
    expect(findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}-${f.range.end.column}`)).toEqual([
      'compose/non-root-user 4:11-12',
      'core/schema 4:11-12',
    ]);
    expect(findings[0]!.message).toBe('service "backend" runs as root ("user: 0")');
  });

  it('names the alias that pulled a root user in as a related location', () => {
    const code = 'x-run-as: &run-as\n  user: "0:0"\nservices:\n  api:\n    <<: *run-as\n    image: escashop/backend:1.0.0\n';
    const [finding] = runRule(rule, code);
    expect(finding?.related.map((r) => `${r.message} ${r.range.start.line}:${r.range.start.column}`)).toEqual(['pulled in through this alias 5:9']);
  });

  it('reads image references whole: registry, tag and digest', () => {
    const known = (ref: string) => runsAsNonRootByDefault(parseImage(ref));
    expect(known('nginxinc/nginx-unprivileged')).toBe(true);
    expect(known('index.docker.io/nginxinc/nginx-unprivileged:stable@sha256:00')).toBe(true);
    expect(known('registry.example.com/nginxinc/nginx-unprivileged:1.27')).toBe(false);
    expect(known('bitnami/git:2.45')).toBe(false);
    expect(known('gcr.io/distroless/base-debian12:nonroot-amd64')).toBe(true);
    expect(known('gcr.io/distroless/base-debian12:latest')).toBe(false);
    expect(known('cgr.dev/chainguard/node:latest')).toBe(true);
    expect(known('cgr.dev/chainguard/node:dev')).toBe(false);
    expect(known('mybitnami/redis:7')).toBe(false);
    expect(known('confluentinc/cp-kafka:7.8.0')).toBe(true);
    expect(known('confluentinc/cp-kafka:5.5.1')).toBe(false);
    expect(known('confluentinc/ksqldb-server:0.29.0')).toBe(false);
    expect(known('docker.elastic.co/elasticsearch/elasticsearch:8.15.2')).toBe(true);
    expect(known('elasticsearch:6.8.23')).toBe(false);
    expect(known('kibana:10.0.0')).toBe(true);
    expect(known('ghcr.io/kafbat/kafka-ui:latest')).toBe(true);
    expect(runsAsNonRootByDefault(undefined)).toBe(false);
  });
});
