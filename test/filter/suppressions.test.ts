import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/engine/rule.js';
import type { Finding } from '../../src/findings/finding.js';
import { lint, type LintOptions } from '../../src/lint.js';
import { hostProject, rangeOf } from '../host-project.js';
import healthcheck from '../../rules/compose/healthcheck/index.js';
import noPrivileged from '../../rules/compose/no-privileged/index.js';
import serverTokens from '../../rules/nginx/server-tokens-off/index.js';
import protectedMode from '../../rules/redis/protected-mode/index.js';
import scram from '../../rules/postgres/password-encryption-scram/index.js';
import hbaNoTrust from '../../rules/postgres/hba-no-trust/index.js';

const line = (f: Finding) => `${f.file} ${rangeOf(f)} ${f.severity} ${f.ruleId} ${f.message}`;

/** Lints a temporary project as a directory with the given rules; findings and suppressed findings, one line each. */
async function run(files: Record<string, string>, rules: readonly Rule[], options: LintOptions = {}) {
  const dir = hostProject({ files });
  const result = await lint([dir], { cwd: dir, rules, useConfig: false, ...options });
  return {
    findings: result.findings.map(line),
    suppressed: (result.suppressed ?? []).map(({ finding, suppression }) => {
      const at = `${suppression.file}:${suppression.range.start.line}:${suppression.range.start.column}`;
      return `${finding.ruleId} ${finding.file}:${finding.range.start.line} by ${suppression.directive} at ${at}${suppression.justification === undefined ? '' : ` (${suppression.justification})`}`;
    }),
  };
}

const JOB = ['    image: example/job:1.0', '    restart: "no"'].join('\n');

describe('suppressions line up with where findings are reported', () => {
  it('compose: a directive above the service key suppresses a finding about what the service lacks', async () => {
    const compose = [
      'services:',
      '  # escashop-lint-disable-next-line compose/healthcheck -- a one-shot job, nothing to probe',
      '  migrate:',
      JOB,
      '  worker:',
      JOB,
      '',
    ].join('\n');
    const result = await run({ 'compose.yaml': compose }, [healthcheck]);
    expect(result.suppressed).toEqual(['compose/healthcheck compose.yaml:3 by escashop-lint-disable-next-line at compose.yaml:2:5 (a one-shot job, nothing to probe)']);
    expect(result.findings).toEqual(['compose.yaml 6:3-6:9 warning compose/healthcheck service "worker" has no healthcheck']);
  });
});

