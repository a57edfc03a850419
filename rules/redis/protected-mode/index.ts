import { configOwner, authConfigured, defineRule, fixWith, rangesOverlap, redisAuth, redisSettings, redisYes, refuse, replaceArgs } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'redis/protected-mode',
    description: 'protected-mode is not switched off on a redis server that asks for no password',
    severity: 'error',
    tags: ['security'],
    fixable: 'suggestion',
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
      // A command written with a variable is not edited: the value may be the variable's (set where it is set) or its default.
      const fromVariable = configs.setup.args.some((word) => word.node.interpolation !== undefined && word.origin.file === value.origin.file && rangesOverlap(word.origin.range, value.origin.range));
      context.report({
        at: setting.origin,
        message: `"protected-mode no" with no password${configOwner(configs).in}: redis answers clients from any address; the official images already default to "no", so this line changes nothing there, and only a password protects the server`,
        // A suggestion: with protected mode on and no password, redis refuses every client outside its
        // own container, which in a compose stack is every client, until a password is set.
        fix: (sources) =>
          fixWith(
            'set "protected-mode yes" (redis then refuses clients from other containers until it has a password: set one with requirepass or an ACL file)',
            fromVariable ? refuse('"protected-mode" is written in a command that uses variables') : replaceArgs(setting, ['yes'], sources),
            'suggestion',
          ),
      });
    },
  }),
});
