import path from 'node:path';
import type { NginxDirective } from '../parse/nginx.js';
import { walkNginx } from '../parse/nginx-tree.js';
import type { Origin } from '../parse/position.js';
import type { ServiceConfigFiles } from './configs.js';
import { postgresSettings, redisSettings } from './config-settings.js';
import { isMountedPath, normalizeContainerPath, resolveContainerPath } from './container-files.js';
import { invocationsOf } from './invocations.js';
import { serverListens } from './nginx-servers.js';
import { httpBlocks, httpServers, nginxImageDefaultOnly, nginxRunOf, officialNginxImage, unreadIncludes } from './nginx-http.js';
import type { Service } from './service.js';
import { NGINX_CONF_D, NGINX_TEMPLATES } from './service-configs.js';
import { isWithin } from './volumes.js';

/**
 * The TCP ports a service's nginx, redis or postgres listens on in its container, from its config
 * files, command line and the image's defaults, with the words that say so. Undefined when the
 * project does not show them all: a config file read from outside the project, an nginx `include`
 * of a file not read, a `listen` with a variable.
 */
export interface ListenPorts {
  readonly program: 'nginx' | 'redis' | 'postgres';
  /** Each port with the word that sets it (absent for a default). */
  readonly ports: readonly { readonly port: number; readonly at?: { readonly origin: Origin } }[];
  /** Where the ports come from, for messages: `listen in nginx.conf`, `redis's default`. */
  readonly source: string;
}

/** True when the port is one of those listened on. */
export function listensOn(listening: ListenPorts, port: number): boolean {
  return listening.ports.some((p) => p.port === port);
}

/** The ports in words: `8080, 8443`. */
export function describeListenPorts(listening: ListenPorts): string {
  const ports = [...new Set(listening.ports.map((p) => p.port))].sort((a, b) => a - b);
  return ports.length === 0 ? 'no TCP port' : `${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')}`;
}

const NGINX_ETC = '/etc/nginx';

/**
 * True when a mount puts something over a container folder: a bind, a named volume, a tmpfs, a
 * config or a secret (what is in it is then not the image's, and may be written when the container runs).
 */
export function mountedOver(service: Service, configs: ServiceConfigFiles, dir: string): boolean {
  if (resolveContainerPath(configs.setup.mounts, dir) || isMountedPath(service, dir)) return true;
  const tmpfs = [...service.list('tmpfs').map((t) => t.value.split(':')[0]!), ...service.volumes.filter((v) => v.type === 'tmpfs' && v.target).map((v) => v.target!.value)];
  return tmpfs.some((t) => t.trim().startsWith('/') && isWithin(dir, normalizeContainerPath(t.trim())));
}

/**
 * Whether the service runs its program as the project shows it: the program is named in its
 * command or entrypoint, or the image's entrypoint starts it (no entrypoint of the service, and a
 * command that is empty or the program's own options). A command that runs another program
 * (`/entrypoint.sh sentinel`, `bundle exec thin`) replaces it.
 */
export function runsProgram(configs: ServiceConfigFiles, service: Service): boolean {
  if (configs.setup.programWord) return true;
  if (service.get('entrypoint') !== undefined) return false;
  return !service.command?.words.length || configs.setup.args.length > 0;
}

/** True when the command or entrypoint that starts nginx runs other programs too, which may write its configuration first (`envsubst … > conf.d/default.conf && nginx`). */
function nginxStartsAfterOthers(service: Service): boolean {
  return [service.command, service.entrypoint].some((c) => invocationsOf(c).some((i) => i.name !== 'nginx' && i.name !== 'docker-entrypoint.sh'));
}

/** The port the official image's `conf.d/default.conf` listens on: 8080 in the unprivileged variant, 80 otherwise. */
function imageDefaultPort(service: Service): number {
  return service.imageReference?.path === 'nginxinc/nginx-unprivileged' ? 8080 : 80;
}

