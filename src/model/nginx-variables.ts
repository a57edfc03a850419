import type { RelatedLocation } from '../findings/finding.js';
import type { NginxConfig, NginxDirective, NginxVariable, NginxWord } from '../parse/nginx.js';
import { walkNginx } from '../parse/nginx-tree.js';
import { regexFacts, type CaptureFacts } from './nginx-regex.js';

/**
 * Which nginx variables hold what a client sent: nginx's own request variables (`$http_*`,
 * `$arg_*`, `$cookie_*`, `$host`, `$uri`, …), the captures of the regexes that match them (a regex
 * `location`, `rewrite`, `if`, `server_name`, a `map` key), and the variables a `set` or a `map`
 * builds from those. Also which of them can hold a line break: `$uri` and its kin are URL-decoded,
 * so `%0A` in a request becomes a line feed there; `$request_uri`, `$args` and headers never hold one.
 */

/** Where a value comes from, when a client controls it. */
export interface RequestOrigin {
  /** The nginx request variable at its root (`http_host`, `uri`, `arg_url`). */
  readonly source: string;
  /** In words, for messages: `the query argument "url"`, `a capture of the location regex "^/p/(.+)$" over the URL-decoded request path`. */
  readonly what: string;
  /** True when the value can hold a line feed. */
  readonly lineBreak: boolean;
  /** True when the value is a regex capture of the request value, not the whole of it (the regex may allow only some text, a port's digits say). */
  readonly captured: boolean;
  /** The directives the value went through (a `set`, a `map` line, the regex it is captured by), outermost use first. */
  readonly through: readonly NginxDirective[];
}

interface Builtin {
  readonly what: string;
  readonly lineBreak?: boolean;
}

/** nginx's request variables whose whole value a client chooses. */
const REQUEST_VARIABLES: Readonly<Record<string, Builtin>> = {
  host: { what: 'the host name the client asked for (request line or Host header)' },
  request_uri: { what: 'the request URI as sent' },
  uri: { what: 'the URL-decoded request path', lineBreak: true },
  document_uri: { what: 'the URL-decoded request path', lineBreak: true },
  request_filename: { what: 'the file path built from the URL-decoded request path', lineBreak: true },
  args: { what: 'the query string' },
  query_string: { what: 'the query string' },
  request: { what: 'the request line' },
  request_body: { what: 'the request body', lineBreak: true },
  content_type: { what: 'the Content-Type request header' },
  remote_user: { what: 'the user name of the Authorization header' },
  proxy_add_x_forwarded_for: { what: 'the X-Forwarded-For request header' },
};

/** The request variables with a name after a prefix: a header, a query argument, a cookie. */
const PREFIXED: readonly (readonly [string, (name: string) => string])[] = [
  ['http_', (name) => (name === 'host' ? 'the Host request header' : `the request header "${name.replace(/_/g, '-')}"`)],
  ['arg_', (name) => `the query argument "${name}"`],
  ['cookie_', (name) => `the cookie "${name}"`],
];

/** The origin of one of nginx's own request variables (`host`, `http_x_target`); undefined for any other name. */
export function requestVariable(name: string): RequestOrigin | undefined {
  const builtin = REQUEST_VARIABLES[name];
  if (builtin) return { source: name, what: builtin.what, lineBreak: builtin.lineBreak ?? false, captured: false, through: [] };
  for (const [prefix, what] of PREFIXED) {
    if (name.startsWith(prefix) && name.length > prefix.length) return { source: name, what: what(name.slice(prefix.length)), lineBreak: false, captured: false, through: [] };
  }
  return undefined;
}

/** A regex a directive matches, and what it matches it against. */
export interface RegexMatch {
  readonly directive: NginxDirective;
  /** The regex as nginx reads it (without `~`, `~*`, parentheses or quotes). */
  readonly pattern: string;
  /** `location`, `rewrite`, `if`, `server_name`, `map`. */
  readonly kind: string;
  /** The variable the subject is, when it is one (`if ($http_x ~ …)`, `map $http_host …`); `uri` for `location` and `rewrite`, `host` for `server_name`. */
  readonly subject: { readonly name: string; readonly at: NginxDirective } | undefined;
}

/** The regex an `if` condition matches (`($var ~ re)`, `($var ~* "re")`), with its subject variable. */
function ifRegex(directive: NginxDirective): RegexMatch | undefined {
  const words = directive.args;
  const op = words.findIndex((w) => w.value === '~' || w.value === '~*' || w.value === '!~' || w.value === '!~*');
  if (op < 1 || words[op]!.value.startsWith('!')) return undefined;
  const subject = words[0]!.variables[0];
  const last = words[op + 1];
  if (!last) return undefined;
  const pattern = last.value.endsWith(')') && !last.quoted ? last.value.slice(0, -1) : last.value;
  return { directive, pattern, kind: 'if', subject: subject ? { name: subject.name, at: directive } : undefined };
}

