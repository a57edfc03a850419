import {
  describeSource,
  knownValue,
  sameSource,
  type ClientConnection,
  type ClientCredential,
  type CredentialSource,
  type Origin,
  type RelatedLocation,
  type RuleContext,
  type Service,
} from '../../../src/engine/api.js';

/** A password a server checks: where it comes from, where it is set, and the setting's name for messages. */
export interface ServerPassword {
  readonly source: CredentialSource;
  readonly at: Origin;
  readonly setting: string;
}

/** What a server asks of its clients, for `reportConnection`. */
export interface ServerSide {
  readonly server: Service;
  readonly product: 'redis' | 'postgres';
  /** Every password the server accepts (empty when it asks for none, or the project does not say). */
  readonly passwords: readonly ServerPassword[];
  /** `password`: clients must send one; `none`: the server checks none; `unknown`: the project does not say. */
  readonly requires: 'password' | 'none' | 'unknown';
  /** Why a client's password is not checked, and the fix, for the message (after `which`). */
  readonly noneWhy: string;
  /** What a client without a password meets, for the message. */
  readonly refused: string;
  /** Where the server's password (or its absence) is set. */
  readonly related: RelatedLocation;
}

/** A password given as a literal empty value (`REDIS_PASSWORD: ""`) is none. */
function gives(credential: ClientCredential): boolean {
  return !(credential.source.kind === 'literal' && credential.source.value === '');
}

/** What the client's credential is, for the message: `the password in REDIS_URL`, `REDIS_PASSWORD`. */
function named(credential: ClientCredential): string {
  return credential.inUrl ? `the password in ${credential.entry.name.value}` : credential.entry.name.value;
}

/** The text to redact: the credential's value when the compose file writes it (a literal, or a default). */
function secretOf(credential: ClientCredential): { secret?: ClientCredential['value'] } {
  return credential.value && credential.value.value !== '' ? { secret: credential.value } : {};
}

/**
 * Whether a client's passwords match the server's: true when one comes from the same place (or has
 * the same value), false when none can, undefined when the project does not say.
 */
function matches(client: readonly ClientCredential[], server: readonly ServerPassword[]): boolean | undefined {
  let unknown = false;
  for (const c of client) {
    for (const s of server) {
      const same = sameSource(c.source, s.source);
      if (same === true) return true;
      if (same === undefined) unknown = true;
    }
  }
  return unknown ? undefined : false;
}

const SAME_PLACE = 'give both the same secret file (the server reads it, the client a *_FILE variable) or the same ${VARIABLE}';

/**
 * Reports what is wrong with one client connection's password: a literal in a URL, a password the
 * server does not check, no password for a server that asks for one, or one from another place than
 * the server's. At most one finding per connection; the secret's range is redacted.
 */
export function reportConnection(context: RuleContext, connection: ClientConnection, side: ServerSide): void {
  const { client, naming } = connection;
  const target = `service "${side.server.name}"`;
  const who = `service "${client.name}"`;
  const given = connection.passwords.filter(gives);
  const related = [side.related];
  if (given.length > 0 && side.requires === 'none') {
    const first = given[0]!;
    context.report({
      at: first.at,
      ...secretOf(first),
      message: `${who} sends a password (${named(first)}) to ${target}, which ${side.noneWhy}`,
      related,
    });
    return;
  }
  if (given.length === 0 && side.requires === 'password' && !connection.mayHaveOther) {
    context.report({
      at: connection.url ? connection.url.text : naming.name,
      message: `${who} connects to ${target} through ${naming.name.value} without a password, but ${target} asks for one: ${side.refused}; ${SAME_PLACE}`,
      related,
    });
    return;
  }
  if (given.length === 0 || side.passwords.length === 0 || matches(given, side.passwords) !== false) return;
  const first = given[0]!;
  const server = side.passwords[0]!;
  const bothKnown = knownValue(first.source) !== undefined && knownValue(server.source) !== undefined;
  const checks = `the one ${target} checks (${server.setting})`;
  // A literal in a URL is compose/no-plaintext-secrets' finding; here it is one because the server keeps its password elsewhere, or another.
  const message =
    first.inUrl && first.source.kind === 'literal'
      ? `the ${side.product} URL in ${naming.name.value} of ${who} embeds a literal password${bothKnown ? ` that is not ${checks}` : `, while ${checks} ${describeSource(server.source)}: the two can differ, and the copy is in the compose file and "docker inspect"`}`
      : `the password ${who} sends in ${first.inUrl ? `the URL of ${first.entry.name.value}` : first.entry.name.value} ${bothKnown ? `is not ${checks}` : `${describeSource(first.source)}, while ${checks} ${describeSource(server.source)}: the two can differ`}`;
  context.report({
    at: first.at,
    ...secretOf(first),
    message: `${message}; ${SAME_PLACE}`,
    related,
  });
}