/** Whether a file name matches a glob(3) pattern of one path segment (`*.conf`, `default.con?`, `[a-z]*`). */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern.replace(/\[[^\]]*\]|[*?]|[^*?[]+/g, (part) =>
    part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.startsWith('[') ? part.replace(/^\[!/, '[^') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  try {
    return new RegExp(`^${source}$`).test(name);
  } catch {
    return true;
  }
}

/**
 * What an `include` with a wildcard reads that the parse could not see. A folder the project mounts
 * whole was listed; the official images hold only `conf.d/default.conf` (which listens on the image's
 * default port) unless a mount replaces it; any other image's folders are unknown.
 */
function wildcardExtra(include: NginxDirective, service: Service, configs: ServiceConfigFiles): number[] | undefined {
  const pattern = include.args[0]?.value ?? '';
  const dir = path.posix.resolve(NGINX_ETC, path.posix.dirname(pattern));
  const resolved = resolveContainerPath(configs.setup.mounts, dir);
  if (resolved) return resolved.mount.inProject ? [] : undefined;
  if (mountedOver(service, configs, dir) || !officialNginxImage(service)) return undefined;
  if (dir !== NGINX_CONF_D || !globMatches(path.posix.basename(pattern), 'default.conf')) return [];
  const replaced = [`${NGINX_CONF_D}/default.conf`, `${NGINX_TEMPLATES}/default.conf.template`].some((file) => mountedOver(service, configs, file));
  return replaced ? [] : [imageDefaultPort(service)];
}

function nginxPorts(configs: ServiceConfigFiles, service: Service): ListenPorts | undefined {
  if (nginxStartsAfterOthers(service)) return undefined;
  if (nginxImageDefaultOnly(configs)) {
    if ([NGINX_ETC, NGINX_CONF_D, NGINX_TEMPLATES].some((dir) => mountedOver(service, configs, dir))) return undefined;
    return { program: 'nginx', ports: [{ port: imageDefaultPort(service) }], source: "the image's default.conf" };
  }
  const run = nginxRunOf(configs);
  if (!run) return undefined;
  const ports: { port: number; at?: { origin: Origin } }[] = [];
  let known = true;
  const blocks: NginxDirective[] = [];
  walkNginx(run.config, (directive) => {
    if (directive.block) blocks.push(directive);
    if (directive.name.value === 'include' && /[*?[]/.test(directive.args[0]?.value ?? '')) {
      const extra = wildcardExtra(directive, service, configs);
      if (extra) ports.push(...extra.map((port) => ({ port })));
      else known = false;
    }
    if (directive.name.value !== 'server' || !directive.block || directive.parent?.name.value === 'upstream') return;
    for (const listen of serverListens(directive)) {
      if (listen.port !== undefined) ports.push({ port: listen.port, at: { origin: { file: listen.word.file, range: listen.word.range } } });
      else if (!listen.word.value.startsWith('unix:')) known = false;
    }
  });
  const unread = blocks.some((b) => unreadIncludes(run.config, b, b === blocks[0]).length > 0);
  if (!known || unread) return undefined;
  // A server without `listen` listens on *:80 when nginx starts as root, *:8000 otherwise.
  const bare = httpBlocks(run.config).flatMap(httpServers).some((s) => !(s.block ?? []).some((d) => d.name.value === 'listen'));
  if (bare) ports.push({ port: 80 }, { port: 8000 });
  return { program: 'nginx', ports, source: 'its listen directives' };
}

/** A port from the environment the image reads (`PGPORT`, Bitnami's `*_PORT_NUMBER`). */
function envPort(service: Service, names: readonly string[]): { port: number; name: string } | undefined {
  for (const name of names) {
    const port = Number(service.environmentVariable(name)?.value?.value.trim());
    if (Number.isInteger(port) && port > 0) return { port, name };
  }
  return undefined;
}

function isBitnami(service: Service): boolean {
  return (service.imageReference?.path ?? '').split('/').some((p) => p.startsWith('bitnami'));
}

function redisPorts(configs: ServiceConfigFiles, service: Service): ListenPorts | undefined {
  const settings = redisSettings(configs);
  if (!settings || configs.unread.length > 0 || configs.setup.args.some((a) => a.value === '--sentinel')) return undefined;
  const directive = settings.last('port');
  const tls = settings.last('tls-port');
  const ports: { port: number; at?: { origin: Origin } }[] = [];
  let source: string;
  if (directive?.args[0]) {
    const port = Number(directive.args[0].value);
    if (!Number.isInteger(port)) return undefined;
    if (port > 0) ports.push({ port, at: directive.args[0] });
    source = 'its port setting';
  } else {
    const env = isBitnami(service) ? envPort(service, ['REDIS_PORT_NUMBER', 'VALKEY_PORT_NUMBER']) : undefined;
    ports.push({ port: env?.port ?? 6379 });
    source = env ? `${env.name}` : "redis's default";
  }
  const tlsPort = Number(tls?.args[0]?.value);
  if (tls?.args[0] && Number.isInteger(tlsPort) && tlsPort > 0) ports.push({ port: tlsPort, at: tls.args[0] });
  return { program: 'redis', ports, source };
}

function postgresPorts(configs: ServiceConfigFiles, service: Service): ListenPorts | undefined {
  const settings = postgresSettings(configs);
  if (!settings) return undefined;
  const entry = settings.last('port');
  if (entry) {
    const port = Number(entry.value.value.trim());
    return Number.isInteger(port) && port > 0 ? { program: 'postgres', ports: [{ port, at: entry.value }], source: 'its port setting' } : undefined;
  }
  if (configs.unread.some((u) => u.entry.kind === 'postgresql' && u.reason !== 'image')) return undefined;
  // Without a port setting the server takes PGPORT from its environment (Bitnami's image its own variable).
  const env = envPort(service, isBitnami(service) ? ['POSTGRESQL_PORT_NUMBER', 'PGPORT'] : ['PGPORT']);
  return { program: 'postgres', ports: [{ port: env?.port ?? 5432 }], source: env ? env.name : "postgres's default" };
}

/** The ports the service's program listens on, when the project shows them all. */
export function listenPorts(configs: ServiceConfigFiles): ListenPorts | undefined {
  const service = configs.setup.service;
  if (!service || !runsProgram(configs, service)) return undefined;
  switch (configs.setup.program) {
    case 'nginx':
      return nginxPorts(configs, service);
    case 'redis':
      return redisPorts(configs, service);
    case 'postgres':
      return postgresPorts(configs, service);
  }
}
