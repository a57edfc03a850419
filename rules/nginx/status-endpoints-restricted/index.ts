import { accessRestriction, blockLabel, defineRule, enclosing, nginxRunOf, walkNginx, type NginxDirective } from '../../../src/engine/api.js';

/** The directives that turn a block into a status page, with what the page shows. */
const STATUS_PAGES: Readonly<Record<string, string>> = {
  stub_status: "nginx's connection and request counters",
  vhost_traffic_status_display: 'traffic per virtual host, upstream server and cache zone',
  status: "NGINX Plus's status of every server, upstream and cache zone",
  api: "the NGINX Plus API (the status of every server, upstream and cache zone)",
};

/** True for `api write=on`: the NGINX Plus API then also changes upstream servers, key-value zones and caches. */
function writable(directive: NginxDirective): boolean {
  return directive.name.value === 'api' && directive.args.some((a) => a.value === 'write=on');
}

export default defineRule({
  meta: {
    id: 'nginx/status-endpoints-restricted',
    description: 'Status pages (stub_status, vhost_traffic_status_display, NGINX Plus status and api) are restricted',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 5.3,
    references: {
      cwe: ['CWE-200', 'CWE-284'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_stub_status_module.html', 'https://nginx.org/en/docs/http/ngx_http_api_module.html', 'https://nginx.org/en/docs/http/ngx_http_access_module.html'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        const shows = STATUS_PAGES[directive.name.value];
        const block = directive.parent;
        // the status page directives are read in a server or location; `stub_status off` is the old way of not having one
        if (!shows || !block || !enclosing(directive, 'server') || directive.args[0]?.value === 'off') return;
        if (accessRestriction(run.config, block)) return;
        const write = writable(directive) ? ', and with write=on anyone can also take upstream servers out, change key-value zones and purge caches' : '';
        context.report({
          at: directive.name,
          message: `${directive.name.value} in ${blockLabel(block)} shows ${shows} to every client that reaches it${write}; restrict it with "allow" for the monitoring addresses followed by "deny all", or with auth_basic, or make the location internal`,
        });
      });
    },
  }),
});