/** The regex a directive matches, if it is one that does: a regex `location`, `rewrite`, `if ($v ~ re)`, a `map` line with a regex key. */
export function regexOf(directive: NginxDirective): RegexMatch | undefined {
  const name = directive.name.value;
  const args = directive.args;
  if (name === 'location' && (args[0]?.value === '~' || args[0]?.value === '~*') && args[1]) return { directive, pattern: args[1].value, kind: 'location', subject: { name: 'uri', at: directive } };
  if (name === 'rewrite' && args[0]) return { directive, pattern: args[0].value, kind: 'rewrite', subject: { name: 'uri', at: directive } };
  if (name === 'if') return ifRegex(directive);
  const map = directive.parent;
  if (map?.name.value === 'map' && name.startsWith('~')) {
    const source = map.args[0]?.variables[0];
    return { directive, pattern: name.replace(/^~\*?/, ''), kind: 'map', subject: source ? { name: source.name, at: map } : undefined };
  }
  return undefined;
}

/** The regex names of a server's `server_name` (`~^(?<sub>.+)\.example\.com$`), matched against the host. */
function serverNameRegexes(server: NginxDirective): RegexMatch[] {
  return (server.block ?? [])
    .filter((d) => d.name.value === 'server_name')
    .flatMap((d) => d.args.filter((a) => a.value.startsWith('~')).map((a) => ({ directive: d, pattern: a.value.slice(1), kind: 'server_name', subject: { name: 'host', at: d } })));
}

/**
 * The regex whose capture `$n` (a digit) or `$name` (a named group) means at a directive: for a
 * `rewrite`, its own; for a `map` line, its key; else the nearest `if (… ~ …)` or regex `location`
 * around it (and, for a named group, a `rewrite` written in those blocks or a `server_name` regex).
 */
