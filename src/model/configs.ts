import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { rootedReader, type ConfigReader, type ListAttempt, type ReadAttempt } from '../parse/config-words.js';
import { parseNginx, type NginxConfig } from '../parse/nginx.js';
import { parsePgHba, type HbaFile } from '../parse/pg-hba.js';
import { parsePostgresConf, type PostgresConfig } from '../parse/postgres-conf.js';
import { parseRedisConf, type RedisConfig } from '../parse/redis.js';
import { FILE_START, type Origin } from '../parse/position.js';
import type { YNode } from '../parse/tree.js';
import { isWithin } from './volumes.js';
import { normalizeContainerPath, resolveContainerPath, type ContainerMount } from './container-files.js';
import type { Service } from './service.js';
import { officialNginxImage } from './nginx-http.js';
import { configEntry, NGINX_CONF, NGINX_CONF_D, NGINX_TEMPLATES, serviceConfigs, type ConfigEntry, type ConfigKind, type ConfigProgram, type ServiceConfigs } from './service-configs.js';

/**
 * The configuration files a service's program reads, parsed: nginx's main file and what it includes,
 * redis.conf, postgresql.conf and pg_hba.conf. Only files inside the project directory are read;
 * what the image provides, and what a mount brings from elsewhere on the deploy host, is listed as
 * not read (`unread`), so a rule can say it was not checked.
 */
export interface ServiceConfigFiles {
  readonly setup: ServiceConfigs;
  readonly nginx?: NginxConfig;
  /**
   * When nginx.conf is the official image's own (not read) and the project mounts `conf.d/*.conf`
   * files: a copy of the image's `http { include /etc/nginx/conf.d/*.conf; }` with those files read
   * through it, so their top-level directives sit in the `http` block as nginx sees them. Its main
   * file (`config.file`) is not a project file: nothing may be reported in it.
   */
  readonly nginxImageMain?: NginxConfig;
  readonly redis?: RedisConfig;
  readonly postgresql?: PostgresConfig;
  readonly pgHba?: HbaFile;
  /**
   * Set when a config file is linted on its own (`escashop-lint nginx.conf`), not through a compose
   * service: the file's name as findings report it. `setup.service` is absent then.
   */
  readonly standalone?: string;
  /** Entry files not read: the image's own, or a mount from outside the project directory. */
  readonly unread: readonly { entry: ConfigEntry; reason: 'image' | 'outside-project' | 'missing' }[];
}

/** Who runs a set of config files, as findings name it, and where a finding about something they lack goes. */
export interface ConfigOwner {
  /** `service "cache"`, or the file's base name when it is linted on its own. */
  readonly label: string;
  /** ` of service "cache"` to follow a file's name in a message, or nothing when the file is linted on its own. */
  readonly of: string;
  /** ` in service "cache"`, or nothing when the file is linted on its own. */
  readonly in: string;
  /** The service's key in the compose file, or the first line of the file linted on its own. */
  readonly at: YNode | Origin;
}

/** The owner of a set of config files: the compose service that runs them, or the file linted on its own. */
export function configOwner(configs: ServiceConfigFiles): ConfigOwner {
  const service = configs.setup.service;
  if (service) return { label: `service "${service.name}"`, of: ` of service "${service.name}"`, in: ` in service "${service.name}"`, at: service.key };
  const file = configs.standalone ?? '';
  return { label: path.posix.basename(file), of: '', in: '', at: { file, range: FILE_START } };
}

/** What the config loader needs from the project loader: one read per file, whatever asks for it. */
export interface ConfigFileSource {
  /** Reads a host file once; undefined (with its `core/input` finding recorded) when it cannot be read. */
  text(absPath: string): SourceFile | undefined;
}

/**
 * A reader of container paths: each path goes through the service's mounts to a host file, which is
 * read only when it is inside the project directory. nginx's official image renders
 * `/etc/nginx/templates/<name>.template` into `/etc/nginx/conf.d/<name>` when it starts, so the
 * templates are also seen at their rendered names.
 */
export function containerReader(mounts: readonly ContainerMount[], projectDir: string, files: ConfigFileSource): ConfigReader {
  const host = projectReader(projectDir, files);
  const rendered = templateMounts(mounts, host);
  const all = [...mounts, ...rendered];
  const notOurs: ReadAttempt & ListAttempt = { ok: false, missing: false, message: 'not a file of the project' };
  return {
    readFile(containerPath) {
      const resolved = resolveContainerPath(all, containerPath);
      if (!resolved || !resolved.mount.inProject) return notOurs;
      return host.readFile(resolved.hostPath);
    },
    listDir(containerDir) {
      const dir = normalizeContainerPath(containerDir);
      const names = new Set<string>();
      const resolved = resolveContainerPath(all, dir);
      if (resolved?.mount.inProject) {
        const listed = host.listDir(resolved.hostPath);
        if (listed.ok) for (const name of listed.names) names.add(name);
      }
      for (const mount of all) if (path.posix.dirname(mount.target) === dir) names.add(path.posix.basename(mount.target));
      return names.size > 0 || resolved ? { ok: true, names: [...names] } : notOurs;
    },
  };
}