describe('suppressions end to end', () => {
  it('compose: disable-line on the key, and disable-file for one rule', async () => {
    const lineDirective = ['services:', '  migrate: # escashop-lint-disable-line compose/healthcheck', JOB, ''].join('\n');
    expect((await run({ 'compose.yaml': lineDirective }, [healthcheck])).suppressed).toEqual([
      'compose/healthcheck compose.yaml:2 by escashop-lint-disable-line at compose.yaml:2:14',
    ]);
    const fileDirective = ['# escashop-lint-disable-file compose/healthcheck -- jobs only', 'services:', '  a:', JOB, '  b:', JOB, ''].join('\n');
    const result = await run({ 'compose.yaml': fileDirective }, [healthcheck]);
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toEqual([
      'compose/healthcheck compose.yaml:3 by escashop-lint-disable-file at compose.yaml:1:3 (jobs only)',
      'compose/healthcheck compose.yaml:6 by escashop-lint-disable-file at compose.yaml:1:3 (jobs only)',
    ]);
  });

  it('compose: a directive for another rule, or on another line, suppresses nothing', async () => {
    const compose = ['services:', '  # escashop-lint-disable-next-line compose/no-privileged', '  migrate:', JOB, '  # escashop-lint-disable-next-line compose/healthcheck', '', '  worker:', JOB, ''].join('\n');
    const result = await run({ 'compose.yaml': compose }, [healthcheck]);
    expect(result.suppressed).toEqual([]);
    expect(result.findings.map((f) => f.split(' ').slice(0, 4).join(' '))).toEqual(['compose.yaml 3:3-3:10 warning compose/healthcheck', 'compose.yaml 8:3-8:9 warning compose/healthcheck']);
  });

  it('compose: disable … enable ranges', async () => {
    const compose = ['services:', '  # escashop-lint-disable compose/healthcheck', '  a:', JOB, '  # escashop-lint-enable compose/healthcheck', '  b:', JOB, ''].join('\n');
    const result = await run({ 'compose.yaml': compose }, [healthcheck]);
    expect(result.suppressed).toEqual(['compose/healthcheck compose.yaml:3 by escashop-lint-disable at compose.yaml:2:5']);
    expect(result.findings.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['compose.yaml 7:3-7:4']);
  });

  it('extends: a finding in the base file is suppressed by a directive in the base file', async () => {
    const base = ['services:', '  job:', '    image: example/job:1.0', '    # escashop-lint-disable-next-line compose/no-privileged -- needs /dev/kvm', '    privileged: true', ''].join('\n');
    const compose = ['services:', '  migrate:', '    extends:', '      file: base.yml', '      service: job', '  other:', '    extends:', '      file: base.yml', '      service: job', ''].join('\n');
    const result = await run({ 'compose.yaml': compose, 'base.yml': base }, [noPrivileged]);
    expect(result.findings).toEqual([]);
    // Both services get privileged from the base: each one's finding is in base.yml, and suppressed there.
    const bySuppression = 'compose/no-privileged base.yml:5 by escashop-lint-disable-next-line at base.yml:4:7 (needs /dev/kvm)';
    expect(result.suppressed).toEqual([bySuppression, bySuppression]);
  });

  it('.env: a directive in the env file suppresses a finding in it', async () => {
    const env = ['# escashop-lint-disable-next-line core/env-file -- read by another tool', 'BAD NAME=1', 'ALSO BAD=2', ''].join('\n');
    const compose = ['services:', '  api:', '    image: example/api:1.0', ''].join('\n');
    const result = await run({ 'compose.yaml': compose, '.env': env }, []);
    expect(result.suppressed).toEqual(['core/env-file .env:2 by escashop-lint-disable-next-line at .env:1:3 (read by another tool)']);
    expect(result.findings).toEqual(['.env 3:1-3:9 error core/env-file invalid variable name: it contains a space']);
  });

  it('nginx: a directive in the config file suppresses the finding there', async () => {
    const nginx = ['events {}', 'http {', '    # escashop-lint-disable-next-line nginx/server-tokens-off -- internal status page', '    server_tokens on;', '}', ''].join('\n');
    const compose = ['services:', '  proxy:', '    image: nginx:1.27-alpine', '    volumes:', '      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro', ''].join('\n');
    const result = await run({ 'compose.yaml': compose, 'nginx/nginx.conf': nginx }, [serverTokens]);
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toEqual(['nginx/server-tokens-off nginx/nginx.conf:4 by escashop-lint-disable-next-line at nginx/nginx.conf:3:7 (internal status page)']);
  });

  it('nginx: a finding about what the config lacks, reported at the service key, is suppressed there', async () => {
    const compose = ['services:', '  # escashop-lint-disable-next-line nginx/server-tokens-off', '  proxy:', '    image: nginx:1.27-alpine', ''].join('\n');
    const result = await run({ 'compose.yaml': compose }, [serverTokens]);
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toEqual(['nginx/server-tokens-off compose.yaml:3 by escashop-lint-disable-next-line at compose.yaml:2:5']);
  });

  it('redis: a full-line comment directive', async () => {
    const redis = ['bind 0.0.0.0', '# escashop-lint-disable-next-line redis/protected-mode -- password set by the entrypoint', 'protected-mode no', ''].join('\n');
    const compose = ['services:', '  redis:', '    image: redis:7.2-alpine', '    command: redis-server /usr/local/etc/redis/redis.conf', '    volumes:', '      - ./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro', ''].join('\n');
    const result = await run({ 'compose.yaml': compose, 'redis/redis.conf': redis }, [protectedMode]);
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toEqual(['redis/protected-mode redis/redis.conf:3 by escashop-lint-disable-next-line at redis/redis.conf:2:3 (password set by the entrypoint)']);
  });

  it('postgresql.conf and pg_hba.conf: trailing directives', async () => {
    const conf = ["listen_addresses = '*'", "password_encryption = 'md5' # escashop-lint-disable-line postgres/password-encryption-scram -- old clients", ''].join('\n');
    const hba = ['local all all trust', 'host all all 127.0.0.1/32 trust # escashop-lint-disable-line postgres/hba-no-trust', 'host all all 172.28.0.0/16 trust', ''].join('\n');
    const compose = [
      'services:',
      '  db:',
      '    image: postgres:16-alpine',
      '    command: postgres -c config_file=/etc/postgresql/postgresql.conf -c hba_file=/etc/postgresql/pg_hba.conf',
      '    environment:',
      '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
      '    volumes:',
      '      - ./postgres/postgresql.conf:/etc/postgresql/postgresql.conf:ro',
      '      - ./postgres/pg_hba.conf:/etc/postgresql/pg_hba.conf:ro',
      '',
    ].join('\n');
    const result = await run({ 'compose.yaml': compose, 'postgres/postgresql.conf': conf, 'postgres/pg_hba.conf': hba }, [scram, hbaNoTrust]);
    expect(result.suppressed).toEqual([
      'postgres/hba-no-trust postgres/pg_hba.conf:2 by escashop-lint-disable-line at postgres/pg_hba.conf:2:35',
      'postgres/password-encryption-scram postgres/postgresql.conf:2 by escashop-lint-disable-line at postgres/postgresql.conf:2:31 (old clients)',
    ]);
    expect(result.findings.map((f) => f.split(' ').slice(0, 4).join(' '))).toEqual(['postgres/pg_hba.conf 3:28-3:33 error postgres/hba-no-trust']);
  });
});

