import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { rootedReader, type ConfigReader } from '../../src/parse/config-words.js';
import { parseNginx, type NginxDirective, type NginxParseOptions, type NginxWord } from '../../src/parse/nginx.js';
import { ancestorsOf, contextOf, directiveNamed, directivesNamed, effectiveDirective, effectiveDirectives, enclosing, walkNginx } from '../../src/parse/nginx-tree.js';
import type { Range } from '../../src/parse/position.js';

const parse = (text: string, options?: NginxParseOptions) => parseNginx({ name: 'nginx.conf', absPath: '/etc/nginx/nginx.conf', text }, options);

function at(range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** `file line:col-line:col message` of each finding. */
function found(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file} ${at(f.range)} ${f.message}${f.related.map((r) => ` [${at(r.range)} ${r.message}]`).join('')}`);
}

/** The errors of a text, which must be its only findings. */
function errors(text: string): string[] {
  return found(parse(text).findings).map((f) => f.replace(/^nginx\.conf /, ''));
}

function words(d: NginxDirective): string {
  return [d.name, ...d.args].map((w) => w.value).join(' ');
}

/** `name args @range` per directive, nested with indentation. */
function tree(directives: readonly NginxDirective[], indent = ''): string[] {
  return directives.flatMap((d) => [`${indent}${words(d)} @${at(d.range)}`, ...tree(d.block ?? [], `${indent}  `)]);
}

function wordAt(text: string, directive: number, index: number): NginxWord {
  const { config, findings } = parse(text);
  expect(found(findings)).toEqual([]);
  const d = config.directives[directive]!;
  return index === 0 ? d.name : d.args[index - 1]!;
}

describe('nginx grammar', () => {
  it('reads directives, blocks and their exact ranges', () => {
    const { config, findings } = parse('user nginx;\nhttp {\n  server {\n    listen 80;\n  }\n}\n');
    expect(findings).toEqual([]);
    expect(tree(config.directives)).toEqual(['user nginx @1:1-1:12', 'http @2:1-6:2', '  server @3:3-5:4', '    listen 80 @4:5-4:15']);
    const listen = config.directives[1]!.block![0]!.block![0]!;
    expect(at(listen.name.range)).toBe('4:5-4:11');
    expect(at(listen.args[0]!.range)).toBe('4:12-4:14');
    expect(listen.file).toBe('nginx.conf');
  });

  it('keeps parent pointers and context chains', () => {
    const { config } = parse('http { server { location / { if ($x) { return 404; } } } }');
    const ret = config.directives[0]!.block![0]!.block![0]!.block![0]!.block![0]!;
    expect(words(ret)).toBe('return 404');
    expect(contextOf(ret)).toEqual(['http', 'server', 'location', 'if']);
    expect(ancestorsOf(ret).map((d) => d.name.value)).toEqual(['http', 'server', 'location', 'if']);
    expect(enclosing(ret, 'server')?.name.range).toEqual(config.directives[0]!.block![0]!.name.range);
    expect(enclosing(ret, 'upstream')).toBeUndefined();
    expect(config.directives[0]!.parent).toBeUndefined();
  });

  it('reads double- and single-quoted words with escapes, keeping raw text and quote kind', () => {
    const text = `a "x y\\"z" 'it\\'s' "t\\tn\\nr\\r\\\\" "\\d";`;
    const { config } = parse(text);
    const [x, s, esc, other] = config.directives[0]!.args;
    expect(x).toMatchObject({ raw: '"x y\\"z"', value: 'x y"z', quoted: '"' });
    expect(at(x!.range)).toBe('1:3-1:11');
    expect(s).toMatchObject({ raw: "'it\\'s'", value: "it's", quoted: "'" });
    expect(at(s!.range)).toBe('1:12-1:19');
    expect(esc!.value).toBe('t\tn\nr\r\\');
    // Other escapes stay as written.
    expect(other!.value).toBe('\\d');
  });

  it('reads `\\` escapes in bare words', () => {
    const w = wordAt('a b\\ c\\;d;', 0, 1);
    expect(w).toMatchObject({ raw: 'b\\ c\\;d', value: 'b\\ c\\;d', quoted: undefined });
    expect(at(w.range)).toBe('1:3-1:10');
    expect(wordAt('a \\"x\\";', 0, 1).value).toBe('"x"');
  });

  it('keeps `{`, `}`, `;` and `#` inside quotes as text', () => {
    const { config, findings } = parse('return 200 "{ } ; # x";\nadd_header X \'a}b\';');
    expect(findings).toEqual([]);
    expect(config.directives.map(words)).toEqual(['return 200 { } ; # x', 'add_header X a}b']);
    expect(config.comments).toEqual([]);
  });

  it('reads `#` as a comment only where a word starts; inside a bare word it is text', () => {
    const { config, findings } = parse('# top\nlisten 80; # trailing\nset $a b#c;\r\n  #indented\r\n');
    expect(findings).toEqual([]);
    expect(config.directives.map(words)).toEqual(['listen 80', 'set $a b#c']);
    expect(config.comments.map((c) => `${at(c.range)} ${c.text}`)).toEqual(['1:1-1:6  top', '2:12-2:22  trailing', '4:3-4:12 indented']);
    expect(config.comments[0]!.file).toBe('nginx.conf');
  });

  it('finds variables with exact ranges: $name, ${name}, $1, inside quotes and words', () => {
    const w = wordAt('return 301 "https://${host}$request_uri?a=$1&b=$arg_b";', 0, 2);
    expect(w.variables.map((v) => `${v.name} ${at(v.range)}`)).toEqual(['host 1:21-1:28', 'request_uri 1:28-1:40', '1 1:43-1:45', 'arg_b 1:48-1:54']);
    // A `$` that starts no name (a regex anchor) is not a variable.
    expect(wordAt('location ~ ^/a$ { }', 0, 2).variables).toEqual([]);
    // Escapes before a variable shift its range.
    const e = wordAt('set $x "\\"$y";', 0, 2);
    expect(e.variables.map((v) => `${v.name} ${at(v.range)}`)).toEqual(['y 1:11-1:13']);
  });

  it('reads envsubst placeholders (${VAR}) as words, also at the start of a word', () => {
    const { config, findings } = parse('server {\n    listen ${NGINX_PORT};\n    server_name ${HOST}.example.com;\n    location / { proxy_pass http://${UPSTREAM}:8080; }\n}\n');
    expect(findings).toEqual([]);
    expect(tree(config.directives)).toEqual([
      'server @1:1-5:2',
      '  listen ${NGINX_PORT} @2:5-2:26',
      '  server_name ${HOST}.example.com @3:5-3:37',
      '  location / @4:5-4:55',
      '    proxy_pass http://${UPSTREAM}:8080 @4:18-4:53',
    ]);
    const listen = config.directives[0]!.block![0]!;
    expect(listen.args[0]!.variables.map((v) => `${v.name} ${at(v.range)}`)).toEqual(['NGINX_PORT 2:12-2:25']);
  });

  it('a `{` after `$` stays in the word; elsewhere it ends the word and opens a block', () => {
    const { config } = parse('a x$b{ c; }');
    expect(tree(config.directives)).toEqual(['a x$b @1:1-1:12', '  c @1:8-1:10']);
  });

  it('reads `if` conditions with parentheses as words, `)` after a quote starting a word', () => {
    const { config, findings } = parse('if ($http_x = "a b") { return 403; }\nif ($request_method !~ ^(GET|HEAD)$) { return 405; }');
    expect(findings).toEqual([]);
    expect(config.directives[0]!.args.map((w) => w.raw)).toEqual(['($http_x', '=', '"a b"', ')']);
    expect(at(config.directives[0]!.args[3]!.range)).toBe('1:20-1:21');
    expect(config.directives[1]!.args.map((w) => w.raw)).toEqual(['($request_method', '!~', '^(GET|HEAD)$)']);
  });

  it('reads map, types, geo, split_clients and upstream bodies as directives with arbitrary names', () => {
    const text = [
      'map $http_upgrade $connection_upgrade {',
      '    default upgrade;',
      "    ''      close;",
      '    ~^/a(?<x>.*) $x;',
      '}',
      'types { text/html html htm; application/json json; }',
      'geo $geo { 10.0.0.0/8 internal; default external; }',
      'split_clients "${remote_addr}AAA" $variant { 50% a; * b; }',
      'upstream app { server 127.0.0.1:8080 weight=2; keepalive 16; }',
    ].join('\n');
    const { config, findings } = parse(text);
    expect(findings).toEqual([]);
    expect(tree(config.directives)).toEqual([
      'map $http_upgrade $connection_upgrade @1:1-5:2',
      '  default upgrade @2:5-2:21',
      '   close @3:5-3:19',
      '  ~^/a(?<x>.*) $x @4:5-4:21',
      'types @6:1-6:53',
      '  text/html html htm @6:9-6:28',
      '  application/json json @6:29-6:51',
      'geo $geo @7:1-7:52',
      '  10.0.0.0/8 internal @7:12-7:32',
      '  default external @7:33-7:50',
      'split_clients ${remote_addr}AAA $variant @8:1-8:59',
      '  50% a @8:46-8:52',
      '  * b @8:53-8:57',
      'upstream app @9:1-9:63',
      '  server 127.0.0.1:8080 weight=2 @9:16-9:47',
      '  keepalive 16 @9:48-9:61',
    ]);
    expect(config.directives[0]!.block![1]!.name).toMatchObject({ raw: "''", value: '', quoted: "'" });
  });

  it('keeps a *_by_lua_block body as raw text, through nested braces, strings and comments', () => {
    const text = [
      'location / {',
      '    content_by_lua_block {',
      '        local t = { a = "}", b = \'{\' } -- } in a comment',
      '        local s = [[ } ]] .. [==[ ]] } ]==]',
      '        --[[ { ]] if t then ngx.say("ok") end',
      '    }',
      '    set_by_lua_block $res { return "x" }',
      '}',
    ].join('\n');
    const { config, findings } = parse(text);
    expect(findings).toEqual([]);
    const [content, set] = config.directives[0]!.block!;
    expect(at(content!.range)).toBe('2:5-6:6');
    expect(content!.block).toBeUndefined();
    expect(content!.body!.text).toBe(`\n${text.split('\n').slice(2, 5).join('\n')}\n    `);
    expect(at(content!.body!.range)).toBe('2:27-6:5');
    expect(set!.args.map((w) => w.value)).toEqual(['$res']);
    expect(set!.body).toEqual({ text: ' return "x" ', range: { start: { line: 7, column: 28 }, end: { line: 7, column: 40 } } });
  });

  it('in Lua, a quote without its closing quote on the same line is an ordinary character', () => {
    const { config, findings } = parse('content_by_lua_block {\n  a = "x\n}\nlisten 80;');
    expect(findings).toEqual([]);
    expect(config.directives.map((d) => d.name.value)).toEqual(['content_by_lua_block', 'listen']);
  });

  it('treats CR LF line ends as whitespace and counts columns in UTF-16 units', () => {
    const { config, findings } = parse('a "é😀";\r\nb c;\r\n');
    expect(findings).toEqual([]);
    expect(tree(config.directives)).toEqual(['a é😀 @1:1-1:9', 'b c @2:1-2:5']);
  });

  it('accepts an empty file and a file of comments', () => {
    expect(parse('').config.directives).toEqual([]);
    expect(parse('# only\n\n').findings).toEqual([]);
  });
});

