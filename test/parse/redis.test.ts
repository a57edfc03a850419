import { describe, expect, it } from 'vitest';
import { CORE_REDIS } from '../../src/findings/core.js';
import { parseRedisConf, redisBytes, redisCommandLine, redisYes, type RedisDirective } from '../../src/parse/redis.js';
import { commandWords, finding, memoryReader, source, span, word } from './config-helpers.js';

const directive = (d: RedisDirective): string => [d.key, word(d.name), ...d.args.map(word)].join(' ');
const directives = (text: string): string[] => parseRedisConf(source(text)).directives.map(directive);
const findings = (text: string): string[] => parseRedisConf(source(text)).findings.map(finding);

describe('parseRedisConf: directives and arguments with exact ranges', () => {
  it('one directive per line, names case-insensitive, blanks around a line and \\r dropped', () => {
    expect(directives('port 6379\n  Bind  127.0.0.1 -::1\r\n\n\tMAXMEMORY 2gb\n')).toEqual([
      'port "port"@1:1-1:5 "6379"@1:6-1:10',
      'bind "Bind"@2:3-2:7 "127.0.0.1"@2:9-2:18 "-::1"@2:19-2:23',
      'maxmemory "MAXMEMORY"@4:2-4:11 "2gb"@4:12-4:15',
    ]);
  });

  it('a # starts a comment only as the first character of a line; later it is an argument', () => {
    expect(directives('# requirepass foobared\n   # indented comment\nrequirepass secret # not a comment\n')).toEqual([
      'requirepass "requirepass"@3:1-3:12 "secret"@3:13-3:19 "#"@3:20-3:21 "not"@3:22-3:25 "a"@3:26-3:27 "comment"@3:28-3:35',
    ]);
  });

  it('double quotes read \\n \\t \\xHH and \\<any>; the range covers the quotes', () => {
    expect(directives('requirepass "a b\\"c\\n\\t\\x41\\z"\n')).toEqual(['requirepass "requirepass"@1:1-1:12 "a b\\"c\\n\\tAz"@1:13-1:31']);
  });

  it("single quotes are literal apart from \\'", () => {
    expect(directives("user app on '>p\\'w\\n' ~*\n")).toEqual([
      'user "user"@1:1-1:5 "app"@1:6-1:9 "on"@1:10-1:12 ">p\'w\\\\n"@1:13-1:22 "~*"@1:23-1:25',
    ]);
  });

  it('a quote may start inside an argument; an empty quoted argument is kept', () => {
    expect(directives('save ""\nlogfile /var/log/"redis server".log\n')).toEqual([
      'save "save"@1:1-1:5 ""@1:6-1:8',
      // The closing quote is followed by `.log`: redis refuses this line, so only `save` is left.
    ]);
    expect(directives('dir /data/"my dir"\n')).toEqual(['dir "dir"@1:1-1:4 "/data/my dir"@1:5-1:19']);
  });

  it('keeps ACL user lines as words, and repeated directives in order', () => {
    const config = parseRedisConf(source('save 900 1\nsave 300 10\nrename-command CONFIG ""\nuser default off\nuser app on >pw ~app:* +@read\nport 1\nport 2\n'));
    expect(config.all('SAVE').map(directive)).toEqual(['save "save"@1:1-1:5 "900"@1:6-1:9 "1"@1:10-1:11', 'save "save"@2:1-2:5 "300"@2:6-2:9 "10"@2:10-2:12']);
    expect(config.all('user').map((d) => d.args.map((a) => a.value).join(' '))).toEqual(['default off', 'app on >pw ~app:* +@read']);
    expect(config.last('Port')?.args[0]?.value).toBe('2');
    expect(config.last('port')?.origin.range).toEqual({ start: { line: 7, column: 1 }, end: { line: 7, column: 7 } });
    expect(config.last('maxmemory')).toBeUndefined();
    expect(config.findings).toEqual([]);
  });

  it('counts columns in UTF-16 code units', () => {
    expect(directives('masteruser "ü😀" x\n')).toEqual(['masteruser "masteruser"@1:1-1:11 "ü😀"@1:12-1:17 "x"@1:18-1:19']);
  });
});

