import { describe, expect, it } from 'vitest';
import { hbaTokenKind, isKeyword, parsePgHba, parsePgIdent, type HbaAddress, type HbaRecord } from '../../src/parse/pg-hba.js';
import { HBA_CASES, finding, memoryReader, source, span, word } from './config-helpers.js';

const address = (a: HbaAddress | undefined): string => {
  if (!a) return '-';
  switch (a.kind) {
    case 'cidr':
      return `cidr ${a.address}/${a.prefix} v${a.family} ${word(a.word)}`;
    case 'ip-mask':
      return `ip-mask ${a.address} /${a.prefix ?? '?'} v${a.family} ${word(a.word)} ${word(a.mask)}`;
    case 'hostname':
      return `hostname ${a.hostname}${a.suffix ? ' (suffix)' : ''} ${word(a.word)}`;
    default:
      return `${a.kind} ${word(a.word)}`;
  }
};

const record = (r: HbaRecord): string[] => [
  `${r.connection} ${word(r.type)} record ${span(r.origin.range)}`,
  `databases ${r.databases.map(word).join(' ')}`,
  `users ${r.users.map(word).join(' ')}`,
  `address ${address(r.address)}`,
  `method ${word(r.method)}${r.options.map((o) => ` ${o.name}=${JSON.stringify(o.value)}@${span(o.word.origin.range)}`).join('')}`,
];

const hba = (text: string) => parsePgHba(source(text, 'pg_hba.conf'));
const records = (text: string): string[][] => hba(text).records.map(record);
const findings = (text: string): string[] => hba(text).findings.map(finding);

