import type { NginxConfig, NginxDirective } from '../parse/nginx.js';
import { directivesNamed, effectiveDirectives, walkNginx } from '../parse/nginx-tree.js';
import { serverLabel } from './nginx-http.js';
import { PASS_DIRECTIVES } from './nginx-targets.js';

/**
 * The places of an nginx `http` block where requests go to a backend: the pass directives of a
 * server and the block each sits in, a block in words for findings, and which inherited directives a
 * block's own ones replace (nginx's array inheritance: `proxy_set_header`, `limit_req`, `add_header`).
 */

/** The pass directives (`proxy_pass`, `fastcgi_pass`, `uwsgi_pass`, `grpc_pass`) written in a block and the blocks nested in it, in file order. */
export function passDirectivesIn(block: NginxDirective): NginxDirective[] {
  const passes: NginxDirective[] = [];
  walkNginx(block, (directive) => {
    if (PASS_DIRECTIVES.has(directive.name.value)) passes.push(directive);
  });
  return passes;
}

/** The `location` a directive sits in (through `if` and `limit_except` blocks); undefined outside any. */
export function locationOf(directive: NginxDirective): NginxDirective | undefined {
  for (let p = directive.parent; p; p = p.parent) if (p.name.value === 'location') return p;
  return undefined;
}

/** True when a location is `internal`: only nginx's own redirects (`error_page`, `try_files`, `X-Accel-Redirect`) reach it, never a client directly. */
export function isInternalLocation(location: NginxDirective): boolean {
  return directivesNamed(location, 'internal').length > 0;
}

/**
 * The location a directive answers clients' requests in: its enclosing location, unless that one is
 * `internal` (auth subrequests, `X-Accel-Redirect` targets) or an NGINX Plus `health_check` probe,
 * which no client request reaches as such. Undefined outside any location.
 */
export function clientLocationOf(directive: NginxDirective): NginxDirective | undefined {
  const location = locationOf(directive);
  return location && !isInternalLocation(location) && directivesNamed(location, 'health_check').length === 0 ? location : undefined;
}

/** A block in words: `location "/api/"`, `server "shop.example.com"`, `if ($x)`. */
export function blockLabel(block: NginxDirective): string {
  const args = block.args.map((a) => a.raw).join(' ');
  if (block.name.value === 'server') return serverLabel(block);
  if (block.name.value === 'location') return `location "${args}"`;
  return `${block.name.value} ${args}`.trim();
}

/**
 * The directives named `name` of the levels around a block that nginx does not apply in it, because
 * the innermost level from the block outwards that writes any `name` replaces all of them (one
 * `proxy_set_header` in a location drops every one of its server). Empty when no level writes one, or
 * only the top level does.
 */
export function replacedDirectives(config: NginxConfig, block: NginxDirective, name: string): NginxDirective[] {
  for (let level: NginxDirective | undefined = block; level; level = level.parent) {
    if (directivesNamed(level, name).length > 0) return effectiveDirectives(config, level.parent, name);
  }
  return [];
}

/** Suffixes of names that stay inside a deployment: Docker's host alias, mDNS, Kubernetes services, private zones by convention. */
const LOCAL_SUFFIX = /\.(local|internal|lan|localhost|localdomain|svc|cluster\.local|home\.arpa)$/i;

/**
 * True when a host name is a public DNS name (`api.example.com`): a name with a dot that is not an
 * IPv4 address and does not end in a suffix kept for local names. Compose services, upstream blocks
 * and containers are reached by names without dots.
 */
export function isPublicHostName(host: string): boolean {
  return host.includes('.') && !/^\d+(\.\d+){3}$/.test(host) && !LOCAL_SUFFIX.test(host);
}