export function captureRegex(at: NginxDirective, name: string): { match: RegexMatch; capture: CaptureFacts } | undefined {
  const numbered = /^[1-9]$/.test(name);
  const pick = (match: RegexMatch | undefined): { match: RegexMatch; capture: CaptureFacts } | undefined => {
    if (!match) return undefined;
    const facts = regexFacts(match.pattern);
    const index = numbered ? Number(name) - 1 : facts.names.get(name);
    const capture = index === undefined ? undefined : facts.captures[index];
    return capture ? { match, capture } : undefined;
  };
  const own = at.name.value === 'rewrite' || at.parent?.name.value === 'map' ? regexOf(at) : undefined;
  if (own) return pick(own);
  for (let block = at.parent; block; block = block.parent) {
    const kind = block.name.value;
    if (kind === 'if' || kind === 'location') {
      const match = regexOf(block);
      if (match && (numbered || pick(match))) return pick(match);
    }
    if (numbered) continue;
    for (const d of block.block ?? []) {
      const found = d.name.value === 'rewrite' ? pick(regexOf(d)) : undefined;
      if (found) return found;
    }
    if (kind === 'server') {
      for (const match of serverNameRegexes(block)) {
        const found = pick(match);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** A place a variable gets its value: a `set`, or a line of the `map` that defines it. */
export interface VariableDefinition {
  readonly directive: NginxDirective;
  /** The value word (the `set` value, the map line's value). */
  readonly value: NginxWord;
}

/** The `set`s and `map` lines of a configuration, by variable name (without `$`). */
const definitionsCache = new WeakMap<NginxConfig, Map<string, VariableDefinition[]>>();

/** Every place a configuration gives a variable a value: each `set $name …` and each line of `map … $name { }` (its `default` included). */
export function variableDefinitions(config: NginxConfig, name: string): readonly VariableDefinition[] {
  let all = definitionsCache.get(config);
  if (!all) {
    const found = new Map<string, VariableDefinition[]>();
    const add = (variable: string, definition: VariableDefinition): void => void found.set(variable, [...(found.get(variable) ?? []), definition]);
    walkNginx(config, (d) => {
      const target = d.args[0]?.value.match(/^\$(\w+)$/)?.[1];
      if (d.name.value === 'set' && target && d.args[1]) add(target, { directive: d, value: d.args[1] });
      const mapped = d.name.value === 'map' ? d.args[1]?.value.match(/^\$(\w+)$/)?.[1] : undefined;
      if (mapped) {
        for (const line of d.block ?? []) {
          if (['hostnames', 'volatile', 'include'].includes(line.name.value) || !line.args[0]) continue;
          add(mapped, { directive: line, value: line.args[0] });
        }
      }
    });
    all = found;
    definitionsCache.set(config, all);
  }
  return all.get(name) ?? [];
}

/**
 * Where the value of `$name`, used at a directive, comes from when a client controls it: a request
 * variable, a capture of a regex over one (unless the group matches only fixed literals), or a `set`
 * or `map` that builds it from those. One origin per way in; empty when the value is the
 * configuration's own.
 */
export function variableOrigins(config: NginxConfig, at: NginxDirective, name: string, seen: ReadonlySet<string> = new Set()): RequestOrigin[] {
  const builtin = requestVariable(name);
  if (builtin) return [builtin];
  const captured = captureRegex(at, name);
  if (captured) {
    const { match, capture } = captured;
    const subject = match.subject ? variableOrigins(config, match.subject.at, match.subject.name, seen) : [];
    if (capture.fixed) return [];
    return subject.map((origin) => ({
      source: origin.source,
      what: `a capture of the ${match.kind} regex "${match.pattern}" over ${origin.what}`,
      lineBreak: origin.lineBreak && capture.lineBreak,
      captured: true,
      through: [match.directive, ...origin.through],
    }));
  }
  if (seen.has(name)) return [];
  const inner = new Set([...seen, name]);
  return variableDefinitions(config, name).flatMap((definition) =>
    wordOrigins(config, definition.directive, definition.value, inner).map(({ origin }) => passedThrough(origin, definition.directive)),
  );
}

/** An origin as seen after one more directive passed it on (a `set`, a `map` line), each directive listed once. */
export function passedThrough(origin: RequestOrigin, directive: NginxDirective): RequestOrigin {
  return { ...origin, through: [directive, ...origin.through.filter((d) => d !== directive)] };
}

/** The variables of a word whose value a client controls, each with its origins. */
export function wordOrigins(config: NginxConfig, at: NginxDirective, word: NginxWord, seen: ReadonlySet<string> = new Set()): { variable: NginxVariable; origin: RequestOrigin }[] {
  return word.variables.flatMap((variable) => variableOrigins(config, at, variable.name, seen).map((origin) => ({ variable, origin })));
}

/** The status codes `return` sends with a URL in the Location header. */
const REDIRECT_CODES = new Set(['301', '302', '303', '307', '308']);

/**
 * The URL a `return` or `rewrite` sends the client to in the Location header: `return 301 URL`,
 * `return URL`, and a `rewrite` whose flag is `redirect`/`permanent` or whose replacement starts
 * with `http://`, `https://` or `$scheme`. Undefined for any other directive.
 */
export function redirectWord(directive: NginxDirective): NginxWord | undefined {
  const [first, second, third] = directive.args;
  if (directive.name.value === 'return') {
    if (first && !second && !/^\d+$/.test(first.value)) return first;
    return first && second && REDIRECT_CODES.has(first.value) ? second : undefined;
  }
  if (directive.name.value === 'rewrite' && second) {
    const redirect = third?.value === 'redirect' || third?.value === 'permanent' || /^(https?:\/\/|\$scheme)/.test(second.value);
    return redirect ? second : undefined;
  }
  return undefined;
}

/** The places a request-controlled value went through, as related locations: the regex that captures it, the `set` or the `map` line that passes it on. */
export function originRelated(origin: RequestOrigin): RelatedLocation[] {
  return origin.through.map((d) => {
    const message = d.name.value === 'set' ? 'the variable is set here' : d.parent?.name.value === 'map' ? 'the map line that gives the value' : 'the regex that captures it';
    return { message, file: d.file, range: d.name.range };
  });
}

/** Variables whose value starts with `/`: in an address they begin the path, not the host. */
const PATH_VARIABLES = new Set(['uri', 'document_uri', 'request_uri', 'request_filename', 'fastcgi_script_name']);

/**
 * The variables of a URL or server address written in its scheme (`$x://…`) and in its host and port
 * (after the scheme, up to the first literal `/`, `?`, `#` or a variable that holds a path). Without
 * a scheme, `relative` says what the value starts with: a server address (`fastcgi_pass $h:9000`,
 * `proxy_pass $url`) starts with its host, a redirect (`/login?rd=$http_host`) with its path, so it
 * has no host. A `unix:` socket has none.
 */
export function urlParts(word: NginxWord, relative: 'host' | 'path'): { scheme: NginxVariable[]; host: NginxVariable[] } {
  const value = word.value;
  const sep = value.indexOf('://');
  const schemeEnd = sep > 0 && !/[/?#]/.test(value.slice(0, sep)) ? sep : -1;
  const hostStart = schemeEnd === -1 ? 0 : schemeEnd + 3;
  if (value.startsWith('unix:', hostStart) || (schemeEnd === -1 && relative === 'path')) return { scheme: [], host: [] };
  let hostEnd = value.length;
  for (let i = hostStart; i < value.length; i++) {
    const variable = word.variables.find((v) => v.valueStart === i);
    if (variable) {
      if (PATH_VARIABLES.has(variable.name)) {
        hostEnd = i;
        break;
      }
      i = variable.valueEnd - 1;
    } else if ('/?#'.includes(value[i]!)) {
      hostEnd = i;
      break;
    }
  }
  return {
    scheme: word.variables.filter((v) => v.valueEnd <= schemeEnd),
    host: word.variables.filter((v) => v.valueStart >= hostStart && v.valueEnd <= hostEnd),
  };
}