describe('parsePgHba: records, each field a word with its range', () => {
  it('local and host lines, with comments and blank lines', () => {
    expect(records('# TYPE DATABASE USER ADDRESS METHOD\n\nlocal   all   postgres   peer\nhost all all 127.0.0.1/32 scram-sha-256 # loopback\n')).toEqual([
      ['local "local"@3:1-3:6 record 3:1-3:30', 'databases "all"@3:9-3:12', 'users "postgres"@3:15-3:23', 'address -', 'method "peer"@3:26-3:30'],
      [
        'host "host"@4:1-4:5 record 4:1-4:40',
        'databases "all"@4:6-4:9',
        'users "all"@4:10-4:13',
        'address cidr 127.0.0.1/32 v4 "127.0.0.1/32"@4:14-4:26',
        'method "scram-sha-256"@4:27-4:40',
      ],
    ]);
  });

  it('every connection type', () => {
    const text = ['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc'].map((t) => (t === 'local' ? `${t} all all trust` : `${t} all all all reject`)).join('\n');
    expect(hba(text).records.map((r) => r.connection)).toEqual(['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc']);
    expect(hba(text).findings).toEqual([]);
  });

  it('lists with commas (blanks after a comma allowed), quoted names, +group, keywords', () => {
    const [r] = hba('host db1,"my db", sameuser +admins,"all",app 10.0.0.0/8 md5\n').records;
    expect(r!.databases.map(word)).toEqual(['"db1"@1:6-1:9', '"my db"@1:10-1:17', '"sameuser"@1:19-1:27']);
    expect(r!.users.map(word)).toEqual(['"+admins"@1:28-1:35', '"all"@1:36-1:41', '"app"@1:42-1:45']);
    expect(r!.users.map((t) => `${hbaTokenKind(t)} ${isKeyword(t, 'all')}`)).toEqual(['group false', 'name false', 'name false']);
    expect(r!.databases.map((t) => hbaTokenKind(t))).toEqual(['name', 'name', 'keyword']);
    expect(['replication', 'samerole', '/^app_', '@users'].map((value) => hbaTokenKind({ raw: value, value, quoted: false, origin: r!.origin }))).toEqual(['keyword', 'keyword', 'regex', 'file']);
  });

  it('a blank before a comma ends the field: `db1 ,db2` is two fields', () => {
    // host | db1 | db2 | all | 10.0.0.0/8 | md5: the address is `all`, and the method field holds the address.
    expect(hba('host db1 ,db2 all 10.0.0.0/8 md5\n').records).toEqual([]);
    expect(findings('host db1 ,db2 all 10.0.0.0/8 md5\n')).toEqual([
      'core/postgres pg_hba.conf:1:19-1:29 invalid authentication method; expected one of trust, reject, scram-sha-256, md5, password, gss, sspi, ident, peer, ldap, radius, cert, pam, bsd [redact 1:5-1:33]',
    ]);
  });

  it('"" inside quotes is a quote, and # inside quotes is not a comment', () => {
    const [r] = hba('local "we""ird#db" all trust # comment\n').records;
    expect(r!.databases.map(word)).toEqual(['"we\\"ird#db"@1:7-1:19']);
  });

  it('address forms: CIDR (v4, v6), address and netmask, host names, all, samehost, samenet', () => {
    const text = HBA_CASES.addresses;
    expect(hba(text).records.map((r) => address(r.address))).toEqual([
      'cidr ::1/128 v6 "::1/128"@1:14-1:21',
      'ip-mask 192.168.1.0 /24 v4 "192.168.1.0"@2:14-2:25 "255.255.255.0"@2:26-2:39',
      'ip-mask 10.0.0.0 /? v4 "10.0.0.0"@3:14-3:22 "255.0.255.0"@3:23-3:34',
      'ip-mask fe80:: /32 v6 "fe80::"@4:14-4:20 "ffff:ffff::"@4:21-4:32',
      'hostname db.example.com "db.example.com"@5:14-5:28',
      'hostname .example.com (suffix) ".example.com"@6:14-6:26',
      'all "all"@7:14-7:17',
      'samehost "samehost"@8:14-8:22',
      'samenet "samenet"@9:14-9:21',
      'hostname all "all"@10:14-10:19',
    ]);
    expect(hba(text).records.map((r) => r.method.value)).toEqual(['trust', 'md5', 'md5', 'md5', 'md5', 'md5', 'md5', 'md5', 'md5', 'md5']);
  });

  it('IPv4 addresses as the C library reads them: short forms, octal and hex parts', () => {
    const text = HBA_CASES.ipv4Forms;
    expect(hba(text).records.map((r) => address(r.address))).toEqual([
      'cidr 127.0.0.1/32 v4 "127.1/32"@1:14-1:22',
      'ip-mask 10.0.0.0 /16 v4 "10.0.0"@2:14-2:20 "255.255.0"@2:21-2:30',
      'ip-mask 127.0.0.1 /24 v4 "0x7f000001"@3:14-3:24 "0xffffff00"@3:25-3:35',
      'cidr 8.0.0.1/8 v4 "010.0.0.1/8"@4:14-4:25',
    ]);
    expect(hba(text).findings.map(finding)).toEqual(['core/postgres pg_hba.conf:5:14-5:27 a host name cannot have a CIDR mask [redact 5:5-5:31]']);
  });

  it('options are name=value tokens; a quoted option keeps its commas', () => {
    expect(records('hostssl all all 0.0.0.0/0 cert clientcert=verify-full map=certmap\nhost all all all radius radiusservers="a,b" radiussecrets="s1,s2"\n').map((r) => r[4])).toEqual([
      'method "cert"@1:27-1:31 clientcert="verify-full"@1:32-1:54 map="certmap"@1:55-1:66',
      'method "radius"@2:18-2:24 radiusservers="a,b"@2:25-2:44 radiussecrets="s1,s2"@2:45-2:66',
    ]);
    // Unquoted, a comma splits the option: `s2` alone is not name=value.
    expect(findings('host all all all radius radiussecrets=s1,s2\n')).toEqual(['core/postgres pg_hba.conf:1:42-1:44 authentication option not in name=value form [redact 1:5-1:44]']);
  });

  it('a backslash at the very end of the file is dropped', () => {
    expect(hba('local all all trust\\').records.map((r) => word(r.method))).toEqual(['"trust"@1:15-1:20']);
  });

  it('a backslash at the end of a line continues it (postgres 16)', () => {
    expect(records('host all \\\n     all \\\r\n  10.0.0.0/8 \\\n  scram-sha-256\nlocal all all peer\n')).toEqual([
      ['host "host"@1:1-1:5 record 1:1-4:16', 'databases "all"@1:6-1:9', 'users "all"@2:6-2:9', 'address cidr 10.0.0.0/8 v4 "10.0.0.0/8"@3:3-3:13', 'method "scram-sha-256"@4:3-4:16'],
      ['local "local"@5:1-5:6 record 5:1-5:19', 'databases "all"@5:7-5:10', 'users "all"@5:11-5:14', 'address -', 'method "peer"@5:15-5:19'],
    ]);
  });
});

