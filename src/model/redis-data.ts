import path from 'node:path';
import type { RedisDirective } from '../parse/redis.js';
import type { EffectiveSettings } from './config-settings.js';
import type { ServiceConfigFiles } from './configs.js';
import { normalizeContainerPath, volumeHolding } from './container-files.js';
import { redisImageKind, type RedisImageKind } from './redis-auth.js';
import { isEvictingPolicy, redisPersistence } from './redis-memory.js';
import { imageRepository } from './roles.js';
import { nameWords } from './secret-names.js';
import { isScalar, isSeq, type YNode } from '../parse/tree.js';
import type { Service } from './service.js';
import { isWithin } from './volumes.js';

/**
 * What a redis server is for, as far as the project says.
 * - `cache`: losing its keys costs a warm-up, not data: `maxmemory-policy allkeys-*` (it evicts any
 *   key when full), a service name with the word `cache`, or nothing kept on disk (no snapshots, no
 *   append-only file) and nothing saying otherwise.
 * - `data`: it holds what exists nowhere else (a queue's jobs, sessions, a primary store):
 *   `appendonly yes` written, or a service name with a word such as `queue`, `broker`, `celery`,
 *   `sidekiq`, `bull`, `jobs`. (`maxmemory-policy noeviction` says nothing either way: it is the
 *   default, and `redis/maxmemory-policy` calls a server that keeps nothing on disk a cache.)
 * - `default`: neither; redis keeps snapshots by default, so it is kept like data.
 */
export interface RedisRole {
  readonly role: 'cache' | 'data' | 'default';
  /** Why, in words a message can use: `"maxmemory-policy allkeys-lru" evicts any key`. */
  readonly because?: string;
  /** The setting that says it, when one does. */
  readonly setting?: RedisDirective;
}

/** Words of a service name that say it is a cache. */
const CACHE_WORDS = new Set(['cache', 'caching', 'lru']);
/** Words of a service name that say it holds jobs or data. */
const DATA_WORDS = new Set(['queue', 'queues', 'broker', 'jobs', 'celery', 'sidekiq', 'bull', 'bullmq', 'rq', 'resque', 'store', 'storage', 'persistent', 'db', 'data']);

export function redisRole(configs: ServiceConfigFiles, settings: EffectiveSettings<RedisDirective>): RedisRole {
  const policy = settings.last('maxmemory-policy');
  const policyValue = policy?.args[0]?.value.toLowerCase();
  if (policy && policyValue?.startsWith('allkeys-') && isEvictingPolicy(policyValue)) {
    return { role: 'cache', because: `"maxmemory-policy ${policyValue}" evicts any key when memory is full`, setting: policy };
  }
  const name = configs.setup.service?.name;
  const words = name ? nameWords(name) : [];
  const cacheWord = words.find((w) => CACHE_WORDS.has(w));
  if (cacheWord) return { role: 'cache', because: `its name says "${cacheWord}"` };
  const persistence = redisPersistence(settings);
  if (persistence.appendOnly) return { role: 'data', because: '"appendonly yes" asks for every write to be kept', setting: persistence.appendOnly };
  const dataWord = words.find((w) => DATA_WORDS.has(w));
  if (dataWord) return { role: 'data', because: `its name says "${dataWord}"` };
  if (persistence.cache) return { role: 'cache', because: 'it keeps nothing on disk', ...(persistence.snapshotsOff ? { setting: persistence.snapshotsOff } : {}) };
  return { role: 'default' };
}

/** Where a redis server keeps its snapshots and append-only file, in the container. */
export interface RedisDataDir {
  readonly path: string;
  /** The `dir` setting, when one sets it. */
  readonly directive?: RedisDirective;
  /** The image family, when known: with no setting, the path is that image's working directory (official) or data folder (Bitnami). */
  readonly image?: RedisImageKind;
}

/** The official images' working directory, which their `VOLUME` declares. */
const OFFICIAL_DATA = '/data';

/**
 * The `dir` a redis server writes to: the setting (a relative one from the official images' working
 * directory `/data`), else `/data` in the official images and `/bitnami/redis/data` (or
 * `/bitnami/valkey/data`) in Bitnami's run without a config file. Undefined when the image's working
 * directory is not known (a built image, a config file linted on its own) and the setting does not
 * name an absolute path.
 */
export function redisDataDir(configs: ServiceConfigFiles, settings: EffectiveSettings<RedisDirective>): RedisDataDir | undefined {
  const directive = settings.last('dir');
  const kind = configs.setup.service ? redisImageKind(configs) : undefined;
  const value = directive?.args[0]?.value;
  if (directive && value !== undefined) {
    const image = kind ? { image: kind } : {};
    if (value.startsWith('/')) return { path: normalizeContainerPath(value), directive, ...image };
    return kind === 'official' ? { path: normalizeContainerPath(path.posix.join(OFFICIAL_DATA, value)), directive, ...image } : undefined;
  }
  if (kind === 'official') return { path: OFFICIAL_DATA, image: 'official' };
  if (kind === 'bitnami' && !configs.redis && configs.setup.service) {
    const product = imageRepository(configs.setup.service) === 'valkey' ? 'valkey' : 'redis';
    return { path: `/bitnami/${product}/data`, image: 'bitnami' };
  }
  return undefined;
}

/** What holds a container path when it does not outlive the container. */
export interface TransientHolder {
  readonly kind: 'anonymous volume' | 'tmpfs';
  /** The `volumes:` item or `tmpfs:` entry. */
  readonly at: YNode;
}

/** The `tmpfs:` entries of a service (a string or a list; `/path:options`) that hold a container path. */
function tmpfsHolding(service: Service, containerPath: string): YNode | undefined {
  const node = service.get('tmpfs');
  const items = isSeq(node) ? node.items : node ? [node] : [];
  return items.find((item) => {
    const target = isScalar(item) && item.value !== null ? String(item.value).trim().split(':')[0]! : '';
    return target.startsWith('/') && isWithin(normalizeContainerPath(containerPath), normalizeContainerPath(target));
  });
}

/**
 * Whether a container path survives the container being recreated: a named volume or a bind mount
 * holds it. Otherwise `holder` is what holds it, if anything: an anonymous volume or a tmpfs (of
 * `volumes:` or `tmpfs:`). Undefined for a config file linted on its own, and for a service that
 * takes volumes from another (`volumes_from`), which is not followed.
 */
export function keptAcrossRecreate(configs: ServiceConfigFiles, containerPath: string): { kept: boolean; holder?: TransientHolder } | undefined {
  const service = configs.setup.service;
  if (!service || service.get('volumes_from') !== undefined) return undefined;
  const tmpfs = tmpfsHolding(service, containerPath);
  if (tmpfs) return { kept: false, holder: { kind: 'tmpfs', at: tmpfs } };
  const volume = volumeHolding(service, containerPath);
  if (!volume) return { kept: false };
  if (volume.type === 'bind' || (volume.type === 'volume' && volume.source !== undefined && volume.source.value.trim() !== '')) return { kept: true };
  return { kept: false, holder: { kind: volume.type === 'tmpfs' ? 'tmpfs' : 'anonymous volume', at: volume.item } };
}
