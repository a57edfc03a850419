import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../../src/findings/finding.js';
import { parseNginx, type NginxParseResult } from '../../../src/parse/nginx.js';
import { rootedReader } from '../../../src/parse/config-words.js';
import { PACKAGE_ROOT } from '../../../src/package-info.js';

/** The nginx files of the shared corpus, and how the parser reads them there (shared by the corpus test and the oracle). */

export const CORPUS = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus');

/** Corpus-relative paths of the files MANIFEST.tsv lists as nginx configurations. */
export function corpusNginxFiles(corpus = CORPUS): string[] {
  const rows = readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n').slice(1);
  return rows.map((row) => row.split('\t')).filter((cols) => cols[1] === 'nginx').map((cols) => cols[0]!);
}

/**
 * Parses a corpus file as nginx would with `-c` on it: relative includes from its own folder, read
 * only inside its repository; absolute ones (the image's `/etc/nginx/...`) are not followed.
 */
export function parseCorpusFile(rel: string, corpus = CORPUS): NginxParseResult {
  const file = path.join(corpus, rel);
  const repo = path.join(corpus, rel.split('/')[0]!);
  const reader = rootedReader(repo, { cwd: corpus });
  return parseNginx({ name: rel, absPath: file, text: readFileSync(file, 'utf8').replace(/^\uFEFF/, '') }, { reader });
}

/** A finding about the text (not about an include that cannot be read). */
export function isSyntaxFinding(finding: Finding): boolean {
  return !/^included file does not exist$|^include cycle: |^includes nest deeper/.test(finding.message);
}
