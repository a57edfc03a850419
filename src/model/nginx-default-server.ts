import path from 'node:path';
import type { NginxConfig, NginxDirective } from '../parse/nginx.js';
import { directivesNamed, walkNginx } from '../parse/nginx-tree.js';
import type { ServiceConfigFiles } from './configs.js';
import { resolveContainerPath } from './container-files.js';
import { httpBlocks, httpServers, officialNginxImage, unreadIncludes } from './nginx-http.js';
import { serverListens } from './nginx-servers.js';
import { NGINX_CONF_D, NGINX_TEMPLATES } from './service-configs.js';

/**
 * Which virtual server nginx hands a request whose host no server_name names: the server marked
 * `default_server` on the address the request came in on, else the first server listening there.
 * Such a server answers any Host header a client sends.
 */

/** A host no configuration names on purpose: a server_name regex that matches it matches any host. */
const ANY_HOST = 'spoofed.invalid';

/** The addresses a server listens on as nginx compares them (`*:8443` for `8443` and `0.0.0.0:8443`), whether marked default, with the `listen`; `*:80` when it has none. */
function addresses(server: NginxDirective): { address: string; listen?: NginxDirective; isDefault: boolean }[] {
  const listens = serverListens(server);
  if (directivesNamed(server, 'listen').length === 0) return [{ address: '*:80', isDefault: false }];
  return listens.map((l) => ({
    address: l.port === undefined ? l.word.value : `${l.host === '0.0.0.0' ? '*' : l.host}:${l.port}`,
    listen: l.directive,
    isDefault: l.directive.args.slice(1).some((a) => a.value === 'default_server' || a.value === 'default'),
  }));
}

/** Why a server answers requests for any host, in words, with the directive that makes it so. */
export interface CatchAll {
  readonly reason: string;
  readonly at: NginxDirective;
}

/**
 * Why a server of an `http` block receives requests for any host name, if it does: it is marked
 * `default_server`, its server_name regex matches any name, or (when `allServersKnown`, so that no
 * server of the image or of an unread file can come first) it is the first server on an address no
 * server marks as default.
 */
export function catchAllServer(config: NginxConfig, server: NginxDirective, allServersKnown: boolean): CatchAll | undefined {
  const own = addresses(server);
  const marked = own.find((a) => a.isDefault);
  if (marked) return { reason: `it is the default server of ${marked.address}`, at: marked.listen! };
  for (const directive of directivesNamed(server, 'server_name')) {
    for (const name of directive.args) {
      if (!name.value.startsWith('~')) continue;
      try {
        // PCRE's named groups (?P<name>…) read as JavaScript's (?<name>…); nginx matches server names without case
        if (new RegExp(name.value.slice(1).replace(/\(\?P</g, '(?<'), 'i').test(ANY_HOST)) return { reason: `its server_name regex "${name.value}" matches any host`, at: directive };
      } catch {
        continue;
      }
    }
  }
  if (!allServersKnown) return undefined;
  const http = httpBlocks(config).find((h) => httpServers(h).includes(server));
  const servers = http ? httpServers(http) : [];
  for (const { address, listen } of own) {
    const on = servers.filter((s) => addresses(s).some((a) => a.address === address));
    const anyMarked = on.some((s) => addresses(s).some((a) => a.address === address && a.isDefault));
    if (!anyMarked && on[0] === server) {
      return { reason: `it is the first server on ${address} and no server there is marked default_server`, at: listen ?? server };
    }
  }
  return undefined;
}

/**
 * True when the configuration shows every server nginx has, so that the first server on an address
 * is known: no `include` around the server is unread, and each wildcard include reads a folder the
 * project mounts as a whole (the official image's `conf.d` counts when its one file, `default.conf`,
 * is replaced by a mount or a template). A main file linted on its own is all there is; a `conf.d`
 * file linted on its own is one site among those its host's nginx.conf reads.
 */
export function allServersKnown(configs: ServiceConfigFiles, config: NginxConfig, server: NginxDirective): boolean {
  if (unreadIncludes(config, server, true).length > 0) return false;
  const service = configs.setup.service;
  // a file linted on its own is all there is, unless it is a conf.d file read through the image's nginx.conf (one site among others)
  if (!service) return configs.nginxImageMain === undefined;
  const mounts = configs.setup.mounts;
  let known = true;
  walkNginx(config, (d) => {
    const target = d.name.value === 'include' ? d.args[0]?.value : undefined;
    if (!target || !/[*?[]/.test(target)) return;
    const folder = path.posix.dirname(path.posix.resolve('/etc/nginx', target));
    if (resolveContainerPath(mounts, folder)) return;
    const imageDefault = folder === NGINX_CONF_D && officialNginxImage(service);
    if (imageDefault && (resolveContainerPath(mounts, `${NGINX_CONF_D}/default.conf`) || resolveContainerPath(mounts, `${NGINX_TEMPLATES}/default.conf.template`))) return;
    known = false;
  });
  return known;
}
