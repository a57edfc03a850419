import { describe, expect, it } from 'vitest';
import { lintWithSettings, projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintProject, rangeOf } from '../../../test/host-project.js';
import { dbService } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const fix = 'declare it under "secrets:", give it to the service and set POSTGRES_PASSWORD_FILE=/run/secrets/<name> instead';

describe('postgres/password-via-file', () => {
  it('reports a password from a variable at the key', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'environment:', '  POSTGRES_PASSWORD: ${PG_PASS}'), '.env': 'PG_PASS=x7-long-secret\n' });
    expect(got).toEqual([
      `compose.yaml 5:7-5:24 error service "db" takes its password from a variable in POSTGRES_PASSWORD, which "docker inspect" and every process of the container can read; ${fix}`,
    ]);
  });

  it('reports a password taken from the shell (the name alone)', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'environment:', '  - POSTGRES_PASSWORD') });
    expect(got).toEqual([
      `compose.yaml 5:9-5:26 error service "db" takes its password from the shell that runs compose in POSTGRES_PASSWORD, which "docker inspect" and every process of the container can read; ${fix}`,
    ]);
  });

  it('is a warning in dev', async () => {
    const got = await lintProject(rule, { 'compose.dev.yaml': dbService('postgres:16', 'environment:', '  POSTGRES_PASSWORD: ${PG_PASS:?}') });
    expect(got.map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual(['compose.dev.yaml 5:7-5:24 warning']);
  });

  it('leaves a literal password to compose/no-plaintext-secrets', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'environment:', '  POSTGRES_PASSWORD: hunter2-but-longer') })).toEqual([]);
  });

  it('reports both variables at POSTGRES_PASSWORD, with the other as related', async () => {
    const got = await lintProject(rule, {
      'compose.yaml': dbService('postgres:16', 'environment:', '  POSTGRES_PASSWORD_FILE: /run/secrets/pg', '  POSTGRES_PASSWORD: ${PG_PASS:?}'),
    });
    expect(got).toEqual([
      'compose.yaml 6:7-6:24 error service "db" sets both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE, which the image refuses; keep POSTGRES_PASSWORD_FILE',
    ]);
  });

  it('does not ask images other than the official one for a password', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('bitnami/postgresql:16') })).toEqual([]);
  });
});

describe('postgres/password-via-file: when the image initializes', () => {
  it('still asks for a password when the entrypoint runs docker-entrypoint.sh itself', async () => {
    const got = await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'entrypoint: ["docker-entrypoint.sh", "postgres"]', 'command: ["-c", "log_connections=on"]') });
    expect(got.map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual(['compose.yaml 2:3-2:5 error']);
  });

  it('does not when the command is not postgres', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'command: ["sleep", "infinity"]') })).toEqual([]);
  });
});

describe('postgres/password-via-file: secret allowlists', () => {
  it('reports a literal the allowlists say is no secret, which compose/no-plaintext-secrets then leaves alone', async () => {
    const compose = dbService('postgres:16', 'environment:', '  POSTGRES_PASSWORD: ci-throwaway');
    const policy = { secrets: { allowValues: ['^ci-'] } };
    const got = await lintWithSettings(rule, { files: { 'compose.yaml': compose } }, { policy });
    expect(got.map((f) => `${rangeOf(f)} ${f.message}`)).toEqual([
      `5:7-5:24 service "db" takes its password in the environment in POSTGRES_PASSWORD, which "docker inspect" and every process of the container can read; ${fix}`,
    ]);
    const byName = await lintWithSettings(rule, { files: { 'compose.yaml': compose } }, { policy: { secrets: { allowNames: ['postgres_password'] } } });
    expect(byName.map(rangeOf)).toEqual(['5:7-5:24']);
    expect(await lintProject(rule, { 'compose.yaml': compose })).toEqual([]);
  });
});
