import path from 'node:path';
import picomatch from 'picomatch';
import { walkNginx } from '../parse/nginx-tree.js';
import type { NginxConfig } from '../parse/nginx.js';
import { postgresSettings } from './config-settings.js';
import type { ServiceConfigFiles } from './configs.js';
import { mountsUnder, normalizeContainerPath, type ContainerMount } from './container-files.js';
import { isWithin } from './volumes.js';
import { NGINX_CONF_D, type ConfigEntry } from './service-configs.js';

/**
 * Config files a service mounts where its program never reads them: the mount is there, the
 * settings in it are not in effect. Each program reads its files from known places (redis: the
 * file named on its command line, none by default; postgres: `config_file`/`hba_file`, else
 * `$PGDATA`; nginx: its main file and what that includes).
 */

/** Why a mounted config file is not read. */
export type UnreadReason =
  /** redis-server is started without a config file: it reads none. */
  | 'redis-no-file'
  /** The program reads a config of this kind, from another path. */
  | 'other-path'
  /** A file under nginx's `conf.d` while the mounted nginx.conf includes nothing there. */
  | 'not-included';

export interface UnreadMount {
  readonly mount: ContainerMount;
  /** What the file is (`redis.conf`, `postgresql.conf`, `pg_hba.conf`, `nginx conf.d`). */
  readonly what: string;
  readonly reason: UnreadReason;
  /** The path the program reads instead, for `other-path`. */
  readonly readPath?: string;
}

/** The official images run the scripts here on first start; they may copy a config file into place. */
const INITDB = '/docker-entrypoint-initdb.d';

const REDIS_CONF = /^(redis|valkey|keydb)[\w.-]*\.conf$/i;

/** The config kind a mounted file is, by its name in the container. */
function kindOf(program: ServiceConfigFiles['setup']['program'], target: string): 'redis' | 'postgresql' | 'pg_hba' | undefined {
  const name = path.posix.basename(target);
  if (program === 'redis') return REDIS_CONF.test(name) ? 'redis' : undefined;
  if (program === 'postgres') return name === 'postgresql.conf' ? 'postgresql' : name === 'pg_hba.conf' ? 'pg_hba' : undefined;
  return undefined;
}

/** The path postgres reads its pg_hba.conf from: the command line's, else postgresql.conf's `hba_file`, else the default. */
function hbaPath(configs: ServiceConfigFiles, entry: ConfigEntry): string {
  if (entry.namedBy) return entry.containerPath;
  const set = postgresSettings(configs)?.last('hba_file')?.value.value;
  return set ? normalizeContainerPath(set) : entry.containerPath;
}

/** True when an `include` of the nginx configuration names the container path. */
export function nginxIncludes(config: NginxConfig, prefix: string, containerPath: string): boolean {
  let found = false;
  walkNginx(config, (d) => {
    const arg = d.args[0];
    if (found || d.name.value !== 'include' || !arg || arg.variables.length > 0) return;
    const pattern = normalizeContainerPath(path.posix.resolve(prefix, arg.value));
    if (path.posix.dirname(pattern) !== path.posix.dirname(containerPath)) return;
    found = picomatch.isMatch(path.posix.basename(containerPath), path.posix.basename(pattern), { dot: true });
  });
  return found;
}

/**
 * The config files a redis, postgres or nginx service mounts and its program does not read. A
 * mounted directory is a config file only under nginx's `conf.d` (each `*.conf` in it).
 */
export function unreadConfigMounts(configs: ServiceConfigFiles): UnreadMount[] {
  const { setup } = configs;
  const out: UnreadMount[] = [];
  if (setup.program === 'nginx') {
    const entry = setup.entries[0];
    if (!configs.nginx || !entry) return out;
    const prefix = path.posix.dirname(entry.containerPath);
    for (const mount of mountsUnder(setup.mounts, NGINX_CONF_D)) {
      const probe = mount.target.endsWith('.conf') ? mount.target : path.posix.join(mount.target, 'default.conf');
      if (!nginxIncludes(configs.nginx, prefix, probe)) out.push({ mount, what: 'nginx conf.d file', reason: 'not-included' });
    }
    return out;
  }
  const named = [setup.service?.command, setup.service?.entrypoint].flatMap((c) => c?.words ?? []).map((w) => w.value);
  for (const mount of setup.mounts) {
    const kind = kindOf(setup.program, mount.target);
    // Init scripts, and a command that names the file (`cp`, a custom entrypoint), may put it in place.
    if (!kind || isWithin(mount.target, INITDB) || named.some((w) => w.includes(mount.target))) continue;
    const entry = setup.entries.find((e) => e.kind === kind);
    const readPath = entry && (kind === 'pg_hba' ? hbaPath(configs, entry) : entry.containerPath);
    if (readPath === mount.target) continue;
    const what = kind === 'redis' ? 'redis.conf' : `${kind === 'pg_hba' ? 'pg_hba' : 'postgresql'}.conf`;
    // A file another config includes is read too (redis `include`, postgres `include`).
    const included = [configs.redis, configs.postgresql].some((c) => c?.includes.some((i) => i.path === mount.target));
    if (included) continue;
    out.push(readPath ? { mount, what, reason: 'other-path', readPath } : { mount, what, reason: 'redis-no-file' });
  }
  return out;
}
