import { describe, expect, it } from 'vitest';
import { regexFacts } from '../../src/model/nginx-regex.js';
import { redirectWord, urlParts, variableOrigins } from '../../src/model/nginx-variables.js';
import { parseNginx, type NginxDirective } from '../../src/parse/nginx.js';
import { walkNginx } from '../../src/parse/nginx-tree.js';

const facts = (pattern: string) => regexFacts(pattern).captures.map((c) => `${c.lineBreak ? 'LF' : '-'} ${c.fixed ? 'fixed' : 'free'}`);

describe('regexFacts', () => {
  it('says which groups can match a line feed, as PCRE reads the pattern by default', () => {
    expect(facts('^/(.*)$')).toEqual(['- free']);
    expect(facts('(?s)^/(.*)$')).toEqual(['LF free']);
    expect(facts('^/([^/]+)/([^/\\s]+)/([^\\n]*)/([^\\x00-\\x1f]+)$')).toEqual(['LF free', '- free', '- free', '- free']);
    expect(facts('(\\s+)(\\S+)(\\w)(\\W)(\\d)(\\D)(\\R)(\\N)')).toEqual(['LF free', '- free', '- free', 'LF free', '- free', 'LF free', 'LF free', '- free']);
    expect(facts('([[:space:]])([[:alpha:]])([^[:space:]])')).toEqual(['LF free', '- free', '- free']);
    expect(facts('(a\\nb)(\\x0a)(\\x{0A})(\\012)')).toEqual(['LF fixed', 'LF fixed', 'LF fixed', 'LF fixed']);
  });

  it('says which groups match only fixed literals', () => {
    expect(facts('^/(api|web)/(v1)?(x+)(a{2})(a{1,3})')).toEqual(['- fixed', '- fixed', '- free', '- fixed', '- free']);
    expect(facts('((a)|b*)')).toEqual(['- free', '- fixed']);
    expect(facts('\\Q(x)\\E(y)')).toEqual(['- fixed']);
  });

  it('numbers and names groups as PCRE does; lookarounds, comments and non-capturing groups capture nothing', () => {
    const r = regexFacts("(?:a)(?<one>[^.]+)(?=(x))(?P<two>b)(?'three'c)(?#(no))(?i)(d)");
    expect(r.captures.length).toBe(5);
    expect([...r.names]).toEqual([['one', 0], ['two', 2], ['three', 3]]);
    // the text a lookahead looks at is not part of the group around it
    expect(facts('(a(?=[^x]))')).toEqual(['- fixed']);
  });
});

function directiveAt(text: string, name: string): { config: ReturnType<typeof parseNginx>['config']; at: NginxDirective } {
  const { config } = parseNginx({ name: 'site.conf', absPath: '/site.conf', text });
  let at: NginxDirective | undefined;
  walkNginx(config, (d) => void (d.name.value === name && (at ??= d)));
  return { config, at: at! };
}

describe('variableOrigins', () => {
  const origins = (text: string, name: string, variable: string) => {
    const { config, at } = directiveAt(text, name);
    return variableOrigins(config, at, variable).map((o) => `${o.source} ${o.lineBreak ? 'LF' : '-'} ${o.through.map((d) => d.name.value).join('>')}`);
  };

  it('knows the request variables and which can hold a line feed', () => {
    expect(origins('server { add_header X $x; }', 'add_header', 'uri')).toEqual(['uri LF ']);
    expect(origins('server { add_header X $x; }', 'add_header', 'request_uri')).toEqual(['request_uri - ']);
    expect(origins('server { add_header X $x; }', 'add_header', 'http_x_forwarded_for')).toEqual(['http_x_forwarded_for - ']);
    expect(origins('server { add_header X $x; }', 'add_header', 'scheme')).toEqual([]);
    expect(origins('server { add_header X $x; }', 'add_header', 'http_')).toEqual([]);
  });

  it('resolves captures to the nearest regex: the rewrite itself, an if, a location, a server_name', () => {
    expect(origins('location ~ ^/(.+)$ { if ($arg_a ~ ^([^&]*)$) { add_header X $1; } }', 'add_header', '1')).toEqual(['arg_a - if']);
    expect(origins('location ~ ^/([^/]+)$ { add_header X $1; }', 'add_header', '1')).toEqual(['uri LF location']);
    expect(origins('location ~ ^/([^/]+)$ { rewrite ^/(a|b)$ /x/$1; }', 'rewrite', '1')).toEqual([]);
    expect(origins('location /p { add_header X $1; }', 'add_header', '1')).toEqual([]);
    expect(origins('server { server_name ~^(?<sub>[^.]+)\\.example\\.com$; location / { add_header X $sub; } }', 'add_header', 'sub')).toEqual(['host - server_name']);
    expect(origins('if ($scheme ~ ^(.+)$) { add_header X $1; }', 'add_header', '1')).toEqual([]);
  });

  it('follows set and map, without looping', () => {
    expect(origins('set $a $b; set $b $a; set $b $cookie_c; add_header X $a;', 'add_header', 'a')).toEqual(['cookie_c - set>set']);
    expect(origins('map $http_x $m { default a; ~^(.+)$ $1; } add_header X $m;', 'add_header', 'm')).toEqual(['http_x - ~^(.+)$']);
    expect(origins('map $http_x $m { default a; b c; } add_header X $m;', 'add_header', 'm')).toEqual([]);
  });
});

describe('redirectWord', () => {
  const word = (text: string, name: string) => redirectWord(directiveAt(text, name).at)?.value;
  it('is the URL of a redirecting return or rewrite', () => {
    expect(word('return 301 https://a$uri;', 'return')).toBe('https://a$uri');
    expect(word('return https://a;', 'return')).toBe('https://a');
    expect(word('return 200 $uri;', 'return')).toBeUndefined();
    expect(word('return 444;', 'return')).toBeUndefined();
    expect(word('rewrite ^ /a permanent;', 'rewrite')).toBe('/a');
    expect(word('rewrite ^ $scheme://a$uri;', 'rewrite')).toBe('$scheme://a$uri');
    expect(word('rewrite ^ /a last;', 'rewrite')).toBeUndefined();
  });
});

describe('urlParts', () => {
  const parts = (text: string, relative: 'host' | 'path') => {
    const word = directiveAt(text, 'x').at.args[0]!;
    const { scheme, host } = urlParts(word, relative);
    return `${scheme.map((v) => v.name).join(',')} | ${host.map((v) => v.name).join(',')}`;
  };
  it('splits scheme and host from the path, query and path variables', () => {
    expect(parts('x $1://$2/$3;', 'host')).toBe('1 | 2');
    expect(parts('x http://$a.$b:$port$request_uri;', 'host')).toBe(' | a,b,port');
    expect(parts('x "http://app?u=$arg_u";', 'host')).toBe(' | ');
    expect(parts('x $target;', 'host')).toBe(' | target');
    expect(parts('x $target?u=http://$b;', 'host')).toBe(' | target');
    expect(parts('x $h:9000;', 'host')).toBe(' | h');
    expect(parts('x http://unix:/run/$s.sock;', 'host')).toBe(' | ');
    expect(parts('x /login?rd=$scheme://$http_host;', 'path')).toBe(' | ');
    expect(parts('x https://$http_host/a;', 'path')).toBe(' | http_host');
  });
});
