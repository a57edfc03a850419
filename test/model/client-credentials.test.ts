import { describe, expect, it } from 'vitest';
import { parseConnectionUrl, sameSource, type CredentialSource } from '../../src/model/client-credentials.js';
import { buildProject } from '../../src/model/project.js';
import type { Text } from '../../src/model/text.js';
import { parseYaml } from '../../src/parse/yaml.js';

/** The environment value of one service, as the model reads it (variables from `variables`). */
function value(written: string, variables: Record<string, string> = {}): Text {
  const parsed = parseYaml({ name: 'compose.yml', absPath: '/compose.yml', text: `services:\n  app:\n    environment:\n      URL: ${written}\n` });
  const project = buildProject(parsed.root!, { files: ['compose.yml'], environment: 'prod', variables: new Map(Object.entries(variables)) });
  return project.service('app')!.environmentVariable('URL')!.value!;
}

/** The parts of a URL, each as `value@column-column`. */
function parts(written: string): Record<string, string> {
  const url = parseConnectionUrl(value(written));
  if (!url) return {};
  const at = (t: Text | undefined) => t && `${t.value}@${t.origin.range.start.column}-${t.origin.range.end.column}`;
  return Object.fromEntries(Object.entries({ scheme: url.scheme, host: at(url.host), user: at(url.user), password: at(url.password) }).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

describe('parseConnectionUrl', () => {
  it('takes user, password and host apart with their columns', () => {
    expect(parts('redis://:pw@cache:6379/0')).toEqual({ scheme: 'redis', host: 'cache@24-29', password: 'pw@21-23' });
    expect(parts('postgresql+asyncpg://app:p@ss@db/app')).toEqual({ scheme: 'postgresql+asyncpg', host: 'db@42-44', user: 'app@33-36', password: 'p@ss@37-41' });
  });

  it('reads JDBC URLs, query parameters, bracketed IPv6 hosts and the first of several hosts', () => {
    expect(parts('"jdbc:postgresql://db:5432/app?user=app&password=pw"')).toEqual({ scheme: 'postgresql', host: 'db@31-33', user: 'app@48-51', password: 'pw@61-63' });
    expect(parts('postgres://[::1]:5432/app')).toEqual({ scheme: 'postgres', host: '[::1]@23-28' });
    expect(parts('postgresql://primary:5432,standby:5432/app')).toEqual({ scheme: 'postgresql', host: 'primary@25-32' });
  });

  it('maps a password from a variable to the ${...} that gives it, set or not', () => {
    const set = parseConnectionUrl(value('redis://:${PW}@cache', { PW: 'secret' }))!.password!;
    expect([set.value, set.variables, set.origin.range.start.column, set.origin.range.end.column]).toEqual(['secret', ['PW'], 21, 26]);
    const unset = parseConnectionUrl(value('redis://:${PW}@cache'))!.password!;
    expect([unset.value, unset.variables]).toEqual(['', ['PW']]);
  });

  it('is undefined for what is not scheme://authority', () => {
    expect(parseConnectionUrl(value('cache:6379'))).toBeUndefined();
    expect(parseConnectionUrl(value('/run/secrets/db'))).toBeUndefined();
  });
});

describe('sameSource', () => {
  const literal = (v: string): CredentialSource => ({ kind: 'literal', value: v });
  const vars = (value: string, ...names: string[]): CredentialSource => ({ kind: 'variables', names, value });
  const file = (hostPath: string): CredentialSource => ({ kind: 'file', hostPath, written: hostPath, via: 'secret' });

  it('compares known values, whatever their places', () => {
    expect(sameSource(literal('a'), literal('a'))).toBe(true);
    expect(sameSource(literal('a'), literal('b'))).toBe(false);
    expect(sameSource(literal('a'), vars('a', 'PW'))).toBe(true);
    expect(sameSource(vars('a', 'X'), vars('b', 'X'))).toBe(false);
  });

  it('compares places when a value is not known', () => {
    expect(sameSource(vars('', 'PW'), vars('', 'PW'))).toBe(true);
    expect(sameSource(vars('', 'PW'), vars('', 'OTHER'))).toBe(false);
    expect(sameSource(file('/p/s.txt'), file('/p/s.txt'))).toBe(true);
    expect(sameSource(file('/p/s.txt'), file('/p/t.txt'))).toBe(false);
    expect(sameSource(file('/p/s.txt'), vars('', 'PW'))).toBe(false);
    expect(sameSource(literal('a'), vars('', 'PW'))).toBe(false);
  });

  it('does not know when either side is unknown', () => {
    expect(sameSource({ kind: 'unknown' }, literal('a'))).toBeUndefined();
    expect(sameSource(file('/p/s.txt'), { kind: 'unknown' })).toBeUndefined();
  });
});
