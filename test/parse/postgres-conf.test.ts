import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rootedReader } from '../../src/parse/config-words.js';
import { CORE_POSTGRES } from '../../src/findings/core.js';
import { parsePostgresConf, pgBool, pgSetting, postgresCommandLine, type PgSettingEntry } from '../../src/parse/postgres-conf.js';
import { commandWords, finding, memoryReader, source, word } from './config-helpers.js';

const entry = (e: PgSettingEntry): string => `${e.key} ${word(e.name)} ${word(e.value)}`;
const parse = (text: string) => parsePostgresConf(source(text, 'postgresql.conf'));
const settings = (text: string): string[] => parse(text).settings.map(entry);
const findings = (text: string): string[] => parse(text).findings.map(finding);

describe('parsePostgresConf: settings with exact ranges', () => {
  it('name = value, name value and name=value; names case-insensitive; comments anywhere outside quotes', () => {
    expect(settings("# comment\nshared_buffers = 128MB\t# trailing\nMax_Connections 100\nport=5433\n  listen_addresses = '*'  # all\n")).toEqual([
      'shared_buffers "shared_buffers"@2:1-2:15 "128MB"@2:18-2:23',
      'max_connections "Max_Connections"@3:1-3:16 "100"@3:17-3:20',
      'port "port"@4:1-4:5 "5433"@4:6-4:10',
      'listen_addresses "listen_addresses"@5:3-5:19 "*"@5:22-5:25',
    ]);
  });

  it("quoted values read '' and backslash escapes (\\n, octal, \\<any>); # inside quotes is not a comment", () => {
    expect(settings("log_line_prefix = '%m [%p] ''x'' \\t#\\101\\q'\nssl_ciphers = 'HIGH:!aNULL' # c\n")).toEqual([
      'log_line_prefix "log_line_prefix"@1:1-1:16 "%m [%p] \'x\' \\t#Aq"@1:19-1:44',
      'ssl_ciphers "ssl_ciphers"@2:1-2:12 "HIGH:!aNULL"@2:15-2:28',
    ]);
  });

  it('bare words, paths after a letter, numbers with units, negative, real and hex values; qualified names', () => {
    expect(parse("a = on\nb = 5min\nc = -1\nd = 0.5\ne = 0x1F\nf = a.b.c\ng = C:/x-y.z\npg_stat_statements.max = 10000\nh = 1.5e3\ni = -.5e1\n").settings.map((s) => `${s.key}=${s.value.value}`)).toEqual([
      'a=on', 'b=5min', 'c=-1', 'd=0.5', 'e=0x1F', 'f=a.b.c', 'g=C:/x-y.z', 'pg_stat_statements.max=10000', 'h=1.5e3', 'i=-.5e1',
    ]);
  });

  it('the last setting of a name wins; value() converts it', () => {
    const config = parse('work_mem = 4MB\nshared_buffers = 1GB\nWORK_MEM = 64MB\n');
    expect(config.get('work_mem')?.value.origin.range).toEqual({ start: { line: 3, column: 12 }, end: { line: 3, column: 16 } });
    expect(config.value('work_mem')).toEqual({ ok: true, type: 'integer', value: 65536, bytes: 64 * 1024 ** 2 });
    expect(config.value('shared_buffers')).toEqual({ ok: true, type: 'integer', value: 131072, bytes: 1024 ** 3 });
    expect(config.value('ssl')).toBeUndefined();
    expect(config.findings).toEqual([]);
  });

  it('a file without a final newline, CRLF line ends, and an empty file', () => {
    expect(settings('port = 1\r\nssl = on')).toEqual(['port "port"@1:1-1:5 "1"@1:8-1:9', 'ssl "ssl"@2:1-2:4 "on"@2:7-2:9']);
    expect(settings('')).toEqual([]);
  });
});

