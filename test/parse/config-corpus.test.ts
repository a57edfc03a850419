import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { LineIndex } from '../../src/parse/position.js';
import { parsePgHba, parsePgIdent } from '../../src/parse/pg-hba.js';
import { parsePostgresConf } from '../../src/parse/postgres-conf.js';
import { parseRedisConf } from '../../src/parse/redis.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';

/**
 * Every redis and postgres config of the shared corpus parses without throwing, every range lies in
 * its file, and the files with findings are exactly the ones listed below, each for a reason.
 */

const CORPUS = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus');

const rows = readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .filter((row) => row[1] === 'redis' || row[1] === 'postgres');

/** The parser for a corpus file: by kind, then by name (pg_hba, pg_ident, else postgresql.conf). */
function parse(file: string, kind: string): { items: number; findings: readonly Finding[] } {
  const text = readFileSync(path.join(CORPUS, file), 'utf8');
  const source = { name: file, absPath: path.join(CORPUS, file), text };
  const base = path.basename(file);
  if (kind === 'redis') {
    const config = parseRedisConf(source);
    return { items: config.directives.length, findings: config.findings };
  }
  if (base.startsWith('pg_hba')) {
    const hba = parsePgHba(source);
    return { items: hba.records.length, findings: hba.findings };
  }
  if (base.startsWith('pg_ident')) {
    const ident = parsePgIdent(source);
    return { items: ident.records.length, findings: ident.findings };
  }
  const config = parsePostgresConf(source);
  return { items: config.settings.length, findings: config.findings };
}

/** The files with findings, how many, and why: each is a template or a real mistake. */
const EXPECTED: Record<string, { findings: number; why: string }> = {
  'dockersamples__atsea-sample-shop-app/database/pg_hba.conf': {
    findings: 5,
    why: "postgres's own pg_hba.conf.sample template: @authcomment@, @remove-line-for-nolocal@ and @authmethodhost@ placeholders that initdb replaces",
  },
  'dockersamples__atsea-sample-shop-app/database/postgresql.conf': {
    findings: 1,
    why: "listen_addresses = '*','localhost','127.0.0.1': a list must be one quoted string; postgres refuses the file (the oracle agrees)",
  },
};

describe('the redis and postgres configs of the shared corpus', () => {
  it('has the files the manifest lists', () => {
    expect([rows.filter((r) => r[1] === 'redis').length, rows.filter((r) => r[1] === 'postgres').length]).toEqual([25, 22]);
  });

  it('parse without throwing, with every range inside its file, and findings only where expected', () => {
    const withFindings: Record<string, number> = {};
    const outside: string[] = [];
    let items = 0;
    for (const [file, kind] of rows) {
      const { items: n, findings } = parse(file!, kind!);
      items += n;
      if (findings.length > 0) withFindings[file!] = findings.length;
      const text = readFileSync(path.join(CORPUS, file!), 'utf8');
      const end = new LineIndex(text).position(text.length);
      for (const f of findings) if (f.range.start.line < 1 || f.range.end.line > end.line || (f.range.end.line === end.line && f.range.end.column > end.column)) outside.push(`${file}: ${f.message}`);
    }
    expect(outside).toEqual([]);
    expect(withFindings).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([file, e]) => [file, e.findings])));
    // Not an empty parse: the directives, settings and records read.
    expect(items).toBe(987);
  });
});
