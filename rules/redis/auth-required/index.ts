import { configOwner, defineRule, redisAuth, redisImageKind } from '../../../src/engine/api.js';
import { configFileStart } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'redis/auth-required',
    description: 'A redis server asks clients for a password: requirepass, or ACL users with the default user off or passworded',
    severity: 'error',
    environments: { prod: 'error', dev: 'warning', test: 'warning' },
    tags: ['security'],
    securitySeverity: 9.0,
    references: {
      cwe: ['CWE-306'],
      urls: ['https://redis.io/docs/latest/operate/oss_and_stack/management/security/#authentication', 'https://github.com/docker-library/redis/blob/master/Dockerfile.template'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const auth = redisAuth(configs);
      if (!auth || auth.how !== 'none') return;
      const owner = configOwner(configs);
      const consequence = 'anyone who reaches its port on the networks it joins can read, change and delete every key';
      if (auth.decidedBy) {
        context.report({ at: auth.decidedBy.origin, message: `this "user default" line leaves the default user on without a password${owner.in}: ${consequence}` });
        return;
      }
      const allowEmpty = configs.setup.service?.environmentVariable('ALLOW_EMPTY_PASSWORD');
      if (redisImageKind(configs) === 'bitnami' && allowEmpty) {
        context.report({ at: allowEmpty.name, message: `${owner.label} sets ALLOW_EMPTY_PASSWORD=yes, so the image starts redis without a password: ${consequence}` });
        return;
      }
      const where = auth.imageDefault
        ? 'runs redis with the image\'s defaults: no password, protected-mode off and every interface bound'
        : `runs redis without a password: no requirepass, no ACL user and no aclfile${configs.standalone ? '' : configs.redis ? ' in its config file or command line' : ' on its command line, and it reads no config file'}`;
      context.report({ at: owner.at, message: `${owner.label} ${where}; ${consequence}`, related: configFileStart(configs, configs.redis?.file, 'the config file sets no requirepass and no ACL user') });
    },
  }),
});
