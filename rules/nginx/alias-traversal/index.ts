import { defineRule, directiveNamed, nginxRunOf, walkNginx } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'nginx/alias-traversal',
    description: "A prefix location whose path does not end in / has no alias that does (off-by-slash path traversal)",
    severity: 'error',
    tags: ['security'],
    securitySeverity: 7.5,
    references: {
      semgrep: ['generic.nginx.security.alias-path-traversal.alias-path-traversal'],
      cwe: ['CWE-22'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_core_module.html#alias', 'https://gixy.getpagespeed.com/en/plugins/alias_traversal/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (location) => {
        if (location.name.value !== 'location' || !location.block) return;
        // a prefix location: `location /path` or `location ^~ /path` (not `=`, `~`, `~*`, `@name`)
        const path = location.args.length === 1 ? location.args[0] : location.args[0]?.value === '^~' && location.args.length === 2 ? location.args[1] : undefined;
        if (!path || path.value.startsWith('@') || path.value.endsWith('/')) return;
        const alias = directiveNamed(location, 'alias')?.args[0];
        if (!alias?.value.endsWith('/')) return;
        context.report({
          at: path,
          message: `location "${path.value}" does not end in "/" but its alias "${alias.value}" does, so a request for "${path.value}../" reads "${alias.value}../", the folder above the alias (off-by-slash path traversal)`,
          related: [{ message: 'the alias', file: alias.file, range: alias.range }],
        });
      });
    },
  }),
});
