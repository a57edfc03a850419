import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-info.js';

/** The shared corpus, beside the repository as in CI. */
export const CORPUS = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus');

/** The corpus's compose files its manifest lists as well-formed YAML, relative to `CORPUS`. */
export function corpusComposeFiles(): string[] {
  const manifest = path.join(CORPUS, 'MANIFEST.tsv');
  if (!existsSync(manifest)) throw new Error(`the shared corpus is missing: expected ${manifest}`);
  return readFileSync(manifest, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((row) => row.split('\t'))
    .filter(([, kind, , yaml]) => kind === 'compose' && yaml === 'ok')
    .map(([file]) => file!);
}