describe('parsePostgresConf: syntax errors, as postgres finds them', () => {
  it('a line must start with a parameter name', () => {
    expect(findings("= 5\n'x' = 1\n/data = 1\na.b.c = 1\nport = 1\n")).toEqual([
      'core/postgres postgresql.conf:1:1-1:2 syntax error: a line must start with a parameter name [redact 1:1-1:4]',
      'core/postgres postgresql.conf:2:1-2:4 syntax error: a line must start with a parameter name [redact 2:1-2:8]',
      'core/postgres postgresql.conf:3:1-3:2 syntax error: a line must start with a parameter name [redact 3:1-3:10]',
      'core/postgres postgresql.conf:4:1-4:6 syntax error: a line must start with a parameter name [redact 4:1-4:10]',
    ]);
  });

  it('a missing value, a value that is not a word, number or quoted string, an unterminated quote', () => {
    expect(findings("port =\nport\ndata_directory = /var/lib/pg\npassword_x = 'abc\nlisten_addresses = 0.0.0.0\n")).toEqual([
      'core/postgres postgresql.conf:1:1-1:5 syntax error: "port" has no value [redact 1:5-1:7]',
      'core/postgres postgresql.conf:2:1-2:5 syntax error: "port" has no value',
      'core/postgres postgresql.conf:3:18-3:19 syntax error: the value of "data_directory" must be a word, a number or a quoted string; quote it [redact 3:15-3:29]',
      'core/postgres postgresql.conf:4:14-4:15 syntax error: the value of "password_x" has no closing quote [redact 4:11-4:18]',
      'core/postgres postgresql.conf:5:23-5:25 syntax error: unexpected text after the value of "listen_addresses"; quote a value that holds blanks or other characters [redact 5:17-5:27]',
    ]);
  });

  it('text after the value: a list, a fraction with a unit, a second word', () => {
    expect(findings("listen_addresses = localhost, db\nwork_mem = 1.5GB\nlog_line_prefix = a b # c\n")).toEqual([
      'core/postgres postgresql.conf:1:29-1:30 syntax error: unexpected text after the value of "listen_addresses"; quote a value that holds blanks or other characters [redact 1:17-1:33]',
      'core/postgres postgresql.conf:2:15-2:17 syntax error: unexpected text after the value of "work_mem"; quote a value that holds blanks or other characters [redact 2:9-2:17]',
      'core/postgres postgresql.conf:3:21-3:22 syntax error: unexpected text after the value of "log_line_prefix"; quote a value that holds blanks or other characters [redact 3:16-3:26]',
    ]);
  });

  it('quirks of the lexer: name.name and 1e3 are not values', () => {
    expect(findings('default_text_search_config = pg_catalog.english\nvacuum_cost_limit = 1e3\n')).toEqual([
      'core/postgres postgresql.conf:1:30-1:48 syntax error: the value of "default_text_search_config" has the form name.name, which postgres reads only in quotes; quote it [redact 1:27-1:48]',
      'core/postgres postgresql.conf:2:23-2:24 syntax error: unexpected text after the value of "vacuum_cost_limit"; quote a value that holds blanks or other characters [redact 2:18-2:24]',
    ]);
  });

  it('reads the line after an error, and never throws', () => {
    expect(parse("port = 'x\nssl = on\n").settings.map((s) => s.key)).toEqual(['ssl']);
    for (const text of ["'", '\\', "a = '\\", "a = '''", '= = =', '\u0000', 'a = 0x', 'a = .', 'a = -', 'a.b = c.d']) expect(() => parse(text)).not.toThrow();
    expect(parse("a = '''\nb = ''''\n").settings.map((s) => `${s.key}=${JSON.stringify(s.value.value)}`)).toEqual(['b="\'"']);
  });

  it('invalid values of known parameters (the value that takes effect only, as postgres checks): unit, boolean, a unit where none is taken', () => {
    expect(findings("shared_buffers = 128XB\nssl = maybe\nmax_connections = 100MB\nstatement_timeout = 5 sec\nwork_mem = '1.5GB'\nwork_mem = 64mb\nport = 5432kB\nport = 5432\n")).toEqual([
      'core/postgres postgresql.conf:1:18-1:23 invalid value for "shared_buffers": valid units are B, kB, MB, GB, TB [redact 1:15-1:23]',
      'core/postgres postgresql.conf:2:7-2:12 invalid value for "ssl": expected a boolean (on or off) [redact 2:4-2:12]',
      'core/postgres postgresql.conf:3:19-3:24 invalid value for "max_connections": this parameter takes no unit [redact 3:16-3:24]',
      'core/postgres postgresql.conf:4:23-4:26 syntax error: unexpected text after the value of "statement_timeout"; quote a value that holds blanks or other characters [redact 4:18-4:26]',
      'core/postgres postgresql.conf:6:12-6:16 invalid value for "work_mem": valid units are B, kB, MB, GB, TB [redact 6:9-6:16]',
    ]);
  });

  it('a parameter whose type changed between versions is not checked (log_connections is a list in postgres 18)', () => {
    expect(findings("log_connections = 'receipt,authentication'\n")).toEqual([]);
    expect(parse("log_connections = 'receipt'\n").value('log_connections')).toEqual({ ok: false, message: 'expected a boolean (on or off)' });
  });

  it('CORE_POSTGRES is an error in the core namespace', () => {
    expect([CORE_POSTGRES.id, CORE_POSTGRES.severity]).toEqual(['core/postgres', 'error']);
  });
});