const TEMPLATE_HINT = 'a template placeholder ("{{"): nginx reads this file only once it is rendered';

/** Each error kind: what it is, texts, and the findings each text gets (`line:col-line:col message [related]`). */
const ERRORS: readonly (readonly [string, readonly (readonly [string, readonly string[]])[]])[] = [
  ['an extra "}" at the top level', [['http {\n}\n}\n', ['3:1-3:2 unexpected "}"']]]],
  ['"}" right after words, with no ";"', [['server {\n  listen 80\n}\n', ['3:1-3:2 unexpected "}"']]]],
  [
    '";" or "{" with no directive before it',
    [
      ['listen 80;;\n', ['1:11-1:12 unexpected ";"']],
      ['http {\n  { }\n}', ['2:3-2:4 unexpected "{"']],
    ],
  ],
  [
    'a character right after a closing quote',
    [
      ['set $a "b"c;', ['1:11-1:12 unexpected "c"']],
      ["set $a 'b'#c;", ['1:11-1:12 unexpected "#"']],
      ['set $a "b"}', ['1:11-1:12 unexpected "}"']],
    ],
  ],
  [
    'the end of the file inside a directive',
    [
      ['http {\n  listen 80\n', ['3:1-3:1 unexpected end of file, expecting ";" or "}" [2:3-2:9 the directive starts here]']],
      ['listen 80', ['1:10-1:10 unexpected end of file, expecting ";" or "}" [1:8-1:10 the word starts here]']],
    ],
  ],
  ['the end of the file inside a quoted string', [['return 200 "abc\n\n', ['3:1-3:1 unexpected end of file, expecting ";" or "}" [1:12-1:13 the quoted string starts here]']]]],
  ['the end of the file inside a block', [['http {\n  server {\n    listen 80;\n  }\n', ['5:1-5:1 unexpected end of file, expecting "}" [1:6-1:7 the "http" block opens here]']]]],
  [
    'a word or quoted string that fills nginx 4096-byte buffer',
    [
      [`return 200 "${'y'.repeat(4094)}";`, []],
      // The closing quote fits, the character after it does not: nginx names the word.
      [`return 200 "${'y'.repeat(4095)}";`, ['1:12-1:13 too long parameter "yyyyyyyyyy..." started']],
      [`return 200 "${'y'.repeat(4096)}";`, ['1:12-1:13 too long parameter, probably missing terminating """ character']],
      [`return 200 ${'y'.repeat(4095)};`, []],
      [`return 200 ${'y'.repeat(4096)};`, ['1:12-1:13 too long parameter "yyyyyyyyyy..." started']],
      // Bytes, not characters: é is two bytes in UTF-8.
      [`return 200 "${'é'.repeat(2048)}";`, ['1:12-1:13 too long parameter, probably missing terminating """ character']],
    ],
  ],
  [
    'a block directive ended by ";"',
    [
      ['http {\n  server {\n    location /;\n  }\n}', ['3:15-3:16 directive "location" has no opening "{"']],
      ['http;', ['1:5-1:6 directive "http" has no opening "{"']],
      ['content_by_lua_block;', ['1:21-1:22 directive "content_by_lua_block" has no opening "{"']],
      // `server` in an upstream is a member, not a block; at the top level of a snippet the context is unknown.
      ['upstream a { server 10.0.0.1:80; }\nserver 10.0.0.2:80;', []],
      ['http { server; }', ['1:14-1:15 directive "server" has no opening "{"']],
    ],
  ],
  [
    'a simple directive of nginx followed by "{"',
    [
      ['server {\n  listen 80 {\n  }\n}', ['2:13-2:14 directive "listen" is not terminated by ";"']],
      // A directive nginx does not know could be a block of another module.
      ['server { my_module_block x { a b; } }', []],
    ],
  ],
  [
    'a template placeholder ({{...}}), pointed at beside the error it causes',
    [
      ['server {\n  server_name {{HOST}};\n}', [`2:15-2:16 directive "server_name" is not terminated by ";" [2:15-2:17 ${TEMPLATE_HINT}]`]],
      ['{{range services}}\n', [`1:1-1:2 unexpected "{" [1:1-1:3 ${TEMPLATE_HINT}]`]],
    ],
  ],
  [
    'a block inside map, types, geo or split_clients',
    [
      ['map $a $b {\n  default { }\n}', ['2:11-2:12 unexpected "{"']],
      ['types { text/html { } }', ['1:19-1:20 unexpected "{"']],
    ],
  ],
  [
    'a Lua block without its closing brace, reported at the last "{" nginx saw',
    [
      ['location / {\n  content_by_lua_block {\n    local t = {}\n    ngx.say(1)\n', ['3:15-3:16 unexpected end of file, expecting terminating characters for lua code block']],
      ['content_by_lua_block {\n  a = 1\n', ['1:22-1:23 unexpected end of file, expecting terminating characters for lua code block']],
    ],
  ],
  [
    'a Lua long string or comment without its closing bracket',
    [
      ['content_by_lua_block {\n  local s = [==[ x\n}\n', ['2:13-2:17 Lua code block missing the closing long bracket "]==]"']],
      ['content_by_lua_block {\n  --[[ x\n}\n', ['2:3-2:7 Lua code block missing the closing long bracket "]]"']],
    ],
  ],
];

