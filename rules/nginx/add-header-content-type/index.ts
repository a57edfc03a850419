import { blockLabel, defineRule, headerField, nginxRunOf, walkNginx } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'nginx/add-header-content-type',
    description: 'The Content-Type of responses is set with default_type or types, not add_header (which adds a second one)',
    severity: 'info',
    tags: ['correctness'],
    references: {
      urls: ['https://nginx.org/en/docs/http/ngx_http_core_module.html#default_type', 'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header', 'https://gixy.getpagespeed.com/en/plugins/add_header_content_type/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        if (directive.name.value !== 'add_header' || headerField(directive) !== 'content-type') return;
        const where = directive.parent ? ` in ${blockLabel(directive.parent)}` : '';
        context.report({
          at: directive.args[0]!,
          message: `add_header Content-Type${where} does not replace the Content-Type nginx sends (from types and default_type, or the backend's): it adds a second one, and browsers and caches then pick either or combine them; set default_type (with an empty "types {}" to override the file extension), and let a proxied backend send its own`,
        });
      });
    },
  }),
});