describe('parsePostgresConf: include, include_if_exists, include_dir', () => {
  const files = {
    '/etc/postgresql/extra.conf': "work_mem = 8MB\ninclude 'nested/more.conf'\n",
    '/etc/postgresql/nested/more.conf': 'port = 6000\n',
    '/etc/postgresql/conf.d/20-b.conf': 'max_connections = 20\n',
    '/etc/postgresql/conf.d/10-a.conf': 'max_connections = 10\nport = 7000\n',
    '/etc/postgresql/conf.d/.hidden.conf': 'max_connections = 99\n',
    '/etc/postgresql/conf.d/notes.txt': 'max_connections = 98\n',
    '/etc/postgresql/loop.conf': "include 'postgresql.conf'\n",
    '/etc/postgresql/self.conf': "include 'self.conf'\n",
  };
  const parseWith = (text: string, refused: string[] = []) =>
    parsePostgresConf(source(text, '/etc/postgresql/postgresql.conf'), { reader: memoryReader(files, refused) });

  it('reads included files in place, relative to the including file', () => {
    const config = parseWith("port = 5432\ninclude 'extra.conf'\nwork_mem = 4MB\n");
    expect(config.settings.map((s) => `${s.value.origin.file}:${s.value.origin.range.start.line} ${s.key}=${s.value.value}`)).toEqual([
      '/etc/postgresql/postgresql.conf:1 port=5432',
      'etc/postgresql/extra.conf:1 work_mem=8MB',
      'etc/postgresql/nested/more.conf:1 port=6000',
      '/etc/postgresql/postgresql.conf:3 work_mem=4MB',
    ]);
    expect(config.get('port')?.value.value).toBe('6000');
    expect(config.includes.map((i) => `${i.status} ${i.path}`)).toEqual(['read /etc/postgresql/nested/more.conf', 'read /etc/postgresql/extra.conf']);
  });

  it('include_dir reads *.conf files not starting with a dot, in name order', () => {
    const config = parseWith("include_dir = 'conf.d'\n");
    expect(config.settings.map((s) => `${s.value.origin.file} ${s.key}=${s.value.value}`)).toEqual([
      'etc/postgresql/conf.d/10-a.conf max_connections=10',
      'etc/postgresql/conf.d/10-a.conf port=7000',
      'etc/postgresql/conf.d/20-b.conf max_connections=20',
    ]);
    expect(config.findings).toEqual([]);
  });

  it('a missing file is an error for include and include_dir, not for include_if_exists', () => {
    const config = parseWith("include 'none.conf'\ninclude_if_exists 'none.conf'\ninclude_dir 'none.d'\ninclude ''\ninclude 'secret.conf'\n", ['/etc/postgresql/secret.conf']);
    expect(config.findings.map(finding)).toEqual([
      'core/postgres /etc/postgresql/postgresql.conf:1:9-1:20 included file does not exist [redact 1:8-1:20]',
      'core/postgres /etc/postgresql/postgresql.conf:3:13-3:21 included directory does not exist [redact 3:12-3:21]',
      'core/postgres /etc/postgresql/postgresql.conf:4:9-4:11 include needs a file name [redact 4:8-4:11]',
    ]);
    expect(config.includes.map((i) => i.status)).toEqual(['missing', 'missing', 'missing', 'unread']);
  });

  it('a cycle is a finding at the include that closes it', () => {
    expect(parseWith("include 'loop.conf'\n").findings.map(finding)).toEqual([
      'core/postgres etc/postgresql/loop.conf:1:9-1:26 include cycle: postgresql.conf → loop.conf → postgresql.conf [redact 1:8-1:26]',
    ]);
    expect(parseWith("include 'self.conf'\n").findings.map((f) => f.message)).toEqual(['include cycle: self.conf → self.conf']);
  });
});