describe('nginx syntax errors', () => {
  it.each(ERRORS)('%s', (_what, cases) => {
    for (const [text, expected] of cases) expect(errors(text), JSON.stringify(text.slice(0, 60))).toEqual(expected);
  });

  it('stops at the first error, keeping what was read before it', () => {
    const { config, findings } = parse('user a;\nhttp {\n  x "y"z;\n  listen 80;\n}\n}');
    expect(found(findings)).toEqual(['nginx.conf 3:8-3:9 unexpected "z"']);
    expect(tree(config.directives)).toEqual(['user a @1:1-1:8', 'http @2:1-2:7']);
  });

  it('never throws on arbitrary input', () => {
    const pieces = ['a', ' ', ';', '{', '}', '"', "'", '\\', '#', '\n', '$', '${', 'content_by_lua_block', '[[', '--', 'include x;', '('];
    let seed = 7;
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let i = 0; i < 30; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += pieces[seed % pieces.length];
      }
      const { findings } = parse(text);
      expect(findings.length).toBeLessThanOrEqual(1);
    }
  });
});

describe('nginx include', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-nginx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string): string => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  /** Parses a file of the temporary folder, reading includes inside `root` (default: the whole folder). */
  const parseFile = (rel: string, options: NginxParseOptions & { root?: string } = {}) => {
    const file = path.join(dir, rel);
    const reader = options.reader ?? rootedReader(options.root ?? dir, { cwd: dir });
    return parseNginx({ name: rel, absPath: file, text: readFileSync(file, 'utf8') }, { ...options, reader });
  };
  /** A reader of the container's `/etc/nginx/`, mounted from the folder `etc/nginx`; nothing else of the container is ours. */
  const container = (): ConfigReader => {
    const host = rootedReader(path.join(dir, 'etc/nginx'), { cwd: dir });
    const local = (p: string) => (p.startsWith('/etc/nginx/') ? path.join(dir, 'etc/nginx', p.slice('/etc/nginx/'.length)) : undefined);
    return {
      readFile: (p) => (local(p) ? host.readFile(local(p)!) : { ok: false, missing: false, message: 'a file of the image' }),
      listDir: (p) => (local(`${p}/`) ? host.listDir(local(`${p}/`)!) : { ok: false, missing: false, message: 'a folder of the image' }),
    };
  };

  it('splices included files after the include, relative to the main file folder, globs sorted', () => {
    write('main/nginx.conf', '# main\nhttp {\n  include conf.d/*.conf;\n  include mime.types;\n} # end\n');
    write('main/conf.d/b.conf', 'server { listen 81; }\n');
    write('main/conf.d/a.conf', '# a\nserver { listen 80; }\n');
    write('main/conf.d/.hidden.conf', 'broken {');
    write('main/conf.d/sub/c.conf', 'server { listen 82; }\n');
    write('main/mime.types', 'types { text/html html; }\n');
    const { config, findings } = parseFile('main/nginx.conf');
    expect(found(findings)).toEqual([]);
    expect(tree(config.directives)).toEqual([
      'http @2:1-5:2',
      '  include conf.d/*.conf @3:3-3:25',
      '  server @2:1-2:22',
      '    listen 80 @2:10-2:20',
      '  server @1:1-1:22',
      '    listen 81 @1:10-1:20',
      '  include mime.types @4:3-4:22',
      '  types @1:1-1:26',
      '    text/html html @1:9-1:24',
    ]);
    const http = config.directives[0]!;
    const [inc, a] = http.block!;
    expect(inc!.included).toEqual(['main/conf.d/a.conf', 'main/conf.d/b.conf']);
    expect(a!.file).toBe('main/conf.d/a.conf');
    expect(a!.includedFrom).toBe(inc);
    expect(a!.parent).toBe(http);
    expect(a!.block![0]!.includedFrom).toBe(inc);
    expect(contextOf(a!.block![0]!)).toEqual(['http', 'server']);
    expect(config.files).toEqual(['main/nginx.conf', 'main/conf.d/a.conf', 'main/conf.d/b.conf', 'main/mime.types']);
    // Comments in reading order, each in its own file.
    expect(config.comments.map((c) => `${c.file} ${at(c.range)}${c.text}`)).toEqual(['main/nginx.conf 1:1-1:7 main', 'main/conf.d/a.conf 1:1-1:4 a', 'main/nginx.conf 5:3-5:8 end']);
  });

  it('resolves relative includes against an explicit prefix, and absolute ones through the map', () => {
    write('etc/nginx/nginx.conf', 'include /etc/nginx/conf.d/*.conf;\ninclude snippets/x.conf;\ninclude /usr/share/nginx/modules/*.conf;\n');
    write('etc/nginx/conf.d/default.conf', 'server { listen 80; }\n');
    write('etc/nginx/snippets/x.conf', 'gzip on;\n');
    const { config, findings, includes } = parseFile('etc/nginx/nginx.conf', { path: '/etc/nginx/nginx.conf', reader: container() });
    expect(found(findings)).toEqual([]);
    expect(config.directives.map(words)).toEqual(['include /etc/nginx/conf.d/*.conf', 'server', 'include snippets/x.conf', 'gzip on', 'include /usr/share/nginx/modules/*.conf']);
    expect(config.directives[0]!.included).toEqual(['etc/nginx/conf.d/default.conf']);
    expect(config.directives[4]!.included).toEqual([]);
    expect(includes.map((i) => `${i.target.value} ${i.path} ${i.status} ${i.files.join(',')} @${at(i.target.origin.range)}`)).toEqual([
      '/etc/nginx/conf.d/*.conf /etc/nginx/conf.d/*.conf read etc/nginx/conf.d/default.conf @1:9-1:33',
      'snippets/x.conf /etc/nginx/snippets/x.conf read etc/nginx/snippets/x.conf @2:9-2:24',
      '/usr/share/nginx/modules/*.conf /usr/share/nginx/modules/*.conf unread  @3:9-3:40',
    ]);
    // An explicit prefix wins over the file's folder.
    const prefixed = parseFile('etc/nginx/nginx.conf', { path: '/srv/nginx.conf', prefix: '/etc/nginx', reader: container() });
    expect(prefixed.config.directives.map(words)).toEqual(config.directives.map(words));
  });

  it('reports a missing include at its argument; a glob matching nothing is fine', () => {
    write('missing/nginx.conf', 'include none/*.conf;\ninclude nope.conf;\nuser x;\n');
    const { config, findings } = parseFile('missing/nginx.conf');
    expect(found(findings)).toEqual(['missing/nginx.conf 2:9-2:18 included file does not exist']);
    expect(config.directives.map(words)).toEqual(['include none/*.conf', 'include nope.conf', 'user x']);
  });

  it('never reads outside the root, also through a symbolic link; such includes are skipped silently', () => {
    write('outside.conf', 'secret on;\n');
    write('rooted/nginx.conf', 'include ../outside.conf;\ninclude link.conf;\n');
    symlinkSync(path.join(dir, 'outside.conf'), path.join(dir, 'rooted/link.conf'));
    const { config, findings } = parseFile('rooted/nginx.conf', { root: path.join(dir, 'rooted') });
    expect(findings).toEqual([]);
    expect(config.files).toEqual(['rooted/nginx.conf']);
    expect(config.directives.map(words)).toEqual(['include ../outside.conf', 'include link.conf']);
  });

  it('reports an include cycle at the include that closes it', () => {
    write('loop/nginx.conf', 'include a.conf;\n');
    write('loop/a.conf', 'worker_processes 1;\ninclude nginx.conf;\n');
    const { config, findings } = parseFile('loop/nginx.conf');
    expect(found(findings)).toEqual(['loop/a.conf 2:9-2:19 include cycle: nginx.conf → a.conf → nginx.conf']);
    expect(config.directives.map(words)).toEqual(['include a.conf', 'worker_processes 1', 'include nginx.conf']);
  });

  it('reports a syntax error in an included file in that file, and stops there', () => {
    write('err/nginx.conf', 'http {\n  include bad.conf;\n  gzip on;\n}\n');
    write('err/bad.conf', 'server {\n  listen 80\n}\n');
    const { config, findings } = parseFile('err/nginx.conf');
    expect(found(findings)).toEqual(['err/bad.conf 3:1-3:2 unexpected "}"']);
    expect(tree(config.directives)).toEqual(['http @1:1-1:7', '  include bad.conf @2:3-2:20', '  server @1:1-1:9']);
  });

  it('an included file may not close its includer block', () => {
    write('close/nginx.conf', 'http {\n  include c.conf;\n');
    write('close/c.conf', 'gzip on;\n}\n');
    expect(found(parseFile('close/nginx.conf').findings)).toEqual(['close/c.conf 2:1-2:2 unexpected "}"']);
  });

  it('includes inside a map are read as map entries', () => {
    write('map/nginx.conf', 'map $a $b {\n  include entries.map;\n}\n');
    write('map/entries.map', 'x 1;\ny { }\n');
    expect(found(parseFile('map/nginx.conf').findings)).toEqual(['map/entries.map 2:3-2:4 unexpected "{"']);
  });

  it('without a reader, includes are kept and listed as unread', () => {
    const { config, findings, includes } = parse('include /etc/nginx/conf.d/*.conf;\ninclude mime.types;');
    expect(findings).toEqual([]);
    expect(config.directives[0]!.included).toEqual([]);
    expect(includes.map((i) => `${i.path} ${i.status}`)).toEqual(['/etc/nginx/conf.d/*.conf unread', '/etc/nginx/mime.types unread']);
  });
});

