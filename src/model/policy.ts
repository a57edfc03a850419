import picomatch from 'picomatch';
import { DEFAULT_INGRESS } from './ingress.js';

/**
 * What a team's configuration says about its stack that several rules share: which services are its
 * ingress, and which secret-looking names and values are known not to be secrets. Set by the
 * configuration (`ingress`, `secrets`), carried by the project, read by the rules and model helpers.
 */
export interface Policy {
  /** Service or image names that are the stack's ingress: they may publish ports (`isIngress`). */
  readonly ingress: readonly string[];
  readonly secrets: SecretAllowlist;
}

export interface SecretAllowlist {
  /** Globs (picomatch, case-insensitive) of key and variable names that are not secrets, e.g. `JWT_ALGORITHM`, `*_TOKEN_TTL`. */
  readonly allowNames: readonly string[];
  /** Regular expressions (JavaScript syntax, unicode mode) of values that are not secrets, e.g. `^test-`. A value is never printed. */
  readonly allowValues: readonly string[];
}

/** The policy when no configuration says otherwise. */
export const DEFAULT_POLICY: Policy = { ingress: DEFAULT_INGRESS, secrets: { allowNames: [], allowValues: [] } };

const globTests = new WeakMap<readonly string[], (name: string) => boolean>();

/**
 * One test for a list of name globs (picomatch, case-insensitive: `*_TOKEN_TTL`, `migrate-*`),
 * compiled once per list. A name matches when any glob does; an empty list matches nothing.
 */
export function nameGlobs(globs: readonly string[]): (name: string) => boolean {
  let test = globTests.get(globs);
  if (!test) {
    test = globs.length === 0 ? () => false : picomatch([...globs], { nocase: true, dot: true });
    globTests.set(globs, test);
  }
  return test;
}

/** A pattern of `secrets.allowValues`: JavaScript syntax, in unicode mode (`u`), no other flag. */
const pattern = (source: string): RegExp => new RegExp(source, 'u');

/** Why a regular expression of `secrets.allowValues` does not compile, in words; undefined when it does. */
export function patternError(source: string): string | undefined {
  try {
    pattern(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const valueTests = new WeakMap<readonly string[], (value: string) => boolean>();

/**
 * One test for a list of value patterns (JavaScript regular expressions in unicode mode, as written:
 * `^test-`, `^example`), compiled once per list. The configuration is checked on load (`patternError`), so a
 * pattern that does not compile here is a programming error and throws.
 */
export function valuePatterns(sources: readonly string[]): (value: string) => boolean {
  let test = valueTests.get(sources);
  if (!test) {
    const patterns = sources.map(pattern);
    test = patterns.length === 0 ? () => false : (value) => patterns.some((pattern) => pattern.test(value));
    valueTests.set(sources, test);
  }
  return test;
}
