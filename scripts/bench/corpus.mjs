// The files of the shared corpus by kind, as the benchmark lints them. The compose list is
// scripts/corpus-report.mjs's (the one the corpus tests use); the config files come from the same
// manifest, grouped by the `--kind` they are linted with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, composeFiles } from '../corpus-report.mjs';

export { CORPUS, composeFiles };

/**
 * The manifest's config files (relative to the corpus) by the kind the linter reads them as:
 * nginx and redis as the manifest says; its postgres files as pg_hba when the name says pg_hba,
 * else as postgresql. pg_ident files are left out: the linter has no reader for them.
 */
export function configFiles(corpus = CORPUS) {
  const groups = { nginx: [], redis: [], postgresql: [], pg_hba: [] };
  for (const [file, kind] of manifestRows(corpus)) {
    const name = path.basename(file);
    if (kind === 'nginx' || kind === 'redis') groups[kind].push(file);
    else if (kind === 'postgres' && !name.startsWith('pg_ident')) groups[name.startsWith('pg_hba') ? 'pg_hba' : 'postgresql'].push(file);
  }
  return groups;
}

/** The manifest's byte count of each file, by path relative to the corpus. */
export function manifestBytes(corpus = CORPUS) {
  return new Map(manifestRows(corpus).map(([file, , bytes]) => [file, Number(bytes)]));
}

/** The manifest's rows below its header (composeFiles() checks the header), as [path, kind, bytes, yaml]. */
function manifestRows(corpus) {
  return readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n').slice(1).map((row) => row.split('\t'));
}