describe('nginx tree helpers', () => {
  const text = [
    'add_header X-Top 1;',
    'http {',
    '  add_header X-Http 1;',
    '  server_tokens off;',
    '  server {',
    '    add_header X-Server 1;',
    '    add_header X-Server-2 1;',
    '    location / { root /a; }',
    '    location /b { add_header X-B 1; }',
    '  }',
    '}',
  ].join('\n');
  const { config } = parse(text);
  const http = config.directives[1]!;
  const server = directiveNamed(http, 'server')!;
  const [locA, locB] = directivesNamed(server, 'location');

  it('finds directives by name in a context', () => {
    expect(directivesNamed(config, 'http')).toEqual([http]);
    expect(directivesNamed(server, 'add_header').map((d) => d.args[0]!.value)).toEqual(['X-Server', 'X-Server-2']);
    expect(directiveNamed(server, 'missing')).toBeUndefined();
  });

  it('gives the inherited directives of a context: the innermost level that has any replaces the outer ones', () => {
    const names = (ds: NginxDirective[]) => ds.map((d) => d.args[0]!.value);
    expect(names(effectiveDirectives(config, locA, 'add_header'))).toEqual(['X-Server', 'X-Server-2']);
    expect(names(effectiveDirectives(config, locB, 'add_header'))).toEqual(['X-B']);
    expect(names(effectiveDirectives(config, http, 'add_header'))).toEqual(['X-Http']);
    expect(names(effectiveDirectives(config, undefined, 'add_header'))).toEqual(['X-Top']);
    expect(effectiveDirective(config, locA, 'server_tokens')?.args[0]!.value).toBe('off');
    expect(effectiveDirective(config, locA, 'gzip')).toBeUndefined();
  });

  it('walks every directive with its ancestors, and can skip a block', () => {
    const seen: string[] = [];
    walkNginx(config, (d, ancestors) => {
      seen.push(`${ancestors.map((a) => a.name.value).join('>')}|${d.name.value}`);
      return d.name.value !== 'location' || d.args[0]!.value !== '/b';
    });
    expect(seen).toEqual(['|add_header', '|http', 'http|add_header', 'http|server_tokens', 'http|server', 'http>server|add_header', 'http>server|add_header', 'http>server|location', 'http>server>location|root', 'http>server|location']);
    const inServer: string[] = [];
    walkNginx(server, (d, ancestors) => void inServer.push(`${ancestors.map((a) => a.name.value).join('>')}|${d.name.value}`));
    expect(inServer.slice(0, 3)).toEqual(['http>server|add_header', 'http>server|add_header', 'http>server|location']);
  });
});
