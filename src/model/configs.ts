import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import type { SourceFile } from '../input/source.js';
import { rootedReader, type ConfigReader, type ListAttempt, type ReadAttempt } from '../parse/config-words.js';
import { parseNginx, type NginxConfig } from '../parse/nginx.js';
import { parsePgHba, type HbaFile } from '../parse/pg-hba.js';
import { parsePostgresConf, type PostgresConfig } from '../parse/postgres-conf.js';
import { parseRedisConf, type RedisConfig } from '../parse/redis.js';
import type { YNode } from '../parse/tree.js';
import { normalizeContainerPath, resolveContainerPath, type ContainerMount } from './container-files.js';
import type { Service } from './service.js';
import { officialNginxImage } from './nginx-http.js';
import { configEntry, NGINX_CONF, NGINX_CONF_D, NGINX_TEMPLATES, serviceConfigs, type ConfigEntry, type ServiceConfigs } from './service-configs.js';

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
  /** Entry files not read: the image's own, or a mount from outside the project directory. */
  readonly unread: readonly { entry: ConfigEntry; reason: 'image' | 'outside-project' | 'missing' }[];
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
  const host = rootedReader(projectDir);
  const rendered = templateMounts(mounts, host);
  const all = [...mounts, ...rendered];
  const notOurs: ReadAttempt & ListAttempt = { ok: false, missing: false, message: 'not a file of the project' };
  return {
    readFile(containerPath) {
      const resolved = resolveContainerPath(all, containerPath);
      if (!resolved || !resolved.mount.inProject) return notOurs;
      const checked = host.readFile(resolved.hostPath);
      if (!checked.ok) return checked;
      const file = files.text(resolved.hostPath);
      return file ? { ok: true, file } : { ok: false, missing: false, message: 'could not be read' };
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
  const parsed: { nginx?: NginxConfig; nginxImageMain?: NginxConfig; redis?: RedisConfig; postgresql?: PostgresConfig; pgHba?: HbaFile } = {};
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
    const options = { reader, path: entry.containerPath };
    switch (entry.kind) {
      case 'nginx': {
        const result = parseNginx(read.file, options);
        findings.push(...result.findings);
        parsed.nginx = result.config;
        break;
      }
      case 'redis':
        parsed.redis = parseRedisConf(read.file, options);
        findings.push(...parsed.redis.findings);
        break;
      case 'postgresql':
        parsed.postgresql = parsePostgresConf(read.file, options);
        findings.push(...parsed.postgresql.findings);
        break;
      case 'pg_hba':
        parsed.pgHba = parsePgHba(read.file, options);
        findings.push(...parsed.pgHba.findings);
        break;
    }
  }
  return { setup, ...parsed, unread };
}
