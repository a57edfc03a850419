import { configOwner, defineRule, redisAuth, redisMaxmemory, redisSettings } from '../../../src/engine/api.js';
import { configFileStart } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'redis/maxmemory-set',
    description: 'A redis server in production sets maxmemory, so it stops growing before the container or host runs out of memory',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['reliability'],
    references: {
      urls: ['https://redis.io/docs/latest/develop/reference/eviction/', 'https://raw.githubusercontent.com/redis/redis/7.2/redis.conf'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = redisSettings(configs);
      const auth = redisAuth(configs);
      // A config file the project does not hold may set it.
      if (!settings || !auth || auth.how === 'unknown') return;
      const owner = configOwner(configs);
      const consequence = 'redis grows until the kernel\'s OOM killer stops it (or the host swaps), losing what it held in memory; set maxmemory below the container\'s memory limit';
      const maxmemory = redisMaxmemory(settings);
      if (maxmemory?.bytes === 0) {
        context.report({ at: maxmemory.directive.origin, message: `"maxmemory 0"${owner.in} means no limit: ${consequence}` });
      } else if (!maxmemory) {
        const source = auth.imageDefault ? 'runs redis with the image\'s defaults, which set no maxmemory' : configs.standalone ? 'sets no maxmemory' : configs.redis ? 'sets no maxmemory in its config file or command line' : 'sets no maxmemory on its command line and reads no config file';
        context.report({
          at: owner.at,
          message: `${owner.label} ${source}: ${consequence}`,
          related: configFileStart(configs, configs.redis?.file, 'the config file has no maxmemory'),
        });
      }
    },
  }),
});
