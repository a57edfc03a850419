import { configOwner, defineRule, redisSettings } from '../../../src/engine/api.js';

/** The settings that unlock commands redis 7 blocks by default, and what a client can do with each. */
const GUARDS: ReadonlyMap<string, string> = new Map([
  ['enable-protected-configs', 'CONFIG SET can then change dir and dbfilename, so a client can write files anywhere redis may write'],
  ['enable-module-command', 'MODULE LOAD can then load a shared library, so a client can run any code in the server'],
  ['enable-debug-command', 'DEBUG can then crash the server, change its internals or make it sleep'],
]);

export default defineRule({
  meta: {
    id: 'redis/protected-configs',
    description: 'enable-protected-configs, enable-module-command and enable-debug-command are not set to yes',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 8.5,
    references: {
      cwe: ['CWE-94', 'CWE-73'],
      urls: ['https://raw.githubusercontent.com/redis/redis/7.2/redis.conf'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = redisSettings(configs);
      if (!settings) return;
      for (const [name, consequence] of GUARDS) {
        const setting = settings.last(name);
        const value = setting?.args[0];
        if (!setting || value?.value.toLowerCase() !== 'yes') continue;
        context.report({
          at: setting.origin,
          message: `"${name} yes"${configOwner(configs).in} lets any client that connects use it: ${consequence}; leave it "no", or "local" to allow it only from inside the container`,
        });
      }
    },
  }),
});