/** A reader of host paths inside `projectDir` only, each file read once through `files`. */
export function projectReader(projectDir: string, files: ConfigFileSource): ConfigReader {
  const host = rootedReader(projectDir);
  return {
    readFile(absPath) {
      const checked = host.readFile(absPath);
      if (!checked.ok) return checked;
      const file = files.text(absPath);
      return file ? { ok: true, file } : { ok: false, missing: false, message: 'could not be read' };
    },
    listDir: (absPath) => host.listDir(absPath),
  };
}

/** nginx's configuration prefix in its official image and in distribution packages. */
const NGINX_PREFIX = '/etc/nginx';

/**
 * A reader of the files inside `folder`, which are also seen under `as` (a container path). A path
 * under `as` that the folder does not have is the program's own file (nginx's `mime.types`), not a
 * missing one.
 */
function folderAs(as: string, folder: string, files: ConfigFileSource): ConfigReader {
  const host = projectReader(folder, files);
  const notOurs = { ok: false, missing: false, message: 'not a file of the folder linted' } as const;
  const mapped = <T extends ReadAttempt | ListAttempt>(p: string, read: (hostPath: string) => T): T | typeof notOurs => {
    if (!isWithin(p, as)) return read(p);
    const attempt = read(path.join(folder, path.posix.relative(as, p)));
    return !attempt.ok && attempt.missing ? notOurs : attempt;
  };
  return { readFile: (p) => mapped(p, host.readFile), listDir: (p) => mapped(p, host.listDir) };
}

/** Each template under nginx's templates folder, seen at the `conf.d` name its rendering gets. */
function templateMounts(mounts: readonly ContainerMount[], host: ConfigReader): ContainerMount[] {
  const out: ContainerMount[] = [];
  const add = (mount: ContainerMount, target: string, hostPath: string) => {
    const rendered = path.posix.join(NGINX_CONF_D, path.posix.relative(NGINX_TEMPLATES, target).replace(/\.template$/, ''));
    out.push({ ...mount, target: rendered, hostPath });
  };
  for (const mount of mounts) {
    if (mount.target === NGINX_TEMPLATES && mount.inProject) {
      const listed = host.listDir(mount.hostPath);
      if (listed.ok) for (const name of listed.names.filter((n) => n.endsWith('.template'))) add(mount, path.posix.join(mount.target, name), path.join(mount.hostPath, name));
    } else if (path.posix.dirname(mount.target) === NGINX_TEMPLATES && mount.target.endsWith('.template')) {
      add(mount, mount.target, mount.hostPath);
    }
  }
  return out;
}

/** The part of the official image's nginx.conf that matters to the files a project mounts: `conf.d/*.conf` read in `http`. */
const IMAGE_NGINX_CONF = `events {\n}\nhttp {\n    include ${NGINX_CONF_D}/*.conf;\n}\n`;

/** The image's nginx.conf with the project's conf.d files read through it; undefined when none of them is a project file. */
function imageNginxMain(reader: ConfigReader): ReturnType<typeof parseNginx> | undefined {
  const result = parseNginx({ name: NGINX_CONF, absPath: NGINX_CONF, text: IMAGE_NGINX_CONF }, { reader, path: NGINX_CONF });
  return result.config.files.length > 1 ? result : undefined;
}

/**
 * Reads and parses the config files of a service that runs nginx, redis or postgres; undefined for
 * any other service. Parse findings (`core/nginx`, `core/redis`, `core/postgres`) go to `findings`.
 */