describe('parsePgHba: lines postgres refuses', () => {
  it('connection type, missing fields, several values where one is allowed', () => {
    expect(findings(HBA_CASES.fieldErrors)).toEqual([
      'core/postgres pg_hba.conf:1:1-1:5 invalid connection type; expected local, host, hostssl, hostnossl, hostgssenc, hostnogssenc [redact 1:5-1:21]',
      'core/postgres pg_hba.conf:2:10-2:10 end of line before the user [redact 2:6-2:10]',
      'core/postgres pg_hba.conf:3:13-3:13 end of line before the address [redact 3:5-3:13]',
      'core/postgres pg_hba.conf:4:24-4:24 end of line before the authentication method [redact 4:5-4:24]',
      'core/postgres pg_hba.conf:5:7-5:11 more than one connection type [redact 5:6-5:23]',
      'core/postgres pg_hba.conf:6:23-6:31 more than one address [redact 6:5-6:35]',
      'core/postgres pg_hba.conf:7:19-7:24 more than one authentication method [redact 7:6-7:24]',
      'core/postgres pg_hba.conf:8:9-8:9 end of line before the user [redact 8:5-8:9]',
      'core/postgres pg_hba.conf:9:6-9:6 end of line before the database',
    ]);
  });

  it('addresses: CIDR mask, host name with a mask, missing or bad netmask', () => {
    expect(findings(HBA_CASES.addressErrors)).toEqual([
      'core/postgres pg_hba.conf:1:14-1:25 invalid CIDR mask in the address [redact 1:5-1:29]',
      'core/postgres pg_hba.conf:2:14-2:20 invalid CIDR mask in the address [redact 2:5-2:24]',
      'core/postgres pg_hba.conf:3:14-3:19 a host name cannot have a CIDR mask [redact 3:5-3:23]',
      'core/postgres pg_hba.conf:4:14-4:24 invalid CIDR mask in the address [redact 4:5-4:28]',
      'core/postgres pg_hba.conf:5:23-5:26 invalid IP mask [redact 5:5-5:26]',
      'core/postgres pg_hba.conf:6:23-6:34 invalid IP mask [redact 6:5-6:38]',
      'core/postgres pg_hba.conf:7:23-7:29 the IP address and the mask are of different families [redact 7:5-7:33]',
      'core/postgres pg_hba.conf:8:14-8:22 an address without /bits needs a netmask field after it [redact 8:5-8:22]',
    ]);
  });

  it('methods and the connection types they allow; options', () => {
    expect(findings(HBA_CASES.methodErrors)).toEqual([
      'core/postgres pg_hba.conf:1:18-1:24 invalid authentication method; expected one of trust, reject, scram-sha-256, md5, password, gss, sspi, ident, peer, ldap, radius, cert, pam, bsd [redact 1:5-1:24]',
      'core/postgres pg_hba.conf:2:18-2:22 peer authentication is only supported on local sockets [redact 2:5-2:22]',
      'core/postgres pg_hba.conf:3:18-3:22 cert authentication is only supported on hostssl connections [redact 3:5-3:22]',
      'core/postgres pg_hba.conf:4:15-4:18 gss authentication is not supported on local sockets [redact 4:6-4:18]',
      'core/postgres pg_hba.conf:5:21-5:24 authentication option not in name=value form [redact 5:6-5:24]',
      'core/postgres pg_hba.conf:6:21-6:27 unknown authentication option name [redact 6:6-6:27]',
    ]);
  });

  it('never throws, and keeps reading after a bad line', () => {
    for (const text of ['"', '\\', '\\\n', ',,,', '"a""', 'host "', '@', '@x', 'include', 'include_dir ""', '\u0000']) expect(() => hba(text)).not.toThrow();
    expect(hba('bogus\nlocal all all peer\n').records.map((r) => r.connection)).toEqual(['local']);
  });
});

