import type { NginxConfig, NginxDirective } from '../parse/nginx.js';
import { effectiveDirective, enclosing } from '../parse/nginx-tree.js';
import { effectiveAccessRules, matchesEveryone } from './nginx-access.js';
import { isInternalLocation, locationOf } from './nginx-locations.js';
import { serverListens } from './nginx-servers.js';

/**
 * Whether clients at large can reach a block of an nginx `http` block: not when its location is
 * `internal`, when the access list in effect refuses everyone it does not name (`deny all`), when it
 * asks for credentials (`auth_basic`, `auth_request`, `auth_jwt`), or when its server listens on
 * loopback addresses or unix sockets only.
 */

/** The authentication directives: any of them in effect, other than `off`, makes nginx ask for credentials. */
const AUTH_DIRECTIVES = ['auth_basic', 'auth_request', 'auth_jwt'] as const;

/** What keeps clients at large out of a block, in words, with the directive that does it. */
export interface Restriction {
  readonly reason: string;
  readonly at: NginxDirective;
}

/** The access list in effect refuses every client it does not name: a `deny all` that no `allow all` comes before (nginx stops at the first rule that matches). */
function deniesOthers(rules: readonly NginxDirective[]): NginxDirective | undefined {
  for (const rule of rules) {
    if (!matchesEveryone(rule)) continue;
    return rule.name.value === 'deny' ? rule : undefined;
  }
  return undefined;
}

/** Why clients at large cannot reach a block (a `location`, `server`, or a block inside them), if something keeps them out. */
export function accessRestriction(config: NginxConfig, block: NginxDirective): Restriction | undefined {
  const location = block.name.value === 'location' ? block : locationOf(block);
  if (location && isInternalLocation(location)) return { reason: 'it is internal', at: location };
  const deny = deniesOthers(effectiveAccessRules(config, block));
  if (deny) return { reason: 'its access list ends in "deny all"', at: deny };
  for (const name of AUTH_DIRECTIVES) {
    const auth = effectiveDirective(config, block, name);
    if (auth && auth.args[0]?.value !== 'off') return { reason: `it asks for credentials (${name})`, at: auth };
  }
  const server = block.name.value === 'server' ? block : enclosing(block, 'server');
  const listens = server ? serverListens(server) : [];
  if (listens.length > 0 && listens.every((l) => l.loopback)) return { reason: 'its server listens on loopback addresses or unix sockets only', at: listens[0]!.directive };
  return undefined;
}