describe('parsePostgresConf: includes nest at most 10 levels, as in postgres', () => {
  it('the include that goes deeper is a finding', () => {
    const chain = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`/etc/pg/${i}.conf`, `port = ${i}\ninclude '${i + 1}.conf'\n`]));
    const config = parsePostgresConf(source("include '0.conf'\n", '/etc/pg/postgresql.conf'), { reader: memoryReader(chain) });
    expect(config.findings.map(finding)).toEqual(['core/postgres etc/pg/9.conf:2:9-2:18 includes nest deeper than 10 levels [redact 2:8-2:18]']);
    expect(config.get('port')?.value.value).toBe('9');
  });
});

describe('parsePostgresConf through rootedReader: real files, never outside the root', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'escashop-pgconf-'));
  const outside = mkdtempSync(path.join(os.tmpdir(), 'escashop-outside-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  mkdirSync(path.join(root, 'conf.d'));
  writeFileSync(path.join(root, 'conf.d', '01-memory.conf'), 'shared_buffers = 256MB\n');
  writeFileSync(path.join(root, 'conf.d', 'readme.txt'), 'not = read\n');
  writeFileSync(path.join(outside, 'secret.conf'), 'ssl = off\n');
  symlinkSync(path.join(outside, 'secret.conf'), path.join(root, 'conf.d', '02-link.conf'));
  const main = path.join(root, 'postgresql.conf');
  const text = `include_dir 'conf.d'\ninclude '${outside}/secret.conf'\ninclude 'missing.conf'\n`;
  writeFileSync(main, text);

  it('reads the files inside the root, leaves the others unread, and knows a missing file', () => {
    const config = parsePostgresConf({ name: 'postgresql.conf', absPath: main, text }, { reader: rootedReader(root, { cwd: root }) });
    expect(config.settings.map((s) => `${s.value.origin.file} ${s.key}=${s.value.value}`)).toEqual(['conf.d/01-memory.conf shared_buffers=256MB']);
    expect(config.includes.map((i) => `${i.status} ${path.relative(root, i.path)} ${i.files.join(',')}`)).toEqual([
      // conf.d/02-link.conf is a link to a file outside the root: the directory is read, that file is not.
      'unread conf.d conf.d/01-memory.conf',
      `unread ${path.relative(root, path.join(outside, 'secret.conf'))} `,
      'missing missing.conf ',
    ]);
    expect(config.findings.map(finding)).toEqual(['core/postgres postgresql.conf:3:9-3:23 included file does not exist [redact 3:8-3:23]']);
  });

  it('lists only regular files, and refuses to list a directory outside the root', () => {
    const reader = rootedReader(root);
    const listed = reader.listDir(path.join(root, 'conf.d'));
    expect(listed.ok && listed.names.sort()).toEqual(['01-memory.conf', '02-link.conf', 'readme.txt']);
    expect(reader.listDir(outside)).toEqual({ ok: false, missing: false, message: 'outside the directory that may be read' });
    expect(reader.readFile(path.join(root, 'nope.conf'))).toEqual({ ok: false, missing: true, message: 'file not found' });
    expect(reader.readFile(path.join(root, 'conf.d'))).toEqual({ ok: false, missing: false, message: 'is a directory, not a file' });
  });
});

