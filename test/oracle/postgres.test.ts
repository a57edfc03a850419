import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { netmaskPrefix, parsePgHba } from '../../src/parse/pg-hba.js';
import { HBA_CASES } from '../parse/config-helpers.js';
import { parsePostgresConf, pgSetting } from '../../src/parse/postgres-conf.js';
import { AnswerCache, CORPUS, corpusFiles, hashOf, postgresBin, runServer, serverDir, serverOwned, skipWithout } from './config-servers.js';

/**
 * The postgres oracle: postgres itself (Debian's, 15) reads each postgresql.conf with
 * `postgres -D <dir> -C port`, which reads the config, checks it and prints one value, without
 * starting a server. It must find the syntax errors we find, at the same lines and tokens, and
 * refuse the values of known parameters we refuse; `-c name=value -C name` checks our conversion of
 * values (units, booleans, enums) against its own. postgres reports the values of a file only when
 * the file has no syntax error and no unknown parameter, so those lines are blanked and the file
 * read again. Include lines are blanked too: what they read is not the server's business here.
 */

const POSTGRES = postgresBin('postgres');
const INCLUDE = /^\s*include(_if_exists|_dir)?\b/i;

interface ConfAnswer {
  /** Line and token postgres stops at (null: the end of the line). */
  syntax: [number, string | null][];
  /** Parameters whose value postgres refuses. */
  invalid: string[];
}

let cache: AnswerCache<ConfAnswer> | undefined;

function postgresAnswer(text: string): ConfAnswer {
  cache ??= new AnswerCache('postgres-conf', `${runServer(POSTGRES!, ['--version'], { cwd: '/' }).output}${hashOf(import.meta.filename)}`);
  return cache.get(text, () => askPostgres(text));
}

