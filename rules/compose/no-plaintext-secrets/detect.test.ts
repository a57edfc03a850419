import { describe, expect, it } from 'vitest';
import { assignedSecrets, flagSecrets, tokenShapes, urlPasswords } from './detect.js';

/** The text of each slice a finder returns. */
const texts = (value: string, slices: { start: number; end: number }[]) => slices.map((s) => value.slice(s.start, s.end));

describe('tokenShapes', () => {
  // Built from parts so that no scanner mistakes this file for a leak.
  const aws = 'AKIA' + 'Z2QXJ7LPKM4TRV5N';
  const github = 'ghp_' + 'a'.repeat(20) + 'B'.repeat(16);
  const pat = 'github_pat_' + '1'.repeat(22) + '_' + 'c'.repeat(59);
  const slack = 'xoxb-' + '1234567890-abcdefghij';
  const stripe = 'sk_' + 'live_' + 'Q'.repeat(24);

  it('finds each well-known format, with its kind', () => {
    for (const [token, kind] of [
      [aws, 'an AWS access key id'],
      [github, 'a GitHub token'],
      [pat, 'a GitHub token'],
      [slack, 'a Slack token'],
      [stripe, 'a Stripe live secret key'],
      ['-----BEGIN RSA PRIVATE KEY-----', 'a private key'],
      ['-----BEGIN PRIVATE KEY-----', 'a private key'],
    ]) {
      const value = `prefix ${token} suffix`;
      const hits = tokenShapes(value);
      expect(hits.map((h) => h.kind)).toEqual([kind]);
      expect(texts(value, hits)).toEqual([token]);
    }
  });

  it('leaves look-alikes alone', () => {
    for (const value of [
      'AKIAIOSFODNN7EXAMPLE', 'AKIA' + 'SHORT', 'ghp_' + 'a'.repeat(10), 'sk_' + 'test_' + 'Q'.repeat(24), 'pk_' + 'live_' + 'Q'.repeat(24),
      '-----BEGIN PUBLIC KEY-----', '-----BEGIN CERTIFICATE-----', 'xoxb-short',
    ]) {
      expect(tokenShapes(value), value).toEqual([]);
    }
  });
});

describe('urlPasswords', () => {
  it('finds the password part only', () => {
    const value = 'postgres://app:hunter2@db:5432/app';
    expect(texts(value, urlPasswords(value))).toEqual(['hunter2']);
    expect(texts('redis://:pw@redis:6379', urlPasswords('redis://:pw@redis:6379'))).toEqual(['pw']);
    expect(texts('amqp://guest:guest@rabbit', urlPasswords('amqp://guest:guest@rabbit'))).toEqual(['guest']);
    const two = 'a=http://u:one@h1/ b=https://v:two@h2';
    expect(texts(two, urlPasswords(two))).toEqual(['one', 'two']);
    const withoutHost = 'mysql://root:pw@/db';
    expect(texts(withoutHost, urlPasswords(withoutHost))).toEqual(['pw']);
  });

  it('leaves URLs without a password alone', () => {
    for (const value of [
      'postgres://app:@db/app', 'postgres://app@db/app', 'http://db:5432/app', 'https://sentry.io/1', 'ssh://git@github.com:22/x.git',
      'postgres://app:$DB_PASSWORD@db/app', 'postgres://app:***@db/app', 'maven://org.example:artifact:@project.version@',
      'http://[::1]:8080/', 'user:pass@host',
    ]) {
      expect(urlPasswords(value), value).toEqual([]);
    }
  });
});

describe('flagSecrets', () => {
  const found = (line: string) => {
    const words = line.split(' ');
    return flagSecrets(words).map((h) => `${h.flag} ${words[h.word]!.slice(h.start, h.end)}`);
  };

  it('finds values given to secret-named options, in both spellings', () => {
    expect(found('redis-server --requirepass s3cret --appendonly yes')).toEqual(['--requirepass s3cret']);
    expect(found('app --password=x')).toEqual(['--password x']);
    expect(found('app --password x')).toEqual(['--password x']);
    expect(found("app --db-password='quoted'")).toEqual(['--db-password quoted']);
    expect(found('vmagent -remoteWrite.basicAuth.password=bar')).toEqual(['-remoteWrite.basicAuth.password bar']);
    expect(found('java -Dspring.datasource.password=pw -jar app.jar')).toEqual(['-Dspring.datasource.password pw']);
  });

  it('finds secret-named variables set on the command line', () => {
    expect(found('PGPASSWORD=pw psql -h db')).toEqual(['PGPASSWORD pw']);
    expect(found('export API_TOKEN=abc;')).toEqual(['API_TOKEN abc']);
  });

  it("knows the client tools' short password options", () => {
    expect(found('redis-cli -a s3cret ping')).toEqual(['-a s3cret']);
    expect(found('/usr/bin/mysqladmin ping -uroot -psecret')).toEqual(['-p secret']);
    expect(found('mongosh -u admin -p admin --eval x')).toEqual(['-p admin']);
    expect(found('curl -fsS -u elastic:changeme http://es:9200')).toEqual(['-u changeme']);
  });

  it('does not apply a short option to another tool', () => {
    expect(found('grep -a pattern')).toEqual([]);
    expect(found('redis-cli ping && tar -a archive')).toEqual([]);
    expect(found('mysql -P3306 -p')).toEqual([]);
    expect(found('ssh -p 2222 host')).toEqual([]);
  });

  it('leaves references, paths and settings about secrets alone', () => {
    expect(found('redis-server --requirepass $REDIS_PASSWORD')).toEqual([]);
    expect(found('mysqladmin ping -p$MYSQL_ROOT_PASSWORD')).toEqual([]);
    expect(found('mysqladmin ping -p"$MYSQL_ROOT_PASSWORD"')).toEqual([]);
    expect(found('mysqldump --password="$(cat /run/secrets/db)" db')).toEqual([]);
    expect(found('geth --password /root/keystore/password')).toEqual([]);
    expect(found('app --password-file /run/secrets/pw --token-ttl 3600')).toEqual([]);
    expect(found('docker login --password-stdin')).toEqual([]);
    expect(found('redis-server --requirepass')).toEqual([]);
    expect(found('app --password --verbose')).toEqual([]);
    expect(found('curl -u elastic: http://es:9200')).toEqual([]);
  });
});

describe('assignedSecrets', () => {
  it('finds secret-named settings in a config file, with the offsets of their values', () => {
    const content = 'port 6379\nrequirepass s3cret\nmasterauth "quoted"\n';
    const hits = assignedSecrets(content);
    expect(hits.map((h) => h.name)).toEqual(['requirepass', 'masterauth']);
    expect(texts(content, hits)).toEqual(['s3cret', 'quoted']);
    const env = 'export DB_PASSWORD=pw\nDB_USER=app\nJWT_EXPIRES_IN=15m\n';
    expect(texts(env, assignedSecrets(env))).toEqual(['pw']);
    const yaml = 'database:\n  password: hunter2\n  password_file: /run/secrets/db\n';
    expect(texts(yaml, assignedSecrets(yaml))).toEqual(['hunter2']);
  });
});
