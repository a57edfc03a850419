import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, nameGlobs, patternError, valuePatterns, type Policy } from '../../src/model/policy.js';
import { secretTests } from '../../src/model/secret-names.js';

describe('nameGlobs', () => {
  it('matches names by any glob, whatever their case; an empty list matches nothing', () => {
    const test = nameGlobs(['*_TOKEN_TTL', 'migrate']);
    expect(['REFRESH_TOKEN_TTL', 'refresh_token_ttl', 'Migrate', 'com.example_token_ttl'].map(test)).toEqual([true, true, true, true]);
    expect(['TOKEN_TTL_X', 'migrate-job', ''].map(test)).toEqual([false, false, false]);
    expect(nameGlobs([])('anything')).toBe(false);
  });

  it('compiles a list once', () => {
    const globs = ['a*'];
    expect(nameGlobs(globs)).toBe(nameGlobs(globs));
  });
});

describe('valuePatterns', () => {
  it('matches values by any pattern, as written (anchors and case included)', () => {
    const test = valuePatterns(['^ci-', 'example$']);
    expect(['ci-throwaway', 'key-example', 'CI-throwaway', 'my-ci-x'].map(test)).toEqual([true, true, false, false]);
    expect(valuePatterns([])('ci-x')).toBe(false);
  });

  it('says why a pattern does not compile', () => {
    expect(patternError('^ci-')).toBeUndefined();
    expect(patternError('(unclosed')).toMatch(/Invalid regular expression/);
  });
});

describe('secretTests', () => {
  const policy: Policy = { ...DEFAULT_POLICY, secrets: { allowNames: ['session_key', 'legacy_*'], allowValues: ['^ci-'] } };

  it('is the built-in reading under the default policy', () => {
    const tests = secretTests(DEFAULT_POLICY);
    expect(['SESSION_KEY', 'DB_PASSWORD', 'TOKEN_TTL'].map(tests.name)).toEqual([true, true, false]);
    expect(['ci-pass', '${X}', ''].map(tests.value)).toEqual([true, false, false]);
  });

  it('leaves out the names and values the allowlists give, and nothing else', () => {
    const tests = secretTests(policy);
    expect(['SESSION_KEY', 'Legacy_Token', 'DB_PASSWORD', 'SESSION_SECRET'].map(tests.name)).toEqual([false, false, true, true]);
    expect(['ci-pass', '  ci-pass ', 'prod-pass', '$X'].map(tests.value)).toEqual([false, false, true, false]);
    expect(tests.allowedValue(' ci-x')).toBe(true);
  });

  it('is made once per policy', () => {
    expect(secretTests(policy)).toBe(secretTests(policy));
  });
});

describe('value patterns are read in unicode mode', () => {
  it('refuses what only the legacy syntax takes, and matches by code point', () => {
    expect(patternError('\\-x')).toMatch(/Invalid/);
    expect(valuePatterns(['^.$'])('😀')).toBe(true);
  });
});