describe('the directives\' own checks through lint()', () => {
  const NGINX_COMPOSE = ['services:', '  proxy:', '    image: nginx:1.27-alpine', '    volumes:', '      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro', ''].join('\n');

  it('an unknown rule in an nginx file is a core/directive error at the rule id; the rest of the list still applies', async () => {
    const nginx = ['events {}', 'http {', '    server_tokens on; # escashop-lint-disable-line nginx/server-token-off, nginx/server-tokens-off', '}', ''].join('\n');
    const result = await run({ 'compose.yaml': NGINX_COMPOSE, 'nginx/nginx.conf': nginx }, [serverTokens]);
    expect(result.findings).toEqual([
      'nginx/nginx.conf 3:52-3:74 error core/directive unknown rule "nginx/server-token-off" in escashop-lint-disable-line (did you mean "nginx/server-tokens-off"?)',
    ]);
    expect(result.suppressed).toEqual(['nginx/server-tokens-off nginx/nginx.conf:3 by escashop-lint-disable-line at nginx/nginx.conf:3:25']);
  });

  it('disable-file without rules suppresses every finding of the file but not the directive checks', async () => {
    const compose = ['# escashop-lint-disable-file -- generated file', 'services:', '  # escashop-lint-disable-line compose/helthcheck', '  a:', JOB, ''].join('\n');
    const result = await run({ 'compose.yaml': compose }, [healthcheck]);
    expect(result.findings).toEqual([
      'compose.yaml 3:32-3:50 error core/directive unknown rule "compose/helthcheck" in escashop-lint-disable-line (did you mean "compose/healthcheck"?)',
    ]);
    expect(result.suppressed).toEqual(['compose/healthcheck compose.yaml:4 by escashop-lint-disable-file at compose.yaml:1:3 (generated file)']);
  });

  it('reportUnusedDisableDirectives: each unused directive or rule of a list, at its place', async () => {
    const compose = [
      '# escashop-lint-disable-file compose/no-privileged',
      'services:',
      '  # escashop-lint-disable-next-line compose/healthcheck, compose/no-privileged',
      '  a:',
      JOB,
      '  # escashop-lint-disable',
      '  b: # escashop-lint-disable-line compose/healthcheck',
      '    image: example/b:1.0',
      '  # escashop-lint-enable',
      '',
    ].join('\n');
    const result = await run({ 'compose.yaml': compose }, [healthcheck], { reportUnusedDisableDirectives: true });
    expect(result.suppressed).toEqual([
      'compose/healthcheck compose.yaml:4 by escashop-lint-disable-next-line at compose.yaml:3:5',
      // The line directive is the most specific: the range around it is left unused.
      'compose/healthcheck compose.yaml:8 by escashop-lint-disable-line at compose.yaml:8:8',
    ]);
    expect(result.findings).toEqual([
      'compose.yaml 1:30-1:51 warning core/unused-directive unused escashop-lint-disable-file: no "compose/no-privileged" finding in this file',
      'compose.yaml 3:58-3:79 warning core/unused-directive unused escashop-lint-disable-next-line: no "compose/no-privileged" finding on line 4',
      'compose.yaml 7:5-7:26 warning core/unused-directive unused escashop-lint-disable: no finding in the lines it disables',
    ]);
    // Without the option, nothing about them.
    expect((await run({ 'compose.yaml': compose }, [healthcheck])).findings).toEqual([]);
  });

  it('.env: a directive after a value, as a trailing comment', async () => {
    const env = ['GOOD=1', 'X=${NOT_SET} # escashop-lint-disable-line core/env-file', ''].join('\n');
    const compose = ['services:', '  api:', '    image: example/api:1.0', ''].join('\n');
    const result = await run({ 'compose.yaml': compose, '.env': env }, []);
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toEqual(['core/env-file .env:2 by escashop-lint-disable-line at .env:2:16']);
  });
});