describe('parsePgHba: @file lists and include lines', () => {
  const files = {
    '/etc/postgresql/admins.txt': 'alice, bob\n# comment\n"carol"\n',
    '/etc/postgresql/hba.d/10-app.conf': 'host app app 10.0.0.0/8 scram-sha-256\n',
    '/etc/postgresql/hba.d/20-admin.conf': 'host all @admins.txt 10.1.0.0/16 scram-sha-256\n',
    '/etc/postgresql/hba.d/admins.txt': 'dave\n',
    '/etc/postgresql/hba.d/skip.txt': 'host all all all trust\n',
    '/etc/postgresql/loop.conf': 'include pg_hba.conf\n',
  };
  const parse = (text: string) => parsePgHba(source(text, '/etc/postgresql/pg_hba.conf'), { reader: memoryReader(files) });

  it('@file reads the tokens of a file into the list, each with the @ token as its via', () => {
    const config = parse('local all @admins.txt,postgres peer\n');
    expect(config.records[0]!.users.map(word)).toEqual([
      '"alice"@1:1-1:6 via /etc/postgresql/pg_hba.conf:1:11-1:22',
      '"bob"@1:8-1:11 via /etc/postgresql/pg_hba.conf:1:11-1:22',
      '"carol"@3:1-3:8 via /etc/postgresql/pg_hba.conf:1:11-1:22',
      '"postgres"@1:23-1:31',
    ]);
    expect(config.records[0]!.users.map((t) => t.origin.file)).toEqual(['etc/postgresql/admins.txt', 'etc/postgresql/admins.txt', 'etc/postgresql/admins.txt', '/etc/postgresql/pg_hba.conf']);
    expect(config.records[0]!.origin.range).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 36 } });
  });

  it('a quoted "@file" is a name; an @file that does not exist is a finding; one without a reader stays as written', () => {
    expect(parse('local all "@admins.txt" peer\n').records[0]!.users.map((t) => t.value)).toEqual(['@admins.txt']);
    expect(parse('local all @none.txt peer\n').findings.map(finding)).toEqual(['core/postgres /etc/postgresql/pg_hba.conf:1:11-1:20 file does not exist']);
    expect(hba('local all @admins.txt peer\n').records[0]!.users.map(word)).toEqual(['"@admins.txt"@1:11-1:22']);
  });

  it('include_dir reads *.conf in name order; records keep their own file; @ inside resolves next to it', () => {
    const config = parse('local all all peer\ninclude_dir hba.d\nhost all all all reject\n');
    expect(config.records.map((r) => `${r.origin.file}:${r.origin.range.start.line} ${r.connection} ${r.users.map((u) => u.value).join(',')} ${r.method.value}`)).toEqual([
      '/etc/postgresql/pg_hba.conf:1 local all peer',
      'etc/postgresql/hba.d/10-app.conf:1 host app scram-sha-256',
      'etc/postgresql/hba.d/20-admin.conf:1 host dave scram-sha-256',
      '/etc/postgresql/pg_hba.conf:3 host all reject',
    ]);
    expect(config.findings).toEqual([]);
  });

  it('include, include_if_exists; missing files and cycles', () => {
    const config = parse('include hba.d/10-app.conf\ninclude_if_exists none.conf\ninclude none.conf\ninclude loop.conf\n');
    expect(config.records.map((r) => r.databases[0]!.value)).toEqual(['app']);
    expect(config.findings.map(finding)).toEqual([
      'core/postgres /etc/postgresql/pg_hba.conf:3:9-3:18 included file does not exist',
      'core/postgres etc/postgresql/loop.conf:1:9-1:20 include cycle: pg_hba.conf → loop.conf → pg_hba.conf',
    ]);
    expect(config.includes.map((i) => `${i.status} ${i.path}`)).toEqual([
      'read /etc/postgresql/hba.d/10-app.conf',
      'missing /etc/postgresql/none.conf',
      'missing /etc/postgresql/none.conf',
      'cycle /etc/postgresql/pg_hba.conf',
      'read /etc/postgresql/loop.conf',
    ]);
  });

  it('an include line has exactly two fields; with three it is a record (and an invalid one)', () => {
    expect(findings('include a b\n')).toEqual(['core/postgres pg_hba.conf:1:1-1:8 invalid connection type; expected local, host, hostssl, hostnossl, hostgssenc, hostnogssenc [redact 1:8-1:12]']);
  });
});

describe('parsePgIdent', () => {
  it('map, system user and database user, with ranges; regex system users', () => {
    const ident = parsePgIdent(source('# MAPNAME SYSTEM-USERNAME PG-USERNAME\nmymap  root  postgres\nmymap /^(.*)@example\\.com$ \\1\nbad only\n', 'pg_ident.conf'));
    expect(ident.records.map((r) => [word(r.map), word(r.systemUser), word(r.databaseUser)].join(' '))).toEqual([
      '"mymap"@2:1-2:6 "root"@2:8-2:12 "postgres"@2:14-2:22',
      '"mymap"@3:1-3:6 "/^(.*)@example\\\\.com$"@3:7-3:27 "\\\\1"@3:28-3:30',
    ]);
    expect(ident.findings.map(finding)).toEqual(['core/postgres pg_ident.conf:4:9-4:9 end of line before the database user name [redact 4:4-4:9]']);
  });
});
