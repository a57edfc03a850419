import type { NginxDirective, NginxWord } from '../parse/nginx.js';
import { directivesNamed, walkNginx } from '../parse/nginx-tree.js';
import { redirectWord } from './nginx-variables.js';

/**
 * The addresses an nginx `server` listens on, from its `listen` directives: `80`, `8443 ssl`,
 * `[::]:80`, `127.0.0.1:8080`, `localhost`, `unix:/run/nginx.sock`.
 */
export interface NginxListen {
  readonly directive: NginxDirective;
  /** The address word. */
  readonly word: NginxWord;
  /** The host part as written (`*` when none); undefined for a unix socket. */
  readonly host?: string;
  /** The port: the one written, else 80; undefined for a unix socket or an address taken from a variable. */
  readonly port?: number;
  /** True with the `ssl` parameter (or `quic`, HTTP/3 over QUIC, which is always TLS). */
  readonly tls: boolean;
  /** True for a loopback host (`127.x`, `[::1]`, `localhost`) or a unix socket: only the container itself reaches it. */
  readonly loopback: boolean;
}

function listenOf(directive: NginxDirective): NginxListen | undefined {
  const word = directive.args[0];
  if (!word) return undefined;
  const tls = directive.args.slice(1).some((a) => a.value === 'ssl' || a.value === 'quic');
  if (word.value.startsWith('unix:') || word.variables.length > 0) return { directive, word, tls, loopback: word.value.startsWith('unix:') };
  const m = /^(?:(\[[^\]]*\]|[^:[\]]+):)?(\d+)$/.exec(word.value) ?? /^(\[[^\]]*\]|[^:[\]]+)()$/.exec(word.value);
  const host = m?.[1] ?? '*';
  const port = m?.[2] ? Number(m[2]) : 80;
  const loopback = /^(127\.|\[::1\]$|localhost$)/.test(host);
  return { directive, word, host, port, tls, loopback };
}

/** The addresses a server listens on; a server without `listen` listens on port 80 of every address (nginx's default when it runs as root). */
export function serverListens(server: NginxDirective): NginxListen[] {
  return directivesNamed(server, 'listen').flatMap((d) => listenOf(d) ?? []);
}

/** A `rewrite` regex that matches every URI: `^`, `.*`, `^(.*)$`, `^/(.*)`, … */
const EVERY_URI = /^\^?\/?\(?(\.\*)?\)?\$?$/;

/** True when a block answers every request it handles itself with `return`, or with a `rewrite` of every URI to an absolute URL (a redirect). */
export function answersWithReturn(block: NginxDirective): boolean {
  if (directivesNamed(block, 'return').length > 0) return true;
  return directivesNamed(block, 'rewrite').some((d) => EVERY_URI.test(d.args[0]?.value ?? '') && redirectWord(d) !== undefined);
}

/** True for a location that catches every request no other location takes: `location /`, `location ^~ /`. */
function catchAll(location: NginxDirective): boolean {
  const args = location.args.map((a) => a.value);
  return (args.length === 1 && args[0] === '/') || (args.length === 2 && args[0] === '^~' && args[1] === '/');
}

/**
 * The blocks of a server that answer requests some other way than with `return` (or a redirect of
 * every URI): each such `location`, nested ones included, and the server itself when requests reach
 * it outside any location (no `location /`). Empty for a server that only redirects or rejects.
 * Conditional `if` blocks are not followed.
 */
export function answeringBlocks(server: NginxDirective): NginxDirective[] {
  if (answersWithReturn(server)) return [];
  const locations: NginxDirective[] = [];
  walkNginx(server, (directive) => {
    if (directive.name.value !== 'location') return false;
    if (!answersWithReturn(directive)) locations.push(directive);
  });
  return directivesNamed(server, 'location').some(catchAll) ? locations : [server, ...locations];
}