describe('parseRedisConf: lines redis refuses', () => {
  it('an unterminated quote is reported at the opening quote, and the rest of the line is redacted', () => {
    expect(findings('port 1\nrequirepass "abc def\nmasterauth \'x\n')).toEqual([
      'core/redis redis.conf:2:13-2:14 unterminated quote: the line has no closing " [redact 2:1-2:21]',
      "core/redis redis.conf:3:12-3:13 unterminated quote: the line has no closing ' [redact 3:1-3:14]",
    ]);
  });

  it('a closing quote must be followed by a blank or the end of the line', () => {
    expect(findings('logfile "a"b\nlogfile \'a\'b c\nlogfile "a"\t\n')).toEqual([
      'core/redis redis.conf:1:12-1:13 a closing quote must be followed by a blank or the end of the line [redact 1:1-1:13]',
      'core/redis redis.conf:2:12-2:13 a closing quote must be followed by a blank or the end of the line [redact 2:1-2:15]',
    ]);
  });

  it('a trailing backslash inside double quotes leaves the quote open', () => {
    expect(findings('requirepass "abc\\\n')).toEqual(['core/redis redis.conf:1:13-1:14 unterminated quote: the line has no closing " [redact 1:1-1:18]']);
  });

  it('a directive without a value, and include with more than one path', () => {
    expect(findings('appendonly\ninclude a.conf b.conf\n')).toEqual([
      'core/redis redis.conf:1:1-1:11 directive "appendonly" has no value',
      'core/redis redis.conf:2:1-2:8 include takes exactly one path',
    ]);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\n\n', '"', "'", '\\', '"\\x4', 'a "\\x4"', '\r\n\r', '\u0000 a', '# only']) expect(() => parseRedisConf(source(text))).not.toThrow();
    expect(parseRedisConf(source('')).directives).toEqual([]);
  });

  it('CORE_REDIS is an error in the core namespace', () => {
    expect([CORE_REDIS.id, CORE_REDIS.severity]).toEqual(['core/redis', 'error']);
  });
});

describe('parseRedisConf: include', () => {
  const files = {
    '/etc/redis/base.conf': 'port 7000\nmaxmemory 1mb\n',
    '/etc/redis/conf.d/b.conf': 'maxmemory 3mb\n',
    '/etc/redis/conf.d/a.conf': 'maxmemory 2mb\n',
    '/etc/redis/conf.d/.hidden.conf': 'maxmemory 9mb\n',
    '/etc/redis/conf.d/c.txt': 'maxmemory 8mb\n',
    '/etc/redis/loop.conf': 'include /etc/redis/redis.conf\n',
  };
  const parse = (text: string, options: { refused?: string[]; cwd?: string } = {}) =>
    parseRedisConf(source(text, '/etc/redis/redis.conf'), { reader: memoryReader(files, options.refused), ...(options.cwd ? { cwd: options.cwd } : {}) });

  it('reads the included file in place: later lines override it', () => {
    const config = parse('maxmemory 5mb\ninclude /etc/redis/base.conf\nport 6379\n');
    expect(config.directives.map((d) => `${d.name.origin.file}:${d.origin.range.start.line} ${d.key} ${d.args.map((a) => a.value).join(' ')}`)).toEqual([
      '/etc/redis/redis.conf:1 maxmemory 5mb',
      '/etc/redis/redis.conf:2 include /etc/redis/base.conf',
      'etc/redis/base.conf:1 port 7000',
      'etc/redis/base.conf:2 maxmemory 1mb',
      '/etc/redis/redis.conf:3 port 6379',
    ]);
    expect(config.last('port')?.args[0]?.value).toBe('6379');
    expect(config.last('maxmemory')?.args[0]?.value).toBe('1mb');
    expect(config.includes.map((i) => `${i.status} ${i.path} ${i.files.join(',')}`)).toEqual(['read /etc/redis/base.conf etc/redis/base.conf']);
  });

  it('a relative path resolves against the working directory (default: the file’s directory)', () => {
    expect(parse('include base.conf\n').last('port')?.args[0]?.value).toBe('7000');
    expect(parse('include redis/base.conf\n', { cwd: '/etc' }).last('port')?.args[0]?.value).toBe('7000');
  });

  it('a pattern reads the files it matches in name order, not dot files; no match is no error', () => {
    const config = parse('include /etc/redis/conf.d/*.conf\ninclude /etc/redis/none/*.conf\ninclude /etc/redis/conf.d/[!a]*.conf\n');
    expect(config.all('maxmemory').map((d) => `${d.name.origin.file} ${d.args[0]!.value}`)).toEqual([
      'etc/redis/conf.d/a.conf 2mb',
      'etc/redis/conf.d/b.conf 3mb',
      'etc/redis/conf.d/b.conf 3mb',
    ]);
    expect(config.findings).toEqual([]);
    expect(config.includes.map((i) => `${i.status} ${i.files.length}`)).toEqual(['read 2', 'read 0', 'read 1']);
    // A wildcard in a directory name is not followed: the include is left unread.
    expect(parse('include /etc/*/conf.d/a.conf\n').includes.map((i) => i.status)).toEqual(['unread']);
  });

  it('a file that does not exist is a finding at the path; one that may not be read is only unread', () => {
    const config = parse('include /etc/redis/missing.conf\ninclude /secret/other.conf\n', { refused: ['/secret/other.conf'] });
    expect(config.findings.map(finding)).toEqual(['core/redis /etc/redis/redis.conf:1:9-1:32 included file does not exist']);
    expect(config.includes.map((i) => i.status)).toEqual(['missing', 'unread']);
  });

  it('a cycle is a finding at the include that closes it', () => {
    const config = parse('include /etc/redis/loop.conf\nport 1\n');
    expect(config.findings.map(finding)).toEqual(['core/redis etc/redis/loop.conf:1:9-1:30 include cycle: redis.conf → loop.conf → redis.conf']);
    expect(config.includes.map((i) => i.status)).toEqual(['cycle', 'read']);
  });

  it('without a reader, includes are listed as unread', () => {
    const config = parseRedisConf(source('include /etc/redis/base.conf\n'));
    expect(config.includes.map((i) => `${i.status} ${span(i.target.origin.range)}`)).toEqual(['unread 1:9-1:29']);
    expect(config.findings).toEqual([]);
  });
});

