import type { YNode } from '../parse/tree.js';
import { containerMounts, mountsUnder, normalizeContainerPath, resolveContainerPath, type ContainerMount, type ResolvedPath } from './container-files.js';
import { invocationsOf } from './invocations.js';
import { imageRepository, dataStoreOf } from './roles.js';
import type { Service } from './service.js';
import type { Text } from './text.js';

/** The programs whose configuration escashop-lint follows into the files a service mounts. */
export type ConfigProgram = 'nginx' | 'redis' | 'postgres';

/** The kinds of configuration file those programs read. */
export type ConfigKind = 'nginx' | 'redis' | 'postgresql' | 'pg_hba';

/** One configuration file a program reads, in the container. */
export interface ConfigEntry {
  readonly kind: ConfigKind;
  /** Absolute path in the container. */
  readonly containerPath: string;
  /** The command word that names the file; absent when it is the program's or image's default path. */
  readonly namedBy?: Text;
  /** The host file behind it, when a mount provides it; absent when it is the image's own file. */
  readonly resolved?: ResolvedPath;
}

/** What a service runs, as far as its configuration files go. */
export interface ServiceConfigs {
  readonly service?: Service;
  readonly program: ConfigProgram;
  /** Every host file or directory the service sees in its container. */
  readonly mounts: readonly ContainerMount[];
  /** The files the program reads first (nginx.conf; redis.conf; postgresql.conf and pg_hba.conf). */
  readonly entries: readonly ConfigEntry[];
  /**
   * The words of the program's command line after the program (redis `--maxmemory 256mb`, postgres
   * `-c shared_buffers=1GB`); a config file named there is among them.
   */
  readonly args: readonly Text[];
  /** The word that names the program in `command`/`entrypoint`; absent when the image's default command runs it. */
  readonly programWord?: Text;
}

/** nginx's main file in the official image, and the folders its entrypoint and `nginx.conf` read. */
export const NGINX_CONF = '/etc/nginx/nginx.conf';
export const NGINX_CONF_D = '/etc/nginx/conf.d';
/** The official image's entrypoint renders `*.template` files here into `conf.d` with `envsubst`. */
export const NGINX_TEMPLATES = '/etc/nginx/templates';
/** The official postgres image's data directory, unless `PGDATA` moves it. */
export const POSTGRES_PGDATA = '/var/lib/postgresql/data';

const NGINX_IMAGES = new Set(['nginx', 'nginx-unprivileged']);
const REDIS_PROGRAMS = new Set(['redis-server', 'valkey-server', 'keydb-server']);

/** The first invocation of one of `programs` in the service's `command`, then its `entrypoint`. */
function invocation(service: Service, programs: ReadonlySet<string>): { word: Text; args: readonly Text[] } | undefined {
  for (const command of [service.command, service.entrypoint]) {
    const found = invocationsOf(command).find((i) => programs.has(i.name));
    if (found) return { word: found.program, args: found.args };
  }
  return undefined;
}

/** A config file the program reads at `containerPath`, resolved through the service's mounts. */
export function configEntry(kind: ConfigKind, containerPath: string, mounts: readonly ContainerMount[], namedBy?: Text): ConfigEntry {
  const resolved = resolveContainerPath(mounts, containerPath);
  return { kind, containerPath: normalizeContainerPath(containerPath), ...(namedBy ? { namedBy } : {}), ...(resolved ? { resolved } : {}) };
}

/** `nginx -c <file>` or `-c<file>`; the default otherwise. */
function nginxConfigs(service: Service, mounts: readonly ContainerMount[]): ServiceConfigs | undefined {
  const run = invocation(service, new Set(['nginx']));
  const isNginx = run || NGINX_IMAGES.has(imageRepository(service) ?? '') || mountsUnder(mounts, '/etc/nginx').length > 0;
  if (!isNginx) return undefined;
  const args = run?.args ?? [];
  const flag = args.findIndex((a) => a.value === '-c' || (a.value.startsWith('-c') && a.value.length > 2));
  const named = flag === -1 ? undefined : args[flag]!.value === '-c' ? args[flag + 1] : args[flag]!.slice(2);
  return {
    service,
    program: 'nginx',
    mounts,
    entries: [configEntry('nginx', named?.value ?? NGINX_CONF, mounts, named)],
    args,
    ...(run ? { programWord: run.word } : {}),
  };
}

