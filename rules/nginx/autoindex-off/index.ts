import { accessRestriction, blockLabel, defineRule, nginxRunOf, walkNginx } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'nginx/autoindex-off',
    description: 'nginx does not list the files of a folder that has no index file (autoindex stays off)',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 5.3,
    references: {
      cwe: ['CWE-548'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_autoindex_module.html#autoindex'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        const value = directive.args[0];
        if (directive.name.value !== 'autoindex' || value?.value !== 'on') return;
        // a listing only trusted clients reach (an access list, a password, an internal location) is a file share on purpose
        if (directive.parent && accessRestriction(run.config, directive.parent)) return;
        const where = directive.parent ? ` in ${blockLabel(directive.parent)}` : '';
        context.report({
          at: value,
          message: `autoindex is on${where}: a request for a folder without an index file gets a page listing every file and subfolder in it, so anyone can find backups, exports and files never linked from the site; turn it off and link the files meant to be downloaded`,
        });
      });
    },
  }),
});