function askPostgres(text: string): ConfAnswer {
  const dir = serverDir('escashop-pg-');
  const file = path.join(dir, 'postgresql.conf');
  const lines = text.split('\n').map((line) => (INCLUDE.test(line) ? '#' : line));
  try {
    return readRounds(lines, file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readRounds(lines: string[], file: string, dir: string): ConfAnswer {
  const answer: ConfAnswer = { syntax: [], invalid: [] };
  for (let round = 0; round < 20; round++) {
    writeFileSync(file, lines.join('\n'));
    serverOwned(file);
    const { output } = runServer(POSTGRES!, ['-D', dir, '-C', 'port'], { cwd: dir });
    const syntax = [...output.matchAll(/syntax error in file ".*?" line (\d+), near (?:token "(.*)"|end of line)/g)];
    const unknown = [...output.matchAll(/unrecognized configuration parameter ".*?" in file ".*?" line (\d+)/g)];
    if (round === 0) answer.syntax = syntax.map((m) => [Number(m[1]), m[2] ?? null]);
    if (syntax.length === 0 && unknown.length === 0) {
      answer.invalid = [...output.matchAll(/(?:invalid value for parameter|parameter) "(.+?)"(?::| requires a Boolean value)/g)].map((m) => m[1]!);
      return answer;
    }
    for (const m of [...syntax, ...unknown]) lines[Number(m[1]) - 1] = '#';
  }
  throw new Error('too many rounds');
}

function compare(name: string, text: string): string[] {
  const theirs = postgresAnswer(text);
  const blanked = text
    .split('\n')
    .map((line) => (INCLUDE.test(line) ? '#' : line))
    .join('\n');
  const ours = parsePostgresConf({ name, absPath: `/etc/postgresql/${name}`, text: blanked }).findings;
  const problems: string[] = [];
  const lines = text.split('\n');
  const ourSyntax = new Map(ours.filter((f) => f.message.startsWith('syntax error')).map((f) => [f.range.start.line, f]));
  for (const [line, token] of theirs.syntax) {
    const finding = ourSyntax.get(line);
    if (!finding) problems.push(`${name}:${line}: postgres finds a syntax error, we do not`);
    else if (token !== null && lines[line - 1]!.slice(finding.range.start.column - 1, finding.range.end.column - 1) !== token) problems.push(`${name}:${line}: postgres stops at "${token}", our finding is at ${finding.range.start.column}-${finding.range.end.column}`);
  }
  for (const line of ourSyntax.keys()) if (!theirs.syntax.some(([l]) => l === line)) problems.push(`${name}:${line}: we find a syntax error, postgres does not`);
  if (theirs.syntax.length > 0) return problems;
  const ourInvalid = ours.filter((f) => f.message.startsWith('invalid value')).map((f) => /"(.+?)"/.exec(f.message)![1]!);
  for (const param of ourInvalid) if (!theirs.invalid.includes(param)) problems.push(`${name}: we refuse the value of ${param}, postgres does not`);
  // log_connections is left unchecked on purpose: postgres 18 reads it as a list (see KNOWN in postgres-conf.ts).
  const checked = (param: string): boolean => pgSetting(param, '').ok === false && param !== 'log_connections';
  for (const param of theirs.invalid) if (checked(param) && !ourInvalid.includes(param)) problems.push(`${name}: postgres refuses the value of ${param}, we do not`);
  return problems;
}

const CASES = [
  "shared_buffers = 128MB\t# trailing\nMax_Connections 100\nport=5433\n  listen_addresses = '*'  # all\n",
  "log_line_prefix = '%m [%p] ''x'' \\t#\\101\\q'\nssl_ciphers = 'HIGH:!aNULL' # c\n",
  "search_path = on\nsearch_path = 5min\nsearch_path = -1\nsearch_path = 0.5\nsearch_path = 0x1F\nsearch_path = a.b.c\nsearch_path = C:/x-y.z\npg_stat_statements.max = 10000\nsearch_path = 1.5e3\nsearch_path = -.5e1\n",
  "= 5\n'x' = 1\n/data = 1\na.b.c = 1\nport = 1\n",
  "port =\nport\ndata_directory = /var/lib/pg\nsearch_path = 'abc\nlisten_addresses = 0.0.0.0\n",
  'listen_addresses = localhost, db\nwork_mem = 1.5GB\nlog_line_prefix = a b # c\n',
  'default_text_search_config = pg_catalog.english\nvacuum_cost_limit = 1e3\n',
  "port = 'x\nssl = on\n",
  "search_path = '''\nsearch_path = ''''\n",
  "shared_buffers = 128XB\nssl = maybe\nmax_connections = 100MB\nwork_mem = '1.5GB'\n",
  'work_mem = 64mb\n',
  'port = 5432kB\nport = 5432\nlog_rotation_age = 5 sec\n',
  'statement_timeout = 5s\nssl = of\nlog_connections = tr\n',
  'port = 1\r\nssl = on',
];

/** Values whose conversion postgres and pgSetting must agree on. */
const VALUES: [string, string][] = [
  ['shared_buffers', '128MB'], ['shared_buffers', '1000'], ['shared_buffers', '1GB'], ['shared_buffers', '1.5GB'], ['shared_buffers', '1000kB'],
  ['work_mem', '4MB'], ['work_mem', '64'], ['work_mem', '1.5GB'], ['log_rotation_size', '1000B'], ['log_rotation_size', '1536B'], ['log_rotation_size', '2560B'], ['work_mem', ' 2 GB '], ['work_mem', '0x100'], ['work_mem', '0100'],
  ['maintenance_work_mem', '2GB'], ['effective_cache_size', '4GB'], ['max_wal_size', '1TB'], ['min_wal_size', '80MB'], ['temp_buffers', '8MB'], ['wal_buffers', '-1'],
  ['log_rotation_size', '10MB'], ['log_temp_files', '-1'], ['track_activity_query_size', '4kB'],
  ['statement_timeout', '5s'], ['statement_timeout', '1500us'], ['statement_timeout', '2.5min'], ['log_rotation_age', '1d'], ['log_rotation_age', '90s'],
  ['authentication_timeout', '1min'], ['checkpoint_timeout', '90'], ['checkpoint_timeout', '1h'], ['log_min_duration_statement', '250ms'],
  ['idle_in_transaction_session_timeout', '10min'], ['tcp_keepalives_idle', '30'], ['autovacuum_naptime', '1min'],
  ['max_connections', '200'], ['port', '5433'], ['unix_socket_permissions', '0777'],
  ['ssl', 'ON'], ['ssl', 'of'], ['logging_collector', 'yes'], ['log_connections', '1'], ['fsync', 'f'],
  ['password_encryption', 'SCRAM-SHA-256'], ['password_encryption', 'md5'], ['ssl_min_protocol_version', 'TLSv1.2'], ['log_statement', 'DDL'], ['wal_level', 'Logical'],
];

/** Our reading of a value, printed as `postgres -C` prints it. */
function ourValue(param: string, value: string): string {
  const v = pgSetting(param, value);
  if (!v.ok) return `refused: ${v.message}`;
  if (v.type === 'bool') return v.value ? 'on' : 'off';
  if (v.type === 'enum') return v.value;
  return String(v.value);
}

describe.skipIf(skipWithout(POSTGRES))('the postgres oracle: postgresql.conf as postgres reads it', () => {
  it('finds postgres', () => {
    expect(POSTGRES, 'postgres is not installed: run scripts/oracle-setup.sh').toBeDefined();
  });

  it('syntax errors and refused values, on the unit tests’ inputs', { timeout: 120_000 }, () => {
    const problems = CASES.flatMap((text, i) => compare(`case-${i}.conf`, text));
    cache?.save();
    expect(problems).toEqual([]);
    // The comparison is not empty: postgres found this many syntax errors and refused values.
    const answers = CASES.map(postgresAnswer);
    expect([answers.flatMap((a) => a.syntax).length, answers.flatMap((a) => a.invalid).length]).toEqual([17, 4]);
  });

  it('on every postgresql.conf of the shared corpus', { timeout: 120_000 }, () => {
    const files = corpusFiles('postgres').filter((file) => !/pg_(hba|ident)/.test(path.basename(file)));
    expect(files.length).toBe(18);
    const problems = files.flatMap((file) => compare(file, readFileSync(path.join(CORPUS, file), 'utf8')));
    cache?.save();
    expect(problems).toEqual([]);
  });

  it('converts values as postgres does', { timeout: 120_000 }, () => {
    const dir = serverDir('escashop-pg-');
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'postgresql.conf'), '');
    serverOwned(path.join(dir, 'postgresql.conf'));
    const values = new AnswerCache<string>('postgres-values', `${runServer(POSTGRES!, ['--version'], { cwd: '/' }).output}${hashOf(import.meta.filename)}`);
    const theirs = VALUES.map(([param, value]) =>
      values.get(`${param}=${value}`, () => {
        const { status, output } = runServer(POSTGRES!, ['-D', dir, '-c', `${param}=${value}`, '-C', param], { cwd: dir });
        return status === 0 ? output.split('\n').filter((l) => l !== '' && !l.includes(' LOG: ')).at(-1)! : 'refused';
      }),
    );
    values.save();
    // Enums are compared in lower case: postgres prints its own spelling (`TLSv1.2`), pgSetting lower case.
    const shown = (param: string, value: string): string => (pgSetting(param, value).ok && (pgSetting(param, value) as { type: string }).type === 'enum' ? value.toLowerCase() : value);
    expect(VALUES.map(([param, value]) => `${param}=${value} → ${ourValue(param, value)}`)).toEqual(VALUES.map(([param, value], i) => `${param}=${value} → ${shown(param, theirs[i]!)}`));
  });
});

/**
 * pg_hba.conf: a postgres server (started once, on a Unix socket in a temporary directory, with
 * trust for its own connection) shows how it reads any pg_hba.conf through the pg_hba_file_rules
 * view, which reads the file named by `hba_file` afresh at each query: each line's fields, or the
 * error that makes postgres refuse the file. Every line it reads must be one of our records with
 * the same fields; every line it refuses must be one of our findings (save the checks listed in
 * NOT_CHECKED, which need more than the file), and we refuse nothing it reads. postgres 15 knows no
 * include lines and no backslash continuation (16), so the cases leave those out.
 */

interface HbaRow {
  line: number;
  type: string | null;
  database: string[] | null;
  user: string[] | null;
  address: string | null;
  netmask: string | null;
  method: string | null;
  options: string[] | null;
  error: string | null;
}

/** Checks postgres makes that need more than the file's syntax: what the server is built with, which options go with which method. */
const NOT_CHECKED = [/record cannot match because SSL is disabled/, /is only valid for authentication methods/, /requires argument .* to be set/, /cannot be used/, /must be set/, /invalid value for/, /could not parse RADIUS/, /could not translate RADIUS/];

/** Options postgres shows without their being written. */
const IMPLIED_OPTIONS = ['ldapscope', 'clientcert'];

class HbaServer {
  private readonly dir = serverDir('escashop-pghba-');
  private readonly hba = path.join(this.dir, 'hba.conf');
  private server: ChildProcess | undefined;

  start(): void {
    const data = path.join(this.dir, 'data');
    const init = runServer(postgresBin('initdb')!, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions'], { cwd: this.dir, timeoutMs: 120_000 });
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
    this.write('local all all trust\n');
    const args = ['-D', data, '-c', 'listen_addresses=', '-c', `unix_socket_directories=${this.dir}`, '-c', `hba_file=${this.hba}`, '-c', 'fsync=off', '-c', 'logging_collector=off'];
    this.server = spawnServer(POSTGRES!, args, this.dir);
    for (let i = 0; i < 200; i++) {
      if (runServer(postgresBin('pg_isready')!, ['-h', this.dir, '-q'], { cwd: this.dir }).status === 0) return;
      spawnSync('sleep', ['0.1']);
    }
    throw new Error('the postgres server did not start');
  }

  /** Stops the server (a fast shutdown) and removes its directory. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  rows(text: string): HbaRow[] {
    this.write(text);
    const sql = `select coalesce(json_agg(json_build_object('line', line_number, 'type', type, 'database', database, 'user', user_name, 'address', address, 'netmask', netmask, 'method', auth_method, 'options', options, 'error', error) order by line_number), '[]') from pg_hba_file_rules`;
    const { status, output } = runServer(postgresBin('psql')!, ['-h', this.dir, '-U', 'postgres', '-d', 'postgres', '-At', '-c', sql], { cwd: this.dir });
    if (status !== 0) throw new Error(`psql failed:\n${output}`);
    return JSON.parse(output) as HbaRow[];
  }

  private write(text: string): void {
    writeFileSync(this.hba, text);
    serverOwned(this.hba);
  }
}

/** An IPv6 address in its canonical short form; an IPv4 one as is. */
const canonical = (ip: string): string => (ip.includes(':') ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip);

function hbaCompare(name: string, text: string, rows: HbaRow[]): string[] {
  const ours = parsePgHba({ name, absPath: `/etc/postgresql/${name}`, text });
  const problems: string[] = [];
  const byLine = new Map(ours.records.map((r) => [r.origin.range.start.line, r]));
  const findingLines = new Set(ours.findings.map((f) => f.range.start.line));
  for (const row of rows) {
    const at = `${name}:${row.line}`;
    if (row.error !== null) {
      if (!findingLines.has(row.line) && !NOT_CHECKED.some((re) => re.test(row.error!))) problems.push(`${at}: postgres refuses the line (${row.error}), we do not`);
      continue;
    }
    const record = byLine.get(row.line);
    if (!record) {
      problems.push(`${at}: postgres reads a record, we have none`);
      continue;
    }
    const address = record.address;
    const ourAddress =
      address === undefined ? [null, null]
      : address.kind === 'cidr' || address.kind === 'ip-mask' ? [canonical(address.address), address.prefix ?? (address.kind === 'ip-mask' ? `mask ${canonical(address.mask.value)}` : null)]
      : address.kind === 'hostname' ? [address.hostname, null]
      : [address.kind, null];
    const theirAddress = row.address === null ? [null, null] : row.netmask === null ? [row.address, null] : [canonical(row.address), netmaskPrefix(row.netmask) ?? `mask ${canonical(row.netmask)}`];
    const mine = { type: record.connection, database: record.databases.map((t) => t.value), user: record.users.map((t) => t.value), address: ourAddress, method: record.method.value };
    const theirs = { type: row.type, database: row.database, user: row.user, address: theirAddress, method: row.method };
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) problems.push(`${at}: we read ${JSON.stringify(mine)}, postgres ${JSON.stringify(theirs)}`);
    // postgres also shows the options a method implies (ldapscope, clientcert for cert).
    const theirOptions = (row.options ?? []).map((o) => o.split('=')[0]!).filter((o) => !IMPLIED_OPTIONS.includes(o) || record.options.some((mine) => mine.name === o));
    if (JSON.stringify(record.options.map((o) => o.name).sort()) !== JSON.stringify(theirOptions.sort())) problems.push(`${at}: options ${JSON.stringify(record.options.map((o) => o.name))}, postgres ${JSON.stringify(row.options)}`);
  }
  for (const line of findingLines) if (!rows.some((row) => row.line === line && row.error !== null)) problems.push(`${name}:${line}: we refuse the line, postgres reads it`);
  return problems;
}

const HBA_INPUTS = [
  '# TYPE DATABASE USER ADDRESS METHOD\n\nlocal   all   postgres   peer\nhost all all 127.0.0.1/32 scram-sha-256 # loopback\n',
  ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'].map((t) => (t === 'local' ? `${t} all all trust` : `${t} all all all reject`)).join('\n'),
  'host db1,"my db", sameuser +admins,"all",app 10.0.0.0/8 md5\n',
  'local "we""ird#db" all trust # comment\n',
  HBA_CASES.addresses,
  HBA_CASES.ipv4Forms,
  'host all all 10.1.2.3/8 md5\nhost replication,all "repl" 0.0.0.0/0 scram-sha-256\n',
  'host all all all radius radiusservers="127.0.0.1,127.0.0.2" radiussecrets="s1,s2"\nlocal all all peer map=m\nhost all all all ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"\n',
  'host all all all radius radiussecrets=s1,s2\n',
  HBA_CASES.fieldErrors,
  HBA_CASES.addressErrors,
  HBA_CASES.methodErrors,
  'bogus\nlocal all all peer\n',
  '"local" all all trust\nlocal all all "trust"\n"host" all all "all" md5\n',
];

describe.skipIf(skipWithout(POSTGRES))('the postgres oracle: pg_hba.conf as a running postgres reads it (pg_hba_file_rules)', () => {
  const server = new HbaServer();
  const hbaCache = new AnswerCache<HbaRow[]>('postgres-hba', `${POSTGRES ? runServer(POSTGRES, ['--version'], { cwd: '/' }).output : ''}${hashOf(import.meta.filename)}`);
  let started = false;
  const rowsOf = (text: string): HbaRow[] =>
    hbaCache.get(text, () => {
      if (!started) {
        server.start();
        started = true;
      }
      return server.rows(text);
    });
  afterAll(async () => {
    hbaCache.save();
    await server.stop();
  });

  it('on the unit tests’ inputs', { timeout: 180_000 }, () => {
    const problems = HBA_INPUTS.flatMap((text, i) => hbaCompare(`case-${i}.conf`, text, rowsOf(text)));
    expect(problems).toEqual([]);
    // The comparison is not empty: postgres read this many records and refused this many lines.
    const rows = HBA_INPUTS.flatMap(rowsOf);
    expect([rows.filter((r) => r.error === null).length, rows.filter((r) => r.error !== null).length]).toEqual([32, 28]);
  });

  it('on every pg_hba.conf of the shared corpus', { timeout: 180_000 }, () => {
    const files = corpusFiles('postgres').filter((file) => path.basename(file).includes('pg_hba'));
    expect(files.length).toBe(3);
    const problems = files.flatMap((file) => {
      const text = readFileSync(path.join(CORPUS, file), 'utf8');
      return hbaCompare(file, text, rowsOf(text));
    });
    expect(problems).toEqual([]);
  });
});

function spawnServer(program: string, args: string[], cwd: string): ChildProcess {
  const isRoot = process.getuid?.() === 0;
  const [command, argv] = isRoot ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', program, ...args]] : [program, args];
  return spawn(command, argv, { cwd, stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' } });
}