/** `redis-server [/path/redis.conf] [--option value ...]`: the first word, when not an option, is the file. */
function redisConfigs(service: Service, mounts: readonly ContainerMount[]): ServiceConfigs | undefined {
  const run = invocation(service, REDIS_PROGRAMS);
  if (!run && dataStoreOf(service)?.engine !== 'redis') return undefined;
  // The official images' entrypoint runs `redis-server` with the command's words when the first starts with `-` or ends in `.conf`.
  const words = service.command?.words ?? [];
  const args = run?.args ?? (words[0] && (words[0].value.startsWith('-') || words[0].value.endsWith('.conf')) ? words : []);
  const file = args[0] && !args[0].value.startsWith('-') ? args[0] : undefined;
  return {
    service,
    program: 'redis',
    mounts,
    entries: file ? [configEntry('redis', file.value, mounts, file)] : [],
    args,
    ...(run ? { programWord: run.word } : {}),
  };
}

/** The value of a postgres setting on its command line: `-c name=value`, `-cname=value` or `--name=value`. */
export function postgresFlag(args: readonly Text[], name: string): Text | undefined {
  let found: Text | undefined;
  const wanted = name.replace(/-/g, '_');
  args.forEach((arg, i) => {
    let setting: Text | undefined;
    if (arg.value === '-c') setting = args[i + 1];
    else if (arg.value.startsWith('-c')) setting = arg.slice(2);
    else if (arg.value.startsWith('--')) setting = arg.slice(2);
    const eq = setting?.value.indexOf('=') ?? -1;
    if (setting && eq > 0 && setting.value.slice(0, eq).replace(/-/g, '_') === wanted) found = setting.slice(eq + 1);
  });
  return found;
}

/**
 * The official image runs `postgres` with the command's words when they start with `-`
 * (`command: -c shared_buffers=1GB`); `postgres` may also be named. The files are `config_file` and
 * `hba_file` from the command line, else `$PGDATA/postgresql.conf` and `$PGDATA/pg_hba.conf`
 * (`hba_file` set inside postgresql.conf is for the caller to follow).
 */
function postgresConfigs(service: Service, mounts: readonly ContainerMount[]): ServiceConfigs | undefined {
  const run = invocation(service, new Set(['postgres']));
  if (!run && dataStoreOf(service)?.engine !== 'postgres') return undefined;
  const words = service.command?.words ?? [];
  const args = run?.args ?? (words[0]?.value.startsWith('-') ? words : []);
  const pgdata = service.environmentVariable('PGDATA')?.value?.value.trim() || POSTGRES_PGDATA;
  const configFile = postgresFlag(args, 'config_file');
  const hbaFile = postgresFlag(args, 'hba_file');
  return {
    service,
    program: 'postgres',
    mounts,
    entries: [
      configEntry('postgresql', configFile?.value ?? `${pgdata}/postgresql.conf`, mounts, configFile),
      configEntry('pg_hba', hbaFile?.value ?? `${pgdata}/pg_hba.conf`, mounts, hbaFile),
    ],
    args,
    ...(run ? { programWord: run.word } : {}),
  };
}

/**
 * Which of nginx, redis or postgres a service runs, the files its configuration comes from and its
 * command-line settings. Judged by the command first, then by the image (`dataStoreOf`, nginx's
 * official images) and, for nginx, by mounts under `/etc/nginx`. Undefined for any other service.
 */
export function serviceConfigs(service: Service, root: YNode, projectDir: string): ServiceConfigs | undefined {
  const mounts = containerMounts(service, root, projectDir);
  return nginxConfigs(service, mounts) ?? redisConfigs(service, mounts) ?? postgresConfigs(service, mounts);
}
