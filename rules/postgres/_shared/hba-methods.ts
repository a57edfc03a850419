import type { HbaRecord } from '../../../src/engine/api.js';

/**
 * Why a method of a TCP line of pg_hba.conf is postgres/hba-no-cleartext's error, or undefined:
 * `password` where the connection may be unencrypted (`host` also matches connections without TLS,
 * `hostnossl` only those), and `ident` on any TCP line. `password` on `hostssl` and `hostgssenc`
 * lines, which TLS or GSSAPI encrypts, is left to postgres/hba-strong-method as weak.
 */
export function cleartextMethod(record: Pick<HbaRecord, 'connection'>, method: string): string | undefined {
  if (method === 'password' && (record.connection === 'host' || record.connection === 'hostnossl')) {
    return `sends the password in clear text${record.connection === 'host' ? ' whenever the client does not ask for TLS' : ''}: anyone on the network path (another container, a proxy, the host) reads it`;
  }
  if (method === 'ident') return 'believes the user name an ident server on the client\'s machine reports, so whoever controls that machine (any container on the network) logs in as any role';
  return undefined;
}

/** The fix both rules give. */
export const USE_SCRAM = 'use scram-sha-256';
