import type { ImageReference } from '../model/image.js';

/**
 * Images that read a setting from a file named by `<VARIABLE>_FILE` (a Docker secret under
 * /run/secrets) instead of the variable itself, and the variables they do it for: the official
 * images' documentation, section "Docker Secrets".
 */
const FILE_VARIABLES: ReadonlyMap<string, readonly string[]> = new Map([
  ['postgres', ['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS']],
  ['mysql', ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_HOST', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD']],
  [
    'mariadb',
    [
      'MARIADB_ROOT_PASSWORD', 'MARIADB_ROOT_HOST', 'MARIADB_DATABASE', 'MARIADB_USER', 'MARIADB_PASSWORD',
      'MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_HOST', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD',
    ],
  ],
  ['mongo', ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD']],
]);

/** The `*_FILE` variable an image reads `variable` from, when it has one. */
export function fileVariable(image: ImageReference | undefined, variable: string): string | undefined {
  if (!image || image.registry !== undefined) return undefined;
  return FILE_VARIABLES.get(image.path)?.includes(variable) ? `${variable}_FILE` : undefined;
}
