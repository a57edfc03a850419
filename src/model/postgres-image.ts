import type { HbaRecord } from '../parse/pg-hba.js';
import type { ServiceConfigFiles } from './configs.js';
import { postgresSettings } from './config-settings.js';
import { baseName } from './invocations.js';
import { publishedBeyondLoopback } from './port-binding.js';
import type { Port } from './ports.js';
import { imageRepository } from './roles.js';
import type { Service } from './service.js';
import type { Text } from './text.js';

/**
 * What the official postgres image (and the images built on it: postgis, pgvector, timescaledb) does
 * when it initializes an empty data directory, so that rules can reason about a pg_hba.conf the
 * project does not mount. Its entrypoint runs initdb (which writes `local` and loopback `host` lines
 * with `trust`, the image's own init scripts connect through them), then appends
 *
 *     host all all all <method>
 *
 * where `<method>` is `POSTGRES_HOST_AUTH_METHOD`, else what `postgres -C password_encryption` prints
 * with the command's arguments: `scram-sha-256` since PostgreSQL 14, `md5` before. It also sets
 * `listen_addresses = '*'`.
 */

/** Images whose entrypoint is the official postgres image's. */
const OFFICIAL_ENTRYPOINT = new Set(['postgres', 'postgis', 'pgvector', 'timescaledb']);

/** True when a service runs an image whose entrypoint (and initdb's postgresql.conf) is the official image's. */
export function officialPostgresImage(service: Service): boolean {
  return OFFICIAL_ENTRYPOINT.has(imageRepository(service) ?? '');
}

/** The first major version whose `password_encryption` defaults to `scram-sha-256`. */
export const PG_SCRAM_DEFAULT_MAJOR = 14;

/** The PostgreSQL major version of a service's image, read from its tag. */
export type PostgresVersion =
  | { readonly known: true; readonly major: number; readonly tag: string }
  /** No tag, `latest`, or a tag that names no version (`alpine`, a digest alone): not guessed. */
  | { readonly known: false; readonly tag?: string };

/**
 * The major version a tag names: `15`, `15.4-alpine`, `9.6` (→ 9), `15-3.4` (postgis), `pg16`
 * (pgvector), `2.14.2-pg16` and `latest-pg15` (timescaledb: the `pgNN` part, not the extension's).
 */
export function postgresVersionOfTag(tag: string | undefined): PostgresVersion {
  if (tag === undefined) return { known: false };
  const pg = /(?:^|-)pg(\d+)(?:$|[.-])/.exec(tag);
  const plain = pg ? undefined : /^(\d+)(?:$|[.-])/.exec(tag);
  const major = Number((pg ?? plain)?.[1]);
  return Number.isInteger(major) && major > 0 ? { known: true, major, tag } : { known: false, tag };
}

/** The PostgreSQL version of the service's image; unknown for a built image. */
export function postgresVersion(service: Service): PostgresVersion {
  return postgresVersionOfTag(service.imageReference?.tag);
}

/**
 * Whether the official image's entrypoint initializes the database: it does when the word it is
 * given first is `postgres` or an option (`-c ...`); the image's command is `postgres`. An
 * `entrypoint` of the service replaces the image's (and its command) unless it runs
 * `docker-entrypoint.sh` itself; a command that runs a shell or another program skips the init.
 */
export function runsImageInit(service: Service): boolean {
  const entrypoint = service.entrypoint?.words;
  const command = service.command?.words;
  let args: readonly string[];
  if (service.get('entrypoint') !== undefined) {
    if (!entrypoint?.length || baseName(entrypoint[0]!.value) !== 'docker-entrypoint.sh') return false;
    args = [...entrypoint.slice(1), ...(command ?? [])].map((w) => w.value);
  } else {
    args = command?.length ? command.map((w) => w.value) : ['postgres'];
  }
  return args[0] === 'postgres' || (args[0]?.startsWith('-') ?? false);
}

/** The line the image appends to the pg_hba.conf it creates, and where its method comes from. */
export interface ImageHbaLine {
  /** The method in lower case; undefined when neither the environment nor the version tells it. */
  readonly method?: string;
  /** `env`: POSTGRES_HOST_AUTH_METHOD's value (`at`); `setting`: password_encryption (`at`); `version`: the image version's default. */
  readonly from: 'env' | 'setting' | 'version' | 'unknown';
  /** The text that decides the method, when the project writes it. */
  readonly at?: Text | { readonly origin: Text['origin'] };
  readonly version: PostgresVersion;
}

/**
 * The default pg_hba.conf line of a service that runs the official image's entrypoint, which
 * initializes the database (`runsImageInit`), with no pg_hba.conf of the project (`unread` says `image`). Undefined otherwise: a mounted file is what
 * counts then, and other images (bitnami's) write their own.
 */
export function imageHbaLine(configs: ServiceConfigFiles): ImageHbaLine | undefined {
  const service = configs.setup.service;
  if (!service || configs.setup.program !== 'postgres' || configs.pgHba) return undefined;
  if (!configs.unread.some((u) => u.entry.kind === 'pg_hba' && u.reason === 'image')) return undefined;
  if (!OFFICIAL_ENTRYPOINT.has(imageRepository(service) ?? '') || !runsImageInit(service)) return undefined;
  const version = postgresVersion(service);
  const env = service.environmentVariable('POSTGRES_HOST_AUTH_METHOD')?.value;
  if (env && env.value.trim() !== '') {
    return { method: env.value.trim().toLowerCase(), from: 'env', at: env, version };
  }
  const setting = postgresSettings(configs)?.last('password_encryption');
  if (setting) return { method: passwordEncryption(setting.value.value), from: 'setting', at: setting.value, version };
  if (!version.known) return { from: 'unknown', version };
  return { method: version.major >= PG_SCRAM_DEFAULT_MAJOR ? 'scram-sha-256' : 'md5', from: 'version', version };
}

/**
 * The hash a `password_encryption` value stores: `md5` for `md5` and the boolean spellings that meant
 * it before PostgreSQL 14 (`on`, `true`, `yes`, `1`, still accepted as aliases of `md5`), else the value.
 */
export function passwordEncryption(value: string): string {
  const v = value.trim().toLowerCase();
  return ['on', 'true', 'yes', '1'].includes(v) ? 'md5' : v;
}

/** How a message names the image's version: `postgres:13`, or that the tag does not say. */
export function describeVersion(version: PostgresVersion): string {
  if (version.known) return `PostgreSQL ${version.major} (tag "${version.tag}")`;
  return version.tag === undefined ? 'an untagged image (the version is not known)' : `tag "${version.tag}" (which names no PostgreSQL version)`;
}

/** The records of pg_hba.conf that match TCP connections (every type but `local`, the unix socket). */
export function hbaHostRecords(configs: ServiceConfigFiles): readonly HbaRecord[] {
  return configs.pgHba?.records.filter((r) => r.connection !== 'local') ?? [];
}

/** The port postgres listens on in its container: the `port` setting, else 5432. */
export function postgresPort(configs: ServiceConfigFiles): number {
  const port = Number(postgresSettings(configs)?.last('port')?.value.value.trim());
  return Number.isInteger(port) && port > 0 ? port : 5432;
}

/**
 * The first entry of `ports:` that publishes postgres's port to an address other than loopback,
 * where clients from other machines may reach it. Undefined when none does (or a variable hides it),
 * and for a config file linted on its own.
 */
export function publishedPostgresPort(configs: ServiceConfigFiles): Port | undefined {
  const service = configs.setup.service;
  return service && publishedBeyondLoopback(service, postgresPort(configs));
}
