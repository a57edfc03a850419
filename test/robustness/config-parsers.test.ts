import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { ConfigReader, ConfigWord } from '../../src/parse/config-words.js';
import { parseNginx, type NginxDirective, type NginxWord } from '../../src/parse/nginx.js';
import { parsePgHba } from '../../src/parse/pg-hba.js';
import type { Origin } from '../../src/parse/position.js';
import { parsePostgresConf } from '../../src/parse/postgres-conf.js';
import { parseRedisConf } from '../../src/parse/redis.js';
import type { SourceFile } from '../../src/input/source.js';
import { memoryReader } from '../parse/config-helpers.js';
import { corpusFiles, findingProblems, mutatedCorpus, originProblem, params, soup, TIMEOUT } from './properties.js';

/**
 * The nginx, redis, postgresql.conf and pg_hba parsers never throw, and every finding and every
 * place of the parsed config lies inside the file it names: on token soups and on mutated corpus
 * files. Each parse runs with a reader over two in-memory files, the main one and an other one that
 * the fragments include (the main file including itself or the other one: cycles, globs).
 */

interface Parsed {
  findings: readonly Finding[];
  /** Every place the parsed config names. */
  places: Origin[];
}

interface Kind {
  name: string;
  corpus: string[];
  /** Where the server reads the main file, and the other file beside it. */
  main: string;
  other: string;
  fragments: string[];
  parse(text: string, reader: ConfigReader): Parsed;
}

/** A file read at `absPath`, named as the reader names files: the path without its leading slash. */
const at = (absPath: string, text: string): SourceFile => ({ name: absPath.slice(1), absPath, text });

const words = (list: readonly ConfigWord[]): Origin[] => list.map((w) => w.origin);

function nginxPlaces(directives: readonly NginxDirective[] | undefined): Origin[] {
  const word = (w: NginxWord): Origin[] => [{ file: w.file, range: w.range }, ...w.variables.map((v) => ({ file: v.file, range: v.range }))];
  return (directives ?? []).flatMap((d) => [
    { file: d.file, range: d.range },
    ...word(d.name),
    ...d.args.flatMap(word),
    ...(d.body ? [{ file: d.file, range: d.body.range }] : []),
    ...nginxPlaces(d.block),
  ]);
}

const SHARED = ['{', '}', ';', '"', "'", '\\', '\\"', "\\'", '#', '# comment', '\n', '\r', '=', ',', '*', '', '\uFEFF', '\t'];

