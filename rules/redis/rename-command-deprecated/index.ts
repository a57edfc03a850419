import { configOwner, defineRule, redisSettings } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'redis/rename-command-deprecated',
    description: 'Commands are taken away with ACL rules, not rename-command',
    severity: 'info',
    tags: ['security', 'maintainability'],
    securitySeverity: 2.0,
    references: {
      urls: ['https://raw.githubusercontent.com/redis/redis/7.2/redis.conf', 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      for (const directive of redisSettings(configs)?.all('rename-command') ?? []) {
        const command = directive.args[0]?.value.toUpperCase() ?? '';
        context.report({
          at: directive.name,
          message: `rename-command ${command}${configOwner(configs).in} is deprecated: it hides the command from every user, breaks AOF and replica replay when names differ, and a renamed name is a shared secret; remove the command from the application's ACL user instead ("-${command.toLowerCase()}" or "-@dangerous")`,
        });
      }
    },
  }),
});