describe('pgSetting: values as postgres converts them', () => {
  it('memory in the base unit of the parameter, and in bytes', () => {
    const cases: [string, string, number, number][] = [
      ['shared_buffers', '128MB', 16384, 128 * 1024 ** 2],
      ['shared_buffers', '1000', 1000, 8192000],
      ['shared_buffers', '1GB', 131072, 1024 ** 3],
      ['work_mem', '4MB', 4096, 4 * 1024 ** 2],
      ['work_mem', '64', 64, 65536],
      ['work_mem', '1.5GB', 1572864, 1.5 * 1024 ** 3],
      ['work_mem', '1000B', 1, 1024],
      ['maintenance_work_mem', ' 2 GB ', 2097152, 2 * 1024 ** 3],
      ['effective_cache_size', '4GB', 524288, 4 * 1024 ** 3],
      ['max_wal_size', '1TB', 1048576, 1024 ** 4],
      ['log_rotation_size', '0x10', 16, 16384],
      ['temp_buffers', '010', 8, 65536],
    ];
    expect(cases.map(([name, value]) => {
      const v = pgSetting(name, value);
      return v.ok && v.type === 'integer' ? [name, value, v.value, v.bytes] : [name, value, v];
    })).toEqual(cases);
  });

  it('time in the base unit of the parameter, and in milliseconds', () => {
    expect(pgSetting('statement_timeout', '5s')).toEqual({ ok: true, type: 'integer', value: 5000, milliseconds: 5000 });
    expect(pgSetting('log_rotation_age', '1d')).toEqual({ ok: true, type: 'integer', value: 1440, milliseconds: 86_400_000 });
    expect(pgSetting('authentication_timeout', '1min')).toEqual({ ok: true, type: 'integer', value: 60, milliseconds: 60_000 });
    expect(pgSetting('checkpoint_timeout', '90')).toEqual({ ok: true, type: 'integer', value: 90, milliseconds: 90_000 });
    expect(pgSetting('lock_timeout', '1500us')).toEqual({ ok: true, type: 'integer', value: 2, milliseconds: 2 });
  });

  it('refuses what postgres refuses: units are case-sensitive, integers have a range', () => {
    expect(['64mb', '1 KB', '1XB', 'lots', '', '08', '99999999999'].map((v) => pgSetting('work_mem', v))).toEqual([
      { ok: false, message: 'valid units are B, kB, MB, GB, TB' },
      { ok: false, message: 'valid units are B, kB, MB, GB, TB' },
      { ok: false, message: 'valid units are B, kB, MB, GB, TB' },
      { ok: false, message: 'expected a number' },
      { ok: false, message: 'expected a number' },
      { ok: false, message: 'expected a number' },
      { ok: false, message: 'value exceeds the integer range' },
    ]);
    expect(pgSetting('statement_timeout', '5 sec')).toEqual({ ok: false, message: 'valid units are us, ms, s, min, h, d' });
    expect(pgSetting('port', '5432kB')).toEqual({ ok: false, message: 'this parameter takes no unit' });
  });

  it('booleans, enums (lower case), strings, and parameters the table does not know', () => {
    expect(pgSetting('ssl', 'ON')).toEqual({ ok: true, type: 'bool', value: true });
    expect(pgSetting('password_encryption', 'SCRAM-SHA-256')).toEqual({ ok: true, type: 'enum', value: 'scram-sha-256' });
    expect(pgSetting('listen_addresses', '*')).toEqual({ ok: true, type: 'string', value: '*' });
    expect(pgSetting('my.custom', '12MB')).toEqual({ ok: true, type: 'string', value: '12MB' });
  });

  it('pgBool: on/off, true/false, yes/no, 1/0 and unique prefixes, case-insensitive', () => {
    const cases: [string, boolean | undefined][] = [
      ['on', true], ['ON', true], ['off', false], ['of', false], ['o', undefined], ['t', true], ['tr', true], ['TRUE', true], ['f', false],
      ['y', true], ['ye', true], ['yes', true], ['n', false], ['no', false], ['1', true], ['0', false], ['2', undefined], ['', undefined], ['onn', undefined], ['yess', undefined],
    ];
    expect(cases.map(([v]) => [v, pgBool(v)])).toEqual(cases);
  });
});

describe('postgresCommandLine', () => {
  it('-c name=value, -cname=value, --name=value (- reads as _), and the short options that set a parameter', () => {
    const line = postgresCommandLine(commandWords('-c', 'shared_buffers=256MB', '-cwork_mem=8MB', '--max-connections=50', '-p', '5433', '-i', '-B100', '-D', '/data', '-C', 'port'));
    expect(line.settings.map(entry)).toEqual([
      'shared_buffers "shared_buffers"@1:4-1:18 "256MB"@1:19-1:24',
      'work_mem "work_mem"@1:27-1:35 "8MB"@1:36-1:39',
      'max_connections "max-connections"@1:42-1:57 "50"@1:58-1:60',
      'port "-p"@1:61-1:63 "5433"@1:64-1:68',
      'listen_addresses "-i"@1:69-1:71 "*"@1:69-1:71',
      'shared_buffers "-B"@1:72-1:74 "100"@1:74-1:77',
      'data_directory "-D"@1:78-1:80 "/data"@1:81-1:86',
    ]);
    expect(line.findings).toEqual([]);
  });

  it('-c without name=value is a finding at the word', () => {
    expect(postgresCommandLine(commandWords('-c', 'ssl', '--port', '-c')).findings.map(finding)).toEqual([
      'core/postgres compose.yml:1:4-1:7 -c needs name=value',
      'core/postgres compose.yml:1:8-1:14 --port needs name=value',
      'core/postgres compose.yml:1:15-1:17 -c needs name=value',
    ]);
  });
});
