import type { NginxConfig, NginxDirective, NginxWord } from '../parse/nginx.js';
import { directivesNamed, enclosing, walkNginx } from '../parse/nginx-tree.js';
import type { ServiceConfigFiles } from './configs.js';
import type { Service } from './service.js';
import { NGINX_CONF } from './service-configs.js';

/**
 * What nginx rules ask of a service's nginx configuration: the configuration nginx runs with (the
 * project's nginx.conf, or the image's with the project's conf.d files), its `http` blocks and
 * virtual servers, and which of those serve TLS.
 */

/** The configuration nginx runs with; `imageMain` when its main file is the image's (nothing may be reported in it). */
export interface NginxRun {
  readonly config: NginxConfig;
  readonly imageMain: boolean;
}

/** The images whose nginx.conf is the one nginx's packaging ships (`http` reads `/etc/nginx/conf.d/*.conf`), from any registry. */
const OFFICIAL_NGINX_IMAGES = new Set(['nginx', 'library/nginx', 'nginxinc/nginx-unprivileged']);

/** True when a service runs the official nginx image or its unprivileged variant (not bitnami's, whose nginx.conf differs). */
export function officialNginxImage(service: Service): boolean {
  return OFFICIAL_NGINX_IMAGES.has(service.imageReference?.path ?? '');
}

/** The nginx configuration of a service, when the project provides any of it. */
export function nginxRunOf(configs: ServiceConfigFiles): NginxRun | undefined {
  if (configs.nginx) return { config: configs.nginx, imageMain: false };
  if (configs.nginxImageMain) return { config: configs.nginxImageMain, imageMain: true };
  return undefined;
}

/** True when nginx runs the official image's own nginx.conf and no file of the project is read through it (no conf.d file mounted). */
export function nginxImageDefaultOnly(configs: ServiceConfigFiles): boolean {
  if (configs.nginx || configs.nginxImageMain || configs.setup.program !== 'nginx') return false;
  const service = configs.setup.service;
  return service !== undefined && officialNginxImage(service) && configs.unread.length > 0 && configs.unread.every((u) => u.reason === 'image' && u.entry.containerPath === NGINX_CONF);
}

/** The `http` blocks of a configuration (nginx allows one; more are kept as written). */
export function httpBlocks(config: NginxConfig): NginxDirective[] {
  return directivesNamed(config, 'http');
}

/** The virtual servers of an `http` block, in file order (servers of `upstream` blocks are not). */
export function httpServers(http: NginxDirective): NginxDirective[] {
  const servers: NginxDirective[] = [];
  walkNginx(http, (directive) => {
    if (directive.name.value !== 'server') return;
    if (directive.block) servers.push(directive);
    return false;
  });
  return servers;
}

/**
 * Why a server serves TLS, as the directive that says so: a `listen` with the `ssl` parameter, the
 * obsolete `ssl on;`, or an `ssl_certificate` written in the server itself (meant for TLS even when
 * its `listen` forgot `ssl`). Undefined for a plain-HTTP server.
 */
export function tlsMarker(server: NginxDirective): NginxDirective | undefined {
  const listen = directivesNamed(server, 'listen').find((d) => d.args.slice(1).some((a) => a.value === 'ssl'));
  return listen ?? directivesNamed(server, 'ssl').find((d) => d.args[0]?.value === 'on') ?? directivesNamed(server, 'ssl_certificate')[0];
}

/** The servers of a configuration's `http` blocks that serve TLS, each with the directive that says so. */
export function tlsServers(config: NginxConfig): { server: NginxDirective; marker: NginxDirective }[] {
  return httpBlocks(config).flatMap((http) =>
    httpServers(http).flatMap((server) => {
      const marker = tlsMarker(server);
      return marker ? [{ server, marker }] : [];
    }),
  );
}

/** The word that names a server in findings: its first `server_name`, or the first `listen` address. */
export function serverLabel(server: NginxDirective): string {
  const name = directivesNamed(server, 'server_name')[0]?.args[0]?.value;
  if (name && name !== '_') return `server "${name}"`;
  const listen = directivesNamed(server, 'listen')[0]?.args[0]?.value;
  return listen ? `server listening on ${listen}` : 'server';
}

/** True when a directive sits in an `http` block (server, location and `if` levels included). */
export function inHttp(directive: NginxDirective): boolean {
  return enclosing(directive, 'http') !== undefined;
}

/** An nginx release, as far as an image tag tells it. */
export interface NginxVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch?: number;
}

/**
 * The nginx version an official image's tag names: `1.27-alpine` → 1.27, `1.25.3` → 1.25.3;
 * `current` for a tag that follows the latest releases (`latest`, `stable`, `mainline`, `alpine`,
 * no tag); undefined for an image that is not the official one, or a tag that names no version.
 */
export function nginxImageVersion(service: Service): NginxVersion | 'current' | undefined {
  if (!officialNginxImage(service)) return undefined;
  const tag = service.imageReference?.tag;
  if (!tag || /^(latest|stable|mainline|alpine|perl|alpine-perl|alpine-slim|bookworm|trixie)(-|$)/.test(tag)) return 'current';
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-|$)/.exec(tag);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), ...(m[3] !== undefined ? { patch: Number(m[3]) } : {}) };
}

/** True when a version is `at` or later; a tag without a patch number (`1.23`) counts as its latest patch. */
export function nginxAtLeast(version: NginxVersion | 'current', at: NginxVersion): boolean {
  if (version === 'current') return true;
  if (version.major !== at.major) return version.major > at.major;
  if (version.minor !== at.minor) return version.minor > at.minor;
  return version.patch === undefined || version.patch >= (at.patch ?? 0);
}

/** The word to report a TLS server at: the `ssl` parameter of its `listen`, else the name of the directive that marks it. */
export function tlsMarkerWord(marker: NginxDirective): NginxWord {
  return (marker.name.value === 'listen' ? marker.args.slice(1).find((a) => a.value === 'ssl') : undefined) ?? marker.name;
}

/** Files of nginx's own distribution that hold no server settings (types, charsets, the parameters of the fastcgi, uwsgi and scgi modules). */
const DISTRIBUTION_FILE = /(^|\/)(mime\.types|(fastcgi|uwsgi|scgi)_params|fastcgi\.conf|koi-utf|koi-win|win-utf)$/;

/**
 * The `include`s of a block (or, with `outwards`, of the blocks around it and the top level too) whose
 * file was not read: a file of the image or of the deploy host, so the block may hold settings the
 * project does not show. An empty wildcard match, and nginx's own type and parameter files, do not
 * count.
 */
export function unreadIncludes(config: NginxConfig, block: NginxDirective, outwards = false): NginxDirective[] {
  const levels: (NginxConfig | NginxDirective)[] = [block];
  if (outwards) {
    for (let p = block.parent; p; p = p.parent) levels.push(p);
    levels.push(config);
  }
  return levels.flatMap((level) =>
    directivesNamed(level, 'include').filter((d) => {
      const target = d.args[0]?.value ?? '';
      return (d.included ?? []).length === 0 && !/[*?[]/.test(target) && !DISTRIBUTION_FILE.test(target);
    }),
  );
}

/** A version in words: `1.21.6`, `1.23`. */
export function nginxVersionText(version: NginxVersion): string {
  return `${version.major}.${version.minor}${version.patch !== undefined ? `.${version.patch}` : ''}`;
}
