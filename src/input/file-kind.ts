import path from 'node:path';

/** What a file given to lint is: a compose file, or a config file of a program escashop-lint knows. */
export type FileKind = 'compose' | 'nginx' | 'redis' | 'postgresql' | 'pg_hba';

export const FILE_KINDS: readonly FileKind[] = ['compose', 'nginx', 'redis', 'postgresql', 'pg_hba'];

/** Names whose program is plain from the name alone. */
const BY_NAME: readonly [RegExp, FileKind][] = [
  [/\.ya?ml$/i, 'compose'],
  [/^pg_hba(?:[._-].*)?\.conf(?:\.[a-z]+)?$/i, 'pg_hba'],
  [/^(?:postgresql|postgres)(?:[._-].*)?\.conf(?:\.[a-z]+)?$/i, 'postgresql'],
  [/^(?:redis|valkey|keydb)(?:[._-].*)?\.conf(?:\.[a-z]+)?$/i, 'redis'],
  [/^nginx(?:[._-].*)?\.conf(?:\.[a-z]+)?$|\.nginx$/i, 'nginx'],
];

/** Folders whose files nginx reads: `conf.d`, `sites-enabled`, `snippets`, or any folder named nginx. */
const NGINX_FOLDERS = /^(?:conf\.d|sites-(?:available|enabled)|snippets|nginx)$/i;

/** Endings of sample and template copies (`redis.conf.example`, `pg_hba.conf.j2`): the file is of the kind of the name before them. */
const COPY_SUFFIX = /(?:[.-](?:example|sample|dist|j2|jinja2?|tmpl|tpl|template|orig|default))+$/i;

/** Compose file names without a YAML extension (`docker-compose.prod`). */
const COMPOSE_NAME = /^(?:docker-)?compose\b/i;

/**
 * The kind of a file: from its name where the name says it (ignoring endings such as `.example`
 * and `.j2`); else from its text (`configKindOfText`), with any file in an nginx folder read as
 * nginx. A `.conf` file whose text is none of the four config formats is undefined; any other
 * file is a compose file, as before config files were linted on their own.
 */
export function fileKindOf(absPath: string, text: () => string | undefined): FileKind | undefined {
  const full = path.basename(absPath);
  const base = full.replace(COPY_SUFFIX, '') || full;
  if (COMPOSE_NAME.test(full)) return 'compose';
  for (const [pattern, kind] of BY_NAME) if (pattern.test(base)) return kind;
  if (/^pg_ident\b/i.test(base)) return undefined;
  const content = text();
  const sniffed = content === undefined ? undefined : configKindOfText(content);
  if (NGINX_FOLDERS.test(path.basename(path.dirname(absPath))) && (sniffed === 'nginx' || !/\.(?:json|md|txt|sh|py|js|ts)$/i.test(base))) return 'nginx';
  if (sniffed) return sniffed;
  return /\.conf$/i.test(base) ? undefined : 'compose';
}

/**
 * Which config format a text is written in, when its meaningful lines all agree: pg_hba.conf
 * records, postgresql.conf `name = value` settings, nginx `;`-terminated directives and blocks, or
 * redis.conf `name value` lines. Undefined when the lines fit none, or several.
 */
export function configKindOfText(text: string): 'nginx' | 'redis' | 'postgresql' | 'pg_hba' | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return undefined;
  const all = (test: (line: string) => boolean) => lines.every(test);
  // nginx statements end with ";" or a block's "}", however they spread over lines.
  if (/[;}]$/.test(lines.at(-1)!) && lines.some((l) => l.includes(';'))) return 'nginx';
  const include = (l: string) => /^include(?:_if_exists|_dir)?\s/.test(l);
  const hba = (l: string) => /^(?:local|host|hostssl|hostnossl|hostgssenc|hostnogssenc)\s+\S+\s+\S+/.test(l);
  if (lines.some(hba) && all((l) => hba(l) || include(l))) return 'pg_hba';
  const setting = (l: string) => /^[a-z_][a-z0-9_.]*\s*=/i.test(l);
  if (lines.some(setting) && all((l) => setting(l) || include(l))) return 'postgresql';
  if (all((l) => /^[a-z][a-z0-9-]*(?:\s+\S.*)?$/i.test(l) && !/(?:;|\{)$|^\}/.test(l))) return 'redis';
  return undefined;
}
