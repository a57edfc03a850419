import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { BIN } from '../cli/run.js';

/**
 * Every compose, nginx, redis and postgres file of the shared corpus through the CLI in one run (the
 * env files are read by the compose files beside them): no crash, and the files that get a parse
 * diagnostic are the reviewed ones of corpus-parse-diagnostics.json (docs/corpus-parse-review.md says
 * why each does). `UPDATE_CORPUS_SNAPSHOT=1` rewrites the snapshot; review the difference.
 */
const CORPUS = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus');
const SNAPSHOT = path.join(import.meta.dirname, 'corpus-parse-diagnostics.json');
/** The pipeline's checks that say a file could not be read or parsed (whole or in part). */
const PARSE_CHECKS = new Set(['core/input', 'core/yaml', 'core/nginx', 'core/redis', 'core/postgres']);

interface JsonResult {
  ruleId: string;
  file: string;
  line: number;
  column: number;
}

function corpusFiles(): string[] {
  const manifest = path.join(CORPUS, 'MANIFEST.tsv');
  if (!existsSync(manifest)) throw new Error(`the shared corpus is missing: expected ${manifest}`);
  const [, ...rows] = readFileSync(manifest, 'utf8').trimEnd().split('\n');
  return rows.map((row) => row.split('\t')).filter(([, kind]) => kind !== 'env').map(([file]) => file!);
}

describe('the corpus through the CLI', () => {
  const files = corpusFiles();
  const run = spawnSync(process.execPath, [BIN, '--format', 'json', '--no-config', ...files], {
    cwd: CORPUS,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, FORCE_COLOR: '0', ESCASHOP_DEBUG: '' },
  });

  it('never crashes: exit 0 or 1, nothing on stderr, a report that parses', () => {
    expect(files.length).toBeGreaterThan(1700);
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    const report = JSON.parse(run.stdout) as { results: JsonResult[]; summary: { files: number } };
    expect(report.summary.files).toBeGreaterThanOrEqual(files.length);
    // Every finding is in a corpus file, named relative to it.
    for (const result of report.results) expect(result.file).toMatch(/^[^/.][^\0]*$/);
  });

  it('gives parse diagnostics to exactly the reviewed files, at the reviewed places', () => {
    const { results } = JSON.parse(run.stdout) as { results: JsonResult[] };
    const places = new Map<string, Set<string>>();
    for (const r of results) {
      if (!PARSE_CHECKS.has(r.ruleId)) continue;
      if (!places.has(r.file)) places.set(r.file, new Set());
      places.get(r.file)!.add(`${r.ruleId} ${r.line}:${r.column}`);
    }
    const byPlace = (a: string, b: string) => {
      const [ra, pa] = a.split(' ');
      const [rb, pb] = b.split(' ');
      const [la, ca] = pa!.split(':').map(Number);
      const [lb, cb] = pb!.split(':').map(Number);
      return la! - lb! || ca! - cb! || (ra! < rb! ? -1 : ra! > rb! ? 1 : 0);
    };
    const actual = Object.fromEntries([...places.keys()].sort().map((file) => [file, [...places.get(file)!].sort(byPlace)]));
    if (process.env.UPDATE_CORPUS_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });
});
