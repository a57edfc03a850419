import { configOwner, defineRule, isEvictingPolicy, redisMaxmemory, redisPersistence, redisSettings } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'redis/maxmemory-policy',
    description: 'A redis server with maxmemory says what happens when it is full, and a cache by its own config evicts keys',
    severity: 'info',
    environments: { prod: 'info', dev: 'off', test: 'off' },
    tags: ['reliability'],
    references: {
      urls: ['https://redis.io/docs/latest/develop/reference/eviction/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = redisSettings(configs);
      const maxmemory = settings && redisMaxmemory(settings);
      if (!settings || !maxmemory?.bytes) return;
      const owner = configOwner(configs);
      const persistence = redisPersistence(settings);
      const policy = settings.last('maxmemory-policy');
      const value = policy?.args[0]?.value;
      if (!policy || value === undefined) {
        const role = persistence.cache
          ? 'it keeps nothing on disk, so it is a cache: choose allkeys-lru or allkeys-lfu'
          : 'choose noeviction for data that must not vanish, or an eviction policy for a cache';
        context.report({
          at: maxmemory.directive.origin,
          message: `maxmemory without maxmemory-policy${owner.in}: the default noeviction makes every write fail once it is full; ${role}`,
        });
      } else if (persistence.cache && !isEvictingPolicy(value)) {
        context.report({
          at: policy.origin,
          message: `${owner.label} keeps nothing on disk (no snapshots, no append-only file), so it is a cache, yet "maxmemory-policy ${value}" makes every write fail once it is full instead of evicting keys; use allkeys-lru or allkeys-lfu`,
        });
      }
    },
  }),
});
