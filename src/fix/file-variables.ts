import type { ImageReference } from '../model/image.js';

/**
 * Images that read a setting from a file (a Docker secret under /run/secrets) named by a companion
 * variable, and for which variables. Each row is a fact of the image's own documentation or
 * entrypoint, named in `source`; an image or a variable not listed here is not known to read a
 * file, and a fix that needs one is at most a suggestion.
 */
interface FileVariables {
  /** Image paths on Docker Hub (`ImageReference.path`: official images without `library/`). */
  readonly images: readonly string[];
  /** The variables it reads from a file: a list, or a pattern for a whole family (`GF_*`). */
  readonly variables: readonly string[] | RegExp;
  /** What names the companion: `_FILE` (`POSTGRES_PASSWORD_FILE`) or grafana's `__FILE`. */
  readonly suffix: '_FILE' | '__FILE';
  readonly source: string;
}

const MYSQL = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_HOST', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD'];

export const FILE_VARIABLES: readonly FileVariables[] = [
  {
    images: ['postgres'],
    variables: ['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS'],
    suffix: '_FILE',
    source: 'https://hub.docker.com/_/postgres, "Docker Secrets"',
  },
  { images: ['mysql'], variables: MYSQL, suffix: '_FILE', source: 'https://hub.docker.com/_/mysql, "Docker Secrets"' },
  {
    images: ['mariadb'],
    variables: ['MARIADB_ROOT_PASSWORD', 'MARIADB_ROOT_HOST', 'MARIADB_DATABASE', 'MARIADB_USER', 'MARIADB_PASSWORD', ...MYSQL],
    suffix: '_FILE',
    source: 'https://hub.docker.com/_/mariadb, "Docker Secrets"',
  },
  {
    images: ['mongo'],
    variables: ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD'],
    suffix: '_FILE',
    source: 'https://hub.docker.com/_/mongo, "Docker Secrets"',
  },
  {
    images: ['wordpress'],
    variables: [
      'WORDPRESS_DB_HOST', 'WORDPRESS_DB_USER', 'WORDPRESS_DB_PASSWORD', 'WORDPRESS_DB_NAME',
      'WORDPRESS_AUTH_KEY', 'WORDPRESS_SECURE_AUTH_KEY', 'WORDPRESS_LOGGED_IN_KEY', 'WORDPRESS_NONCE_KEY',
      'WORDPRESS_AUTH_SALT', 'WORDPRESS_SECURE_AUTH_SALT', 'WORDPRESS_LOGGED_IN_SALT', 'WORDPRESS_NONCE_SALT',
    ],
    suffix: '_FILE',
    source: 'https://hub.docker.com/_/wordpress, "Docker Secrets" (getenv_docker in wp-config-docker.php)',
  },
  {
    images: ['nextcloud'],
    variables: [
      'NEXTCLOUD_ADMIN_USER', 'NEXTCLOUD_ADMIN_PASSWORD', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD',
      'POSTGRES_DB', 'POSTGRES_USER', 'POSTGRES_PASSWORD', 'REDIS_HOST_PASSWORD', 'SMTP_PASSWORD',
    ],
    suffix: '_FILE',
    source: 'https://hub.docker.com/_/nextcloud, "Docker Secrets"',
  },
  {
    images: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'],
    // Any `GF_<SECTION>_<KEY>` setting: the image's run.sh exports `GF_X` from the file `GF_X__FILE` names.
    variables: /^GF_\w+$/,
    suffix: '__FILE',
    source: 'https://grafana.com/docs/grafana/latest/setup-grafana/configure-docker/, "Configure Grafana with Docker Secrets" (packaging/docker/run.sh)',
  },
  {
    images: ['passbolt/passbolt'],
    variables: [
      'DATASOURCES_DEFAULT_PASSWORD', 'DATASOURCES_DEFAULT_HOST', 'DATASOURCES_DEFAULT_USERNAME', 'DATASOURCES_DEFAULT_DATABASE',
      'EMAIL_TRANSPORT_DEFAULT_PASSWORD', 'EMAIL_TRANSPORT_DEFAULT_USERNAME',
    ],
    suffix: '_FILE',
    source: 'https://www.passbolt.com/docs/hosting/faq/how-to-use-docker-secrets',
  },
];

/**
 * The variable an image reads `variable`'s value from a file through (`POSTGRES_PASSWORD_FILE`,
 * `GF_SECURITY_ADMIN_PASSWORD__FILE`), when the image is in the table and does so for that variable.
 * Only Docker Hub images: the same path on another registry may be another image.
 */
export function fileVariable(image: ImageReference | undefined, variable: string): string | undefined {
  if (!image || image.registry !== undefined) return undefined;
  const row = FILE_VARIABLES.find((r) => r.images.includes(image.path));
  if (!row) return undefined;
  const reads = Array.isArray(row.variables) ? row.variables.includes(variable) : (row.variables as RegExp).test(variable);
  return reads ? `${variable}${row.suffix}` : undefined;
}
