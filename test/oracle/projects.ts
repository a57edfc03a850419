import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OracleJob } from './compose129.js';

/**
 * The projects the oracle compares, made from the shared corpus: every compose file on its own, and
 * base + override pairs the way their repositories combine them (`docker compose -f base -f other`).
 */

/** The names Compose looks for, in its order of preference. */
const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export function corpusComposeFiles(corpus: string): string[] {
  const manifest = path.join(corpus, 'MANIFEST.tsv');
  if (!existsSync(manifest)) throw new Error(`the shared corpus is missing: expected ${manifest}`);
  const [, ...rows] = readFileSync(manifest, 'utf8').trimEnd().split('\n');
  return rows
    .map((row) => row.split('\t'))
    .filter(([, kind]) => kind === 'compose')
    .map(([file]) => file!);
}

function job(corpus: string, files: readonly string[]): OracleJob {
  const abs = files.map((f) => path.join(corpus, f));
  // Compose's default project directory: the first file's folder.
  return { id: files.join(' + '), files: abs, projectDir: path.dirname(abs[0]!) };
}

/** One project per compose file. */
export function singleProjects(corpus: string, files: readonly string[]): OracleJob[] {
  return files.map((f) => job(corpus, [f]));
}

/** The folder's base file: a name Compose finds by itself, else one that calls itself a base (`compose.base.yml`, `docker-compose-base.yml`). */
function baseOf(folderFiles: readonly string[]): string | undefined {
  for (const name of BASE_NAMES) {
    const found = folderFiles.find((f) => path.basename(f) === name);
    if (found) return found;
  }
  const bases = folderFiles.filter((f) => /(?:^|[.\-_])base\.ya?ml$/.test(path.basename(f)));
  return bases.length === 1 ? bases[0] : undefined;
}

/**
 * Base + override pairs:
 * - in a folder with a base file, each other file named like a variant of it
 *   (`docker-compose.prod.yml`, `compose.override.yaml`, `docker-compose-dev.yml`);
 * - each file docker-compose 1.29 calls incomplete on its own (a service with neither image nor
 *   build, a dependency or `extends` on a service it does not define), after the base of its own
 *   folder or, failing that, of the nearest folder above it (up to two levels).
 */
export function pairProjects(corpus: string, files: readonly string[], incomplete: ReadonlySet<string>): OracleJob[] {
  const byFolder = new Map<string, string[]>();
  for (const f of files) {
    const folder = path.dirname(f);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
  }
  const pairs = new Map<string, OracleJob>();
  const add = (base: string, other: string): void => {
    if (base === other) return;
    const j = job(corpus, [base, other]);
    pairs.set(j.id, j);
  };
  for (const [, folderFiles] of byFolder) {
    const base = baseOf(folderFiles);
    if (!base) continue;
    const stem = path.basename(base).replace(/\.ya?ml$/, '');
    for (const f of folderFiles) {
      const name = path.basename(f);
      if (f !== base && name.startsWith(stem) && /^[.\-_]/.test(name.slice(stem.length))) add(base, f);
    }
  }
  for (const f of files) {
    if (!incomplete.has(f)) continue;
    let folder = path.dirname(f);
    for (let up = 0; up <= 2; up++) {
      const base = baseOf(byFolder.get(folder) ?? []);
      if (base && base !== f) {
        add(base, f);
        break;
      }
      if (folder === '.' || folder === '') break;
      folder = path.dirname(folder);
    }
  }
  return [...pairs.values()];
}

/** 1.29's words for a file that is only a part of a project. */
export function isIncompleteError(error: string): boolean {
  return /has neither an image nor a build context|depends on service '.*' which is undefined|Cannot extend service|Service "[^"]*" uses an undefined network/.test(error);
}