describe('redisBytes and redisYes', () => {
  it('reads units as redis does: k = 1000, kb = 1024, case-insensitive', () => {
    const cases: [string, number | undefined][] = [
      ['100', 100], ['1b', 1], ['1k', 1000], ['1kb', 1024], ['1K', 1000], ['1KB', 1024], ['2m', 2_000_000], ['2mb', 2 * 1024 ** 2],
      ['1g', 1e9], ['1Gb', 1024 ** 3], ['0', 0], ['mb', 0],
      ['-1', undefined], ['1.5gb', undefined], ['1tb', undefined], ['1 mb', undefined], ['', 0], ['10%', undefined],
    ];
    expect(cases.map(([v]) => [v, redisBytes(v)])).toEqual(cases);
  });

  it('yes and no, case-insensitive', () => {
    expect(['yes', 'NO', 'Yes', 'true', ''].map(redisYes)).toEqual([true, false, true, undefined, undefined]);
  });
});

describe('redisCommandLine', () => {
  it('the config file, then --name value… directives', () => {
    const line = redisCommandLine(commandWords('/usr/local/etc/redis.conf', '--requirepass', 'pw', '--save', '60', '1', '--Appendonly', 'yes'));
    expect(line.configFile?.value).toBe('/usr/local/etc/redis.conf');
    expect(line.directives.map(directive)).toEqual([
      'requirepass "requirepass"@1:29-1:40 "pw"@1:41-1:43',
      'save "save"@1:46-1:50 "60"@1:51-1:53 "1"@1:54-1:55',
      'appendonly "Appendonly"@1:58-1:68 "yes"@1:69-1:72',
    ]);
  });

  it('a lone --save gets an empty argument; the word after a lone --name is its argument even if it starts with --', () => {
    expect(redisCommandLine(commandWords('--save', '--requirepass', '--x--', '--port 6380')).directives.map(directive)).toEqual([
      'save "save"@1:3-1:7 ""@1:7-1:7',
      'requirepass "requirepass"@1:10-1:21 "--x--"@1:22-1:27',
      'port "port"@1:30-1:34 "6380"@1:35-1:39',
    ]);
    expect(redisCommandLine(commandWords('--save')).directives.map(directive)).toEqual(['save "save"@1:3-1:7 ""@1:7-1:7']);
  });

  it('no config file when the first word is an option', () => {
    const line = redisCommandLine(commandWords('--port', '6380'));
    expect(line.configFile).toBeUndefined();
    expect(line.directives.map((d) => d.key)).toEqual(['port']);
    expect(redisCommandLine(commandWords('-', '--port', '1')).configFile?.value).toBe('-');
  });
});
