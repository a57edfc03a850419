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
  /** Regular expressions (JavaScript syntax) of values that are not secrets, e.g. `^test-`. A value is never printed. */
  readonly allowValues: readonly string[];
}

/** The policy when no configuration says otherwise. */
export const DEFAULT_POLICY: Policy = { ingress: DEFAULT_INGRESS, secrets: { allowNames: [], allowValues: [] } };
