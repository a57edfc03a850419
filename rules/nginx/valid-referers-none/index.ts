import { blockLabel, defineRule, nginxRunOf, walkNginx } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'nginx/valid-referers-none',
    description: 'A Referer check (valid_referers) does not accept requests with no Referer (none)',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 4.3,
    references: {
      cwe: ['CWE-293'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_referer_module.html#valid_referers', 'https://github.com/yandex/gixy/blob/master/docs/en/plugins/validreferers.md'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        if (directive.name.value !== 'valid_referers') return;
        const none = directive.args.find((a) => a.value === 'none');
        if (!none) return;
        const where = directive.parent ? ` in ${blockLabel(directive.parent)}` : '';
        context.report({
          at: none,
          message: `valid_referers${where} accepts requests with no Referer header ("none"), and any page can make a browser leave it out (a no-referrer Referrer-Policy or referrerpolicy attribute, a link from https to http, a data: or sandboxed frame), so the check stops nothing it is meant to stop; drop "none", or protect the resource some other way (a signed URL, a session)`,
        });
      });
    },
  }),
});