export function loadServiceConfigs(service: Service, root: YNode, projectDir: string, files: ConfigFileSource, findings: Finding[]): ServiceConfigFiles | undefined {
  const setup = serviceConfigs(service, root, projectDir);
  if (!setup) return undefined;
  const reader = containerReader(setup.mounts, projectDir, files);
  const unread: { entry: ConfigEntry; reason: 'image' | 'outside-project' | 'missing' }[] = [];
  const parsed: ParsedConfigs = {};
  for (const written of setup.entries) {
    // postgresql.conf may move pg_hba.conf (`hba_file`), unless the command line already did.
    const hbaFile = written.kind === 'pg_hba' && !written.namedBy ? parsed.postgresql?.last('hba_file')?.value : undefined;
    const entry = hbaFile ? configEntry('pg_hba', hbaFile.value, setup.mounts) : written;
    if (!entry.resolved) {
      unread.push({ entry, reason: 'image' });
      if (entry.kind === 'nginx' && entry.containerPath === NGINX_CONF && officialNginxImage(service)) {
        const main = imageNginxMain(reader);
        if (main) {
          findings.push(...main.findings);
          parsed.nginxImageMain = main.config;
        }
      }
      continue;
    }
    if (!entry.resolved.mount.inProject) {
      unread.push({ entry, reason: 'outside-project' });
      continue;
    }
    const read = reader.readFile(entry.containerPath);
    if (!read.ok) {
      unread.push({ entry, reason: 'missing' });
      continue;
    }
    parseConfigFile(entry.kind, read.file, { reader, path: entry.containerPath }, parsed, findings);
  }
  return { setup, ...parsed, unread };
}

/** The parsed files of a service's programs, by kind. */
type ParsedConfigs = { -readonly [K in 'nginx' | 'nginxImageMain' | 'redis' | 'postgresql' | 'pgHba']?: ServiceConfigFiles[K] };

/** Parses one config file (and, through `options.reader`, what it includes) into `parsed`; its parse findings go to `findings`. */
function parseConfigFile(kind: ConfigKind, file: SourceFile, options: { reader: ConfigReader; path: string }, parsed: ParsedConfigs, findings: Finding[]): void {
  switch (kind) {
    case 'nginx': {
      const result = parseNginx(file, options);
      findings.push(...result.findings);
      parsed.nginx = result.config;
      break;
    }
    case 'redis':
      parsed.redis = parseRedisConf(file, options);
      findings.push(...parsed.redis.findings);
      break;
    case 'postgresql':
      parsed.postgresql = parsePostgresConf(file, options);
      findings.push(...parsed.postgresql.findings);
      break;
    case 'pg_hba':
      parsed.pgHba = parsePgHba(file, options);
      findings.push(...parsed.pgHba.findings);
      break;
  }
}

const PROGRAM_OF: Readonly<Record<ConfigKind, ConfigProgram>> = { nginx: 'nginx', redis: 'redis', postgresql: 'postgres', pg_hba: 'postgres' };

/** Top-level directives that belong in nginx's `http` block: a file of them is a `conf.d` file, which nginx.conf includes there. */
const HTTP_LEVEL = new Set(['server', 'upstream', 'map', 'geo', 'split_clients', 'limit_req_zone', 'limit_conn_zone', 'proxy_cache_path', 'log_format']);

/**
 * A config file linted on its own (`escashop-lint redis.conf`), with no compose service: parsed as
 * its program reads it, its includes followed inside its own folder. For nginx that folder plays
 * `/etc/nginx`, as when it is mounted there: `include /etc/nginx/conf.d/*.conf` reads its `conf.d`.
 * An nginx file of `server` and `upstream` blocks with no `http` block is a `conf.d` file: it is
 * read inside the `http` block of the official image's nginx.conf, as with a service that mounts it.
 */
export function loadStandaloneConfig(source: SourceFile, kind: ConfigKind, files: ConfigFileSource, findings: Finding[]): ServiceConfigFiles {
  const folder = path.dirname(source.absPath);
  const reader = kind === 'nginx' ? folderAs(NGINX_PREFIX, folder, files) : projectReader(folder, files);
  const setup: ServiceConfigs = { program: PROGRAM_OF[kind], mounts: [], entries: [configEntry(kind, source.absPath, [])], args: [] };
  const parsed: ParsedConfigs = {};
  const own: Finding[] = [];
  parseConfigFile(kind, source, { reader, path: source.absPath }, parsed, own);
  const top = new Set(parsed.nginx?.directives.map((d) => d.name.value) ?? []);
  if (parsed.nginx && !top.has('http') && !top.has('events') && [...top].some((name) => HTTP_LEVEL.has(name))) {
    // Read again through the image's nginx.conf; the first parse's findings are the same ones.
    const main = `events {\n}\nhttp {\n    include "${source.absPath.replace(/["\\]/g, '\\$&')}";\n}\n`;
    const result = parseNginx({ name: NGINX_CONF, absPath: NGINX_CONF, text: main }, { reader, path: NGINX_CONF, prefix: path.dirname(source.absPath) });
    findings.push(...result.findings);
    return { setup, nginxImageMain: result.config, standalone: source.name, unread: [] };
  }
  findings.push(...own);
  return { setup, ...parsed, standalone: source.name, unread: [] };
}
