import type { RedisDirective } from '../parse/redis.js';
import { redisBytes, redisYes } from '../parse/redis.js';
import type { EffectiveSettings } from './config-settings.js';

/**
 * What a redis server keeps on disk, by its own settings. Redis 7 snapshots by default (`save 3600 1
 * 300 100 60 10000`) and does not write an append-only file (`appendonly no`); `save ""` clears the
 * snapshot points, and later `save` lines add new ones.
 */
export interface RedisPersistence {
  /** Snapshots are on: the compiled default, or `save` points left after the last `save ""`. */
  readonly snapshots: boolean;
  /** The `save ""` that switched snapshots off, when it did. */
  readonly snapshotsOff?: RedisDirective;
  /** `appendonly yes`, when it is on. */
  readonly appendOnly?: RedisDirective;
  /**
   * Neither snapshots nor an append-only file: whatever the server holds is lost when it restarts,
   * so it is a cache by its own configuration.
   */
  readonly cache: boolean;
}

export function redisPersistence(settings: EffectiveSettings<RedisDirective>): RedisPersistence {
  let snapshots = true;
  let snapshotsOff: RedisDirective | undefined;
  for (const directive of settings.all('save')) {
    const off = directive.args.length === 1 && directive.args[0]!.value === '';
    snapshots = !off;
    snapshotsOff = off ? directive : undefined;
  }
  const appendonly = settings.last('appendonly');
  const appendOnly = appendonly && redisYes(appendonly.args[0]?.value ?? '') === true ? appendonly : undefined;
  return { snapshots, ...(snapshotsOff ? { snapshotsOff } : {}), ...(appendOnly ? { appendOnly } : {}), cache: !snapshots && !appendOnly };
}

/** The memory limit a redis server sets itself (`maxmemory`); `bytes` is 0 for "no limit", undefined when redis would refuse the value. */
export function redisMaxmemory(settings: EffectiveSettings<RedisDirective>): { directive: RedisDirective; bytes: number | undefined } | undefined {
  const directive = settings.last('maxmemory');
  return directive ? { directive, bytes: redisBytes(directive.args[0]?.value ?? '') } : undefined;
}

/** The `maxmemory-policy` values that evict keys when the limit is reached (all but `noeviction`). */
export function isEvictingPolicy(policy: string): boolean {
  return /^(?:allkeys|volatile)-(?:lru|lfu|random)$|^volatile-ttl$/.test(policy.toLowerCase());
}
