import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/input/source.js';
import { parseNginx } from '../../src/parse/nginx.js';
import { directiveNamed } from '../../src/parse/nginx-tree.js';
import { parsePgHba } from '../../src/parse/pg-hba.js';
import { parseRedisConf } from '../../src/parse/redis.js';
import { addNginxDirective, appendLine, configWord, ensureNginxDirective, ensureRedisDirective, replaceArgs, replaceWord } from '../../src/fix/configs.js';
import { FixSources } from '../../src/fix/sources.js';
import { memoryReader } from '../parse/config-helpers.js';
import { applyTo } from './helpers.js';

const file = (name: string, text: string): SourceFile => ({ name, absPath: `/${name}`, text });

/** Parses an nginx file, runs `build` on it, and gives the changed texts. */
function nginx(text: string, build: (parsed: ReturnType<typeof parseNginx>['config'], sources: FixSources) => ReturnType<typeof replaceWord>, more: Record<string, string> = {}) {
  const main = file('etc/nginx/nginx.conf', text);
  const others = Object.entries(more).map(([name, t]) => file(name, t));
  const reader = memoryReader(Object.fromEntries(others.map((f) => [f.absPath, f.text])));
  const { config, findings } = parseNginx(main, { path: '/etc/nginx/nginx.conf', reader });
  expect(findings).toEqual([]);
  const sources = FixSources.of(main, ...others);
  return applyTo([main, ...others], build(config, sources));
}

const http = (config: ReturnType<typeof parseNginx>['config']) => directiveNamed(config, 'http')!;

describe('nginx', () => {
  it('adds a directive after the block\'s last one, at its indent, keeping its comment', () => {
    const text = 'events {}\nhttp {\n    sendfile on; # fast\n    server {\n        listen 80;\n    }\n    # end of http\n}\n';
    expect(nginx(text, (config, s) => addNginxDirective(http(config), 'server_tokens', ['off'], s))).toEqual({
      'etc/nginx/nginx.conf': 'events {}\nhttp {\n    sendfile on; # fast\n    server {\n        listen 80;\n    }\n    server_tokens off;\n    # end of http\n}\n',
    });
  });

  it('adds into an empty block one step in, as the file indents, and into a block on one line', () => {
    expect(nginx('events {\n  worker_connections 1024;\n}\nhttp {\n}\n', (config, s) => addNginxDirective(http(config), 'server_tokens', ['off'], s))).toEqual({
      'etc/nginx/nginx.conf': 'events {\n  worker_connections 1024;\n}\nhttp {\n  server_tokens off;\n}\n',
    });
    expect(nginx('http { sendfile on; }', (config, s) => addNginxDirective(http(config), 'server_tokens', ['off'], s))).toEqual({
      'etc/nginx/nginx.conf': 'http { sendfile on; server_tokens off; }',
    });
    expect(nginx('http {}\r\n', (config, s) => addNginxDirective(http(config), 'server_tokens', ['off'], s))).toEqual({
      'etc/nginx/nginx.conf': 'http { server_tokens off; }\r\n',
    });
  });

  it('adds at the end of the main file for the top level, keeping a missing final line break', () => {
    expect(nginx('events {}\nhttp {}', (config, s) => addNginxDirective(config, 'pid', ['/tmp/nginx.pid'], s))).toEqual({
      'etc/nginx/nginx.conf': 'events {}\nhttp {}\npid /tmp/nginx.pid;',
    });
  });

  it('replaces a directive\'s arguments, and then leaves them', () => {
    const text = 'http {\n    ssl_protocols   TLSv1 TLSv1.1 TLSv1.2; # old\n    server_tokens on;\n}\n';
    const modern = (config: ReturnType<typeof parseNginx>['config'], s: FixSources) => ensureNginxDirective(config, http(config), 'ssl_protocols', ['TLSv1.2', 'TLSv1.3'], s);
    const once = nginx(text, modern)['etc/nginx/nginx.conf']!;
    expect(once).toBe('http {\n    ssl_protocols   TLSv1.2 TLSv1.3; # old\n    server_tokens on;\n}\n');
    expect(nginx(once, modern)).toEqual({});
    expect(nginx(text, (config, s) => ensureNginxDirective(config, http(config), 'server_tokens', ['off'], s))).toEqual({
      'etc/nginx/nginx.conf': text.replace('server_tokens on;', 'server_tokens off;'),
    });
  });

  it('edits a directive in the included file it is written in', () => {
    const main = 'http {\n    include /etc/nginx/conf.d/*.conf;\n}\n';
    const app = 'server {\n    listen 443 ssl;\n    ssl_protocols TLSv1;\n}\n';
    const result = nginx(
      main,
      (config, s) => {
        const server = directiveNamed(http(config), 'server')!;
        return replaceArgs(directiveNamed(server, 'ssl_protocols')!, ['TLSv1.3'], s);
      },
      { 'etc/nginx/conf.d/app.conf': app },
    );
    expect(result).toEqual({ 'etc/nginx/conf.d/app.conf': app.replace('TLSv1;', 'TLSv1.3;') });
  });

  it('quotes a word that needs it', () => {
    expect(configWord('off')).toBe('off');
    expect(configWord('a b')).toBe('"a b"');
    expect(configWord('say "x";')).toBe('"say \\"x\\";"');
    expect(configWord('')).toBe('""');
  });
});

