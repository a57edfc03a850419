import type { ConfigWord } from '../parse/config-words.js';
import { redisYes, type RedisDirective } from '../parse/redis.js';
import type { EffectiveSettings } from './config-settings.js';
import type { ServiceConfigFiles } from './configs.js';
import { redisImageKind } from './redis-auth.js';
import { imageRepository } from './roles.js';

/** redis's default TCP port. */
export const REDIS_PORT = 6379;

/**
 * The TCP port a redis server listens on: `port`, else 6379. 0 means it listens on no TCP port (a
 * unix socket only); undefined when the value is not a number (a variable the project leaves open).
 */
export function redisPort(settings: EffectiveSettings<RedisDirective>): number | undefined {
  const value = settings.last('port')?.args[0]?.value ?? String(REDIS_PORT);
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Addresses of a `bind` line that mean every interface of one family; a leading `-` only makes the address optional. */
const EVERY_INTERFACE = new Set(['*', '0.0.0.0', '::*', '::', '0:0:0:0:0:0:0:0']);

/**
 * Which interfaces a redis server listens on.
 * - `directive`: the `bind` line that decides it (config file or `--bind`), with `word`, its first
 *   address that means every interface (`*`, `0.0.0.0`, `::`, `::*`, `-::*`).
 * - no directive: redis's compiled default `bind * -::*` (every interface; redis 6 and earlier
 *   listened on all of them too), or, for Bitnami's images run without a config file, the
 *   `bind 0.0.0.0 ::` its entrypoint writes unless `REDIS_ALLOW_REMOTE_CONNECTIONS=no`.
 */
export interface RedisBind {
  readonly everywhere: boolean;
  readonly directive?: RedisDirective;
  readonly word?: ConfigWord;
  /** Where the bind comes from when no line of the project sets it. */
  readonly by: 'setting' | 'compiled' | 'bitnami';
}

export function redisBind(configs: ServiceConfigFiles, settings: EffectiveSettings<RedisDirective>): RedisBind {
  const directive = settings.last('bind');
  if (directive) {
    const word = directive.args.find((a) => EVERY_INTERFACE.has(a.value.replace(/^-/, '')));
    return { everywhere: word !== undefined, directive, ...(word ? { word } : {}), by: 'setting' };
  }
  const service = configs.setup.service;
  if (service && !configs.redis && redisImageKind(configs) === 'bitnami') {
    const remote = service.environmentVariable('REDIS_ALLOW_REMOTE_CONNECTIONS')?.value?.value.trim().toLowerCase();
    // Without remote connections the image keeps the sample config's `bind 127.0.0.1 -::1`.
    return { everywhere: remote !== 'no' && remote !== 'false', by: 'bitnami' };
  }
  return { everywhere: true, by: 'compiled' };
}

/**
 * The redis major version a service's image tag names (`redis:6.2-alpine` → 6, `bitnami/redis:7.2`
 * → 7); KeyDB is a fork of redis 6. Undefined when the tag names none (`latest`, `alpine`, a built image).
 */
export function redisMajorVersion(configs: ServiceConfigFiles): number | undefined {
  const service = configs.setup.service;
  if (!service || !redisImageKind(configs)) return undefined;
  if (imageRepository(service) === 'keydb') return 6;
  const major = /^v?(\d+)(?:$|[.-])/.exec(service.imageReference?.tag ?? '');
  return major ? Number(major[1]) : undefined;
}

/**
 * Whether protected mode keeps clients of other addresses out of a redis server whose default user
 * has no password. Redis compiles it on; the official images (`redis`, `valkey`, `keydb`) patch it
 * off, and Bitnami's sets it off with `ALLOW_EMPTY_PASSWORD=yes`, the only way it starts without a
 * password. An image whose default is not known (a built image, a config file linted on its own) is
 * taken to have it off, as most images that run redis start from the official ones. Before redis 7 it
 * only acted when no `bind` line was given.
 */
export function redisProtectedMode(configs: ServiceConfigFiles, settings: EffectiveSettings<RedisDirective>): { on: boolean; directive?: RedisDirective } {
  const directive = settings.last('protected-mode');
  const on = directive ? redisYes(directive.args[0]?.value ?? '') === true : false;
  const major = redisMajorVersion(configs);
  const applies = !(major !== undefined && major < 7 && settings.last('bind'));
  return { on: on && applies, ...(directive ? { directive } : {}) };
}

/**
 * Whether the project says how a redis data server is started, so that its settings can be judged:
 * false for a command that runs another program (a script, `redis-sentinel`) in place of the
 * official image's `redis-server`, for an `entrypoint` that does not name `redis-server`, and for a
 * sentinel (`--sentinel`, `sentinel` lines), which holds no data and listens on its own port.
 */
export function redisServerKnown(configs: ServiceConfigFiles, settings: EffectiveSettings<RedisDirective>): boolean {
  if (settings.all('sentinel').length > 0) return false;
  const service = configs.setup.service;
  if (!service || configs.setup.programWord) return true;
  if (service.get('entrypoint') !== undefined) return false;
  return (service.command?.words.length ?? 0) === 0 || configs.setup.args.length > 0;
}
