import { bytesOf, defineRule, redisMaxmemory, redisPersistence, redisSettings } from '../../../src/engine/api.js';
import { bytesInWords } from '../_shared/bytes.js';
import { related } from '../_shared/related.js';

/**
 * The share of the container's memory limit maxmemory may take. With snapshots or an append-only
 * file, redis forks to write them and every page written meanwhile is copied (copy-on-write), on
 * top of fragmentation and client buffers, which maxmemory does not count: a quarter of the limit
 * is left for them. A server that persists nothing needs room only for those: a tenth. (The
 * defaults of the `persistentShare` and `cacheShare` options.)
 */
export const PERSISTENT_SHARE = 0.75;
export const CACHE_SHARE = 0.9;

export default defineRule({
  meta: {
    id: 'cross/redis-maxmemory-vs-limit',
    description: "redis's maxmemory leaves headroom under the memory limit: at most 75% of it with persistence, 90% without",
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['reliability'],
    references: {
      urls: [
        'https://redis.io/docs/latest/operate/oss_and_stack/management/admin/',
        'https://redis.io/docs/latest/develop/reference/eviction/',
        'https://docs.docker.com/reference/compose-file/deploy/#resources',
      ],
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          persistentShare: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 1,
            description: 'The largest share of the memory limit maxmemory may take when redis writes snapshots or an append-only file.',
          },
          cacheShare: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 1,
            description: 'The largest share of the memory limit maxmemory may take when redis persists nothing.',
          },
        },
      },
      defaults: { persistentShare: PERSISTENT_SHARE, cacheShare: CACHE_SHARE },
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = redisSettings(configs);
      if (!settings) return;
      const service = configs.setup.service;
      if (!service) return;
      const limit = service.limits.memory;
      const limitBytes = limit && bytesOf(limit);
      const maxmemory = redisMaxmemory(settings);
      // No maxmemory, or 0 (no limit), is redis/maxmemory-set's; no memory limit is compose/resource-limits'.
      if (!limit || !limitBytes || !maxmemory?.bytes || !maxmemory.directive.args[0]) return;
      const persistence = redisPersistence(settings);
      const share = (persistence.cache ? context.options.cacheShare : context.options.persistentShare) as number;
      if (maxmemory.bytes <= limitBytes * share) return;
      const why = persistence.cache
        ? 'redis persists nothing, but fragmentation and client buffers come on top of maxmemory'
        : `redis ${persistence.appendOnly ? 'writes an append-only file' : 'snapshots (RDB)'}, and the fork that writes it copies every page changed meanwhile, on top of fragmentation and client buffers`;
      const over = maxmemory.bytes >= limitBytes ? 'is not below' : `is ${Math.round((maxmemory.bytes / limitBytes) * 100)}% of`;
      context.report({
        at: maxmemory.directive.args[0],
        message: `maxmemory ${maxmemory.directive.args[0].value} (${bytesInWords(maxmemory.bytes)}) ${over} service "${service.name}"'s memory limit ${limit.value.trim()} (${bytesInWords(limitBytes)}): ${why}; keep maxmemory at most ${Math.round(share * 100)}% of the limit (${bytesInWords(Math.floor(limitBytes * share))}), or the kernel's OOM killer stops redis`,
        related: [related(limit.origin, `the memory limit (${service.limits.keys.memory})`)],
      });
    },
  }),
});
