import type { NginxConfig, NginxDirective, NginxWord } from '../parse/nginx.js';
import type { Origin } from '../parse/position.js';
import { walkNginx } from '../parse/nginx-tree.js';

/**
 * The servers nginx sends requests to: the address of `proxy_pass`, `fastcgi_pass`, `grpc_pass`,
 * `uwsgi_pass` and of an `upstream { server ...; }`, split into host and port with the host's exact
 * place, and a `proxy_pass $var` followed to a plain `set $var ...` of its block.
 */

/** The directives that name the server a request is passed to. */
export const PASS_DIRECTIVES: ReadonlySet<string> = new Set(['proxy_pass', 'fastcgi_pass', 'grpc_pass', 'uwsgi_pass']);

export interface NginxTarget {
  /** The directive that sends requests there (`proxy_pass`, or the upstream's `server`). */
  readonly directive: NginxDirective;
  /** The word the address is written in: the directive's own, or the `set` value it was followed to. */
  readonly word: NginxWord;
  /** The `set` the address came from, when the directive names a variable. */
  readonly through?: NginxDirective;
  readonly host: string;
  /** Where the host is written (exact columns when the word is written as nginx reads it). */
  readonly hostAt: Origin;
  /** The port: written, or the scheme's default (http 80, https 443, upstream server 80). */
  readonly port?: number;
  /** True when the port was not written and is the default. */
  readonly defaultPort: boolean;
}

/** The place of value[start, end) of a word: exact when the word reads as written, else the whole word. */
export function wordPart(word: NginxWord, start: number, end: number): Origin {
  const offset = word.raw === word.value ? 0 : word.quoted && word.raw.slice(1, -1) === word.value ? 1 : -1;
  if (offset === -1 || word.range.start.line !== word.range.end.line) return { file: word.file, range: word.range };
  const line = word.range.start.line;
  const column = word.range.start.column + offset;
  return { file: word.file, range: { start: { line, column: column + start }, end: { line, column: column + end } } };
}

const SCHEMES: Readonly<Record<string, readonly { scheme: string; port?: number }[]>> = {
  proxy_pass: [
    { scheme: 'http', port: 80 },
    { scheme: 'https', port: 443 },
  ],
  grpc_pass: [{ scheme: 'grpc', port: 80 }, { scheme: 'grpcs', port: 443 }, { scheme: '' }],
  uwsgi_pass: [{ scheme: 'uwsgi' }, { scheme: 'suwsgi' }, { scheme: '' }],
  fastcgi_pass: [{ scheme: '' }],
  server: [{ scheme: '', port: 80 }],
};

/** Splits an address into host and port; undefined for a unix socket, an IPv6 address or variables. */
function addressOf(directive: NginxDirective, word: NginxWord, through?: NginxDirective): NginxTarget | undefined {
  const kind = directive.name.value;
  const value = word.value;
  const match = /^([a-z]+):\/\//i.exec(value);
  const scheme = match ? match[1]!.toLowerCase() : '';
  const known = SCHEMES[kind]?.find((s) => s.scheme === scheme);
  if (!known) return undefined;
  const start = match ? match[0].length : 0;
  if (value.startsWith('unix:', start) || value[start] === '[' || value.includes('$')) return undefined;
  const rest = value.slice(start);
  const hostEnd = start + (/^[^/:?#]*/.exec(rest)?.[0].length ?? 0);
  const host = value.slice(start, hostEnd);
  if (host === '') return undefined;
  const portText = value[hostEnd] === ':' ? /^\d+/.exec(value.slice(hostEnd + 1))?.[0] : undefined;
  const port = portText !== undefined ? Number(portText) : known.port;
  return {
    directive,
    word,
    ...(through ? { through } : {}),
    host,
    hostAt: wordPart(word, start, hostEnd),
    ...(port !== undefined ? { port } : {}),
    defaultPort: portText === undefined,
  };
}

/** The single `set $name value` written in the nearest block around a directive that sets it; undefined when none or several. */
function setOf(directive: NginxDirective, name: string): NginxDirective | undefined {
  for (let block = directive.parent; block; block = block.parent) {
    const sets = (block.block ?? []).filter((d) => d.name.value === 'set' && d.args[0]?.value === name);
    if (sets.length > 0) return sets.length === 1 && sets[0]!.args.length === 2 ? sets[0] : undefined;
  }
  return undefined;
}

/** The address a pass directive's argument names: the word itself, or the `set` value of a lone variable. */
function passTarget(directive: NginxDirective): NginxTarget | undefined {
  const word = directive.args[0];
  if (!word) return undefined;
  const lone = word.variables.length === 1 && word.value === word.raw && word.raw === `$${word.variables[0]!.name}`;
  if (!lone) return addressOf(directive, word);
  const set = setOf(directive, word.value);
  const value = set?.args[1];
  return set && value && value.variables.length === 0 ? addressOf(directive, value, set) : undefined;
}

/** The names of the `upstream` blocks of a configuration. */
export function upstreamNames(config: NginxConfig): Set<string> {
  const names = new Set<string>();
  walkNginx(config, (d) => {
    if (d.name.value === 'upstream' && d.args[0]) names.add(d.args[0].value);
  });
  return names;
}

/**
 * Every server address the configuration sends requests to, in file order: pass directives (through
 * a simple `set`) and the `server` lines of `upstream` blocks. Addresses nginx finds at run time
 * (variables that are not a plain `set`), unix sockets and IPv6 literals are left out.
 */
export function nginxTargets(config: NginxConfig): NginxTarget[] {
  const targets: NginxTarget[] = [];
  walkNginx(config, (d, ancestors) => {
    const name = d.name.value;
    const inUpstream = ancestors.at(-1)?.name.value === 'upstream';
    const target = PASS_DIRECTIVES.has(name) ? passTarget(d) : name === 'server' && inUpstream && d.args[0] ? addressOf(d, d.args[0]) : undefined;
    if (target) targets.push(target);
  });
  return targets;
}