describe('redis', () => {
  const redis = (text: string, build: (config: ReturnType<typeof parseRedisConf>, s: FixSources) => ReturnType<typeof replaceWord>) => {
    const conf = file('redis/redis.conf', text);
    return applyTo([conf], build(parseRedisConf(conf), FixSources.of(conf)))['redis/redis.conf'];
  };
  const protectedMode = (config: ReturnType<typeof parseRedisConf>, s: FixSources) => ensureRedisDirective(config, 'protected-mode', ['yes'], s);

  it('changes the line that takes effect', () => {
    expect(redis('protected-mode yes\n# later\nprotected-mode no  \r\nport 6379\n', protectedMode)).toBe('protected-mode yes\n# later\nprotected-mode yes  \r\nport 6379\n');
  });

  it('adds a missing directive at the end, keeping the file\'s line ending or its lack', () => {
    expect(redis('port 6379\r\n', protectedMode)).toBe('port 6379\r\nprotected-mode yes\r\n');
    expect(redis('port 6379', protectedMode)).toBe('port 6379\nprotected-mode yes');
    expect(redis('', protectedMode)).toBe('protected-mode yes\n');
  });

  it('leaves a directive that already says so', () => {
    expect(redis('protected-mode yes\n', protectedMode)).toBeUndefined();
  });
});

describe('pg_hba', () => {
  it('replaces trust with scram-sha-256, keeping the columns after it', () => {
    const text = '# TYPE  DATABASE  USER  ADDRESS       METHOD\nlocal   all       all                 trust\nhost    all       all   0.0.0.0/0     trust   # open\n';
    const hba = file('pg_hba.conf', text);
    const parsed = parsePgHba(hba);
    const sources = FixSources.of(hba);
    const fix = { edits: parsed.records.flatMap((record) => { const r = replaceWord(record.method, 'scram-sha-256', sources); return 'edits' in r ? r.edits : []; }) };
    expect(applyTo([hba], fix)).toEqual({
      'pg_hba.conf': '# TYPE  DATABASE  USER  ADDRESS       METHOD\nlocal   all       all                 scram-sha-256\nhost    all       all   0.0.0.0/0     scram-sha-256   # open\n',
    });
    expect(replaceWord(parsed.records[0]!.method, 'trust', sources)).toEqual({ edits: [] });
  });
});

describe('appendLine', () => {
  it('refuses a file it was not given', () => {
    expect(appendLine('nope', 'x', FixSources.of())).toEqual({ refused: 'nope is not among the files that can be edited' });
  });
});