const KINDS: Kind[] = [
  {
    name: 'nginx',
    corpus: corpusFiles('nginx'),
    main: '/etc/nginx/nginx.conf',
    other: '/etc/nginx/conf.d/a.conf',
    fragments: [...SHARED, 'http', 'server', 'events', 'location', 'upstream', 'include', 'nginx.conf', 'conf.d/*.conf', '/etc/nginx/conf.d/a.conf', 'listen 80', 'server_name', '$host', '${var}', '$1', 'proxy_pass', 'http://backend', 'if', '($x ~* "a")', 'content_by_lua_block', 'map $a $b', 'return 301', 'add_header X "y" always', 'set $a "b"', 'rewrite ^(.*)$ $1', 'types', 'ssl_ciphers "HIGH:!aNULL"', '~', '^~', '@named', 'default_server', '\\n'],
    parse(text, reader) {
      const { config, findings, includes } = parseNginx(at(this.main, text), { reader });
      return { findings, places: [...nginxPlaces(config.directives), ...config.comments.map((c) => ({ file: c.file, range: c.range })), ...includes.map((i) => i.target.origin)] };
    },
  },
  {
    name: 'redis',
    corpus: corpusFiles('redis'),
    main: '/etc/redis/redis.conf',
    other: '/etc/redis/a.conf',
    fragments: [...SHARED, 'bind', '127.0.0.1 -::1', 'port', '6379', 'requirepass', 'include', '/etc/redis/redis.conf', '/etc/redis/*.conf', 'a.conf', '\\x41', '\\x4', '\\xZZ', '"a\\"b"', "'a\\'b'", 'save 900 1', 'save ""', 'rename-command CONFIG ""', 'maxmemory 1gb', 'user default on >pw ~* +@all', 'sentinel monitor m 127.0.0.1 6379 2', 'protected-mode no', 'loadmodule', 'dir /data'],
    parse(text, reader) {
      const config = parseRedisConf(at(this.main, text), { reader });
      return { findings: config.findings, places: [...config.directives.flatMap((d) => [d.origin, d.name.origin, ...words(d.args)]), ...config.includes.map((i) => i.target.origin)] };
    },
  },
  {
    name: 'postgresql.conf',
    corpus: corpusFiles('postgres').filter((f) => !/pg_(hba|ident)/.test(f)),
    main: '/etc/postgresql/postgresql.conf',
    other: '/etc/postgresql/conf.d/a.conf',
    fragments: [...SHARED, 'shared_buffers', '128MB', "''", "'it''s'", "'a\\'b'", 'include', "'postgresql.conf'", 'include_dir', "'conf.d'", 'include_if_exists', "'conf.d/a.conf'", 'listen_addresses', "'*'", 'on', 'off', '5min', '-1', '1e3', '0x1F', '.5', 'ssl', 'a.b', 'max_connections = 100', 'work_mem = 4MB', 'log_line_prefix = \'%m [%p] \''],
    parse(text, reader) {
      const config = parsePostgresConf(at(this.main, text), { reader });
      return { findings: config.findings, places: [...config.settings.flatMap((s) => [s.name.origin, s.value.origin]), ...config.includes.map((i) => i.target.origin)] };
    },
  },
  {
    name: 'pg_hba',
    corpus: corpusFiles('postgres').filter((f) => /pg_hba/.test(f)),
    main: '/etc/postgresql/pg_hba.conf',
    other: '/etc/postgresql/users',
    fragments: [...SHARED, 'local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'all', 'replication', 'sameuser', '+group', '/^re.*$', '@users', '"all"', '"a""b"', '127.0.0.1/32', '::1/128', '0.0.0.0/0', '10.0.0.0', '255.255.255.0', 'ffff::', 'samehost', '.example.com', 'md5', 'trust', 'scram-sha-256', 'cert', 'clientcert=verify-full', 'map=x', 'include', 'include_dir', 'include_if_exists', 'pg_hba.conf', 'users', 'a,b', ' , '],
    parse(text, reader) {
      const hba = parsePgHba(at(this.main, text), { reader });
      const address = (r: (typeof hba.records)[number]): Origin[] => (r.address ? [r.address.word.origin, ...(r.address.kind === 'ip-mask' ? [r.address.mask.origin] : [])] : []);
      return {
        findings: hba.findings,
        places: [...hba.records.flatMap((r) => [r.origin, r.type.origin, ...words(r.databases), ...words(r.users), ...address(r), r.method.origin, ...r.options.map((o) => o.word.origin)]), ...hba.includes.map((i) => i.target.origin)],
      };
    },
  },
];

/** Problems with parsing `main` (with `other` readable beside it): findings or places outside their files. */
function problems(kind: Kind, main: string, other: string): string[] {
  const texts = new Map([
    [kind.main.slice(1), main],
    [kind.other.slice(1), other],
  ]);
  const { findings, places } = kind.parse(main, memoryReader({ [kind.main]: main, [kind.other]: other }));
  const out = findingProblems(findings, texts);
  for (const place of places) {
    const bad = originProblem(place, texts);
    if (bad) out.push(`parsed place ${bad}`);
  }
  return out;
}

describe.each(KINDS)('the $name parser', (kind) => {
  it(
    'reads a token soup without an exception, every finding and place inside its file',
    () => {
      const tokens = soup(kind.fragments);
      fc.assert(
        fc.property(tokens, tokens, (main, other) => {
          expect(problems(kind, main, other)).toEqual([]);
        }),
        params(300),
      );
    },
    TIMEOUT,
  );

  it(
    'reads a mutated corpus file without an exception, every finding and place inside its file',
    () => {
      expect(kind.corpus.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(mutatedCorpus(kind.corpus, kind.fragments), soup(kind.fragments), ({ text }, other) => {
          expect(problems(kind, text, other)).toEqual([]);
        }),
        params(150),
      );
    },
    TIMEOUT,
  );
});
