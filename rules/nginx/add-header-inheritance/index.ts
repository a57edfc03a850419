import { blockLabel, defineRule, directivesNamed, droppedHeaders, httpBlocks, nginxRunOf, unreadIncludes, walkNginx } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'nginx/add-header-inheritance',
    description: "An add_header in a server, location or if block does not silently drop the add_header directives of the blocks around it",
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 4.3,
    references: {
      semgrep: ['generic.nginx.security.header-redefinition.header-redefinition'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header', 'https://gixy.getpagespeed.com/en/plugins/add_header_redefinition/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      for (const http of httpBlocks(run.config)) {
        walkNginx(http, (block) => {
          if (!block.block || unreadIncludes(run.config, block).length > 0) return;
          const dropped = droppedHeaders(run.config, block);
          if (dropped.length === 0) return;
          const fields = [...new Set(dropped.map((d) => d.args[0]?.value ?? ''))].join(', ');
          const levels = [...new Set(dropped.map((d) => (d.parent ? `its ${d.parent.name.value === 'http' ? 'http block' : d.parent.name.value}` : 'the top level')))].join(' and ');
          context.report({
            at: directivesNamed(block, 'add_header')[0]!.name,
            message: `the add_header in ${blockLabel(block)} replaces every add_header of ${levels}, so its responses lose ${fields}; nginx inherits add_header only into blocks that set none`,
            related: dropped.map((d) => ({ message: `not sent in ${blockLabel(block)}`, file: d.name.file, range: d.name.range })),
          });
        });
      }
    },
  }),
});
