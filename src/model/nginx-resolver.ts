import { isIP } from 'node:net';
import type { NginxConfig, NginxDirective, NginxWord } from '../parse/nginx.js';
import type { Origin } from '../parse/position.js';
import { walkNginx } from '../parse/nginx-tree.js';
import { nginxTargets, PASS_DIRECTIVES, upstreamNames, wordPart } from './nginx-targets.js';

/**
 * Name resolution in nginx: the nameservers a `resolver` directive names, and the pass directives
 * whose server nginx looks up at request time (an address with variables), which need a resolver.
 */

/** Docker's embedded DNS server, which answers service names on user-defined networks. */
export const DOCKER_DNS = '127.0.0.11';

/** One nameserver of a `resolver` directive. */
export interface ResolverAddress {
  readonly word: NginxWord;
  /** The address without its port: `8.8.8.8`, `::1` (brackets removed), `dns.example`. */
  readonly host: string;
  readonly hostAt: Origin;
}

/**
 * The nameservers of a `resolver` directive: its words that are not `name=value` parameters
 * (`valid=30s`, `ipv6=off`, `status_zone=`), each split from its `:port`. Words with variables
 * (a template's `${RESOLVER}`) are left out.
 */
export function resolverAddresses(resolver: NginxDirective): ResolverAddress[] {
  return resolver.args.flatMap((word) => {
    const value = word.value;
    if (value.includes('=') || value.includes('$') || value === '') return [];
    const bracket = /^\[([^\]]*)\]/.exec(value);
    const [host, start] = bracket ? [bracket[1]!, 1] : isIP(value) === 6 ? [value, 0] : [value.split(':')[0]!, 0];
    return [{ word, host, hostAt: wordPart(word, start, start + host.length) }];
  });
}

/** A pass directive whose server name nginx resolves when a request comes, with the name it resolves. */
export interface RuntimeLookup {
  readonly directive: NginxDirective;
  /** The host name nginx has to resolve. */
  readonly host: string;
  readonly hostAt: Origin;
  /** The `set` the address comes from, when the directive names a lone variable. */
  readonly through?: NginxDirective;
}

/** Variables whose value starts with `/`, so that one right after a host name ends it. */
const PATH_VARIABLE = /^\$\{?(request_uri|uri|document_uri)\b/;

/**
 * The host of an address whose host part is written out (`http://app:8000$request_uri`); undefined
 * when a variable is part of the host or may continue it (`http://app$suffix`).
 */
function literalHost(word: NginxWord): { host: string; hostAt: Origin } | undefined {
  const match = /^(?:[a-z]+:\/\/)?([^/:?#$[]*)/i.exec(word.value);
  const host = match?.[1] ?? '';
  const rest = word.value.slice(match?.[0].length ?? 0);
  if (host === '' || rest.startsWith('[') || (rest.startsWith('$') && !PATH_VARIABLE.test(rest))) return undefined;
  const start = match![0].length - host.length;
  return { host, hostAt: wordPart(word, start, start + host.length) };
}

/**
 * The pass directives (`proxy_pass`, `fastcgi_pass`, `grpc_pass`, `uwsgi_pass`) with variables in
 * their address, whose host is a name nginx must resolve at request time: not an IP address, not a
 * unix socket, not an `upstream` block, and not a server another pass directive names without
 * variables (nginx finds those among the upstreams it made at start). The host is known when it is
 * written out, or when the directive names a lone variable set once in its block (`set $app
 * http://app:8000; proxy_pass $app;`); a host made of variables is left out.
 */
export function runtimeLookups(config: NginxConfig): RuntimeLookup[] {
  const targets = nginxTargets(config);
  const known = new Set([...upstreamNames(config), ...targets.filter((t) => !t.through && t.word.variables.length === 0).map((t) => t.host)].map((h) => h.toLowerCase()));
  const lookups: RuntimeLookup[] = [];
  walkNginx(config, (directive) => {
    const word = directive.args[0];
    if (!PASS_DIRECTIVES.has(directive.name.value) || !word || word.variables.length === 0) return;
    const followed = targets.find((t) => t.directive === directive && t.through);
    const found = followed ? { host: followed.host, hostAt: followed.hostAt, through: followed.through } : literalHost(word);
    if (!found || /^unix$/i.test(found.host) || word.value.startsWith('unix:') || isIP(found.host) !== 0 || known.has(found.host.toLowerCase())) return;
    lookups.push({ directive, ...found });
  });
  return lookups;
}
