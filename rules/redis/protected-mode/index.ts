import { configOwner, authConfigured, defineRule, redisAuth, redisSettings, redisYes } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'redis/protected-mode',
    description: 'protected-mode is not switched off on a redis server that asks for no password',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 8.0,
    references: {
      cwe: ['CWE-306'],
      urls: ['https://redis.io/docs/latest/operate/oss_and_stack/management/security/#protected-mode', 'https://github.com/docker-library/redis/blob/master/Dockerfile.template'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = redisSettings(configs);
      const auth = redisAuth(configs);
      if (!settings || !auth || authConfigured(auth) || auth.how === 'unknown') return;
      const setting = settings.last('protected-mode');
      const value = setting?.args[0];
      if (!setting || !value || redisYes(value.value) !== false) return;
      context.report({
        at: setting.origin,
        message: `"protected-mode no" with no password${configOwner(configs).in}: redis answers clients from any address; the official images already default to "no", so this line changes nothing there, and only a password protects the server`,
      });
    },
  }),
});
