import { allServersKnown, catchAllServer, defineRule, enclosing, nginxRunOf, originRelated, redirectWord, serverLabel, urlParts, walkNginx, wordOrigins, type NginxDirective } from '../../../src/engine/api.js';

/** The request headers an application reads as the host the client asked for (to build absolute links). */
const HOST_HEADERS = new Set(['host', 'x-forwarded-host']);

export default defineRule({
  meta: {
    id: 'nginx/host-header-spoofing',
    description: 'Upstream Host headers and redirects use $host, never the raw $http_host, in servers that refuse unknown hosts',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 5.3,
    references: {
      semgrep: ['generic.nginx.security.request-host-used.request-host-used'],
      cwe: ['CWE-644'],
      urls: ['https://github.com/yandex/gixy/blob/master/docs/en/plugins/hostspoofing.md', 'https://nginx.org/en/docs/http/ngx_http_core_module.html#var_host', 'https://nginx.org/en/docs/http/request_processing.html'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      // the $host case is about the server: reported once, at its first such header
      const judged = new Set<NginxDirective>();
      walkNginx(run.config, (directive) => {
        const name = directive.name.value;
        const header = name === 'proxy_set_header' ? directive.args[0]?.value.toLowerCase() : undefined;
        const word = header && HOST_HEADERS.has(header) ? directive.args[1] : redirectWord(directive);
        if (!word) return;
        const what = header ? `the ${directive.args[0]!.value} header it passes upstream` : 'the host of its redirect';
        // a header's whole value is the host; a redirect's host is the part after its scheme; a capture of the
        // header is text a regex picked out of it (a port's digits, a subdomain), not the raw header
        const hostPart = new Set(header ? word.variables : urlParts(word, 'path').host);
        for (const { variable, origin } of wordOrigins(run.config, directive, word)) {
          if (origin.source !== 'http_host' || origin.captured || !hostPart.has(variable)) continue;
          const via = variable.name === 'http_host' ? '' : ` (through $${variable.name})`;
          context.report({
            at: variable,
            message: `${name} takes ${what} from the client's raw Host header${via}, which nginx neither checks against server_name nor makes agree with the request line: a client can name any host there (poisoned links and caches${header ? '' : ', open redirect'}); use $host`,
            related: originRelated(origin),
          });
        }
        const server = enclosing(directive, 'server');
        const host = header && server && !judged.has(server) ? word.variables.find((v) => v.name === 'host') : undefined;
        if (!host || !server) return;
        judged.add(server);
        const catchAll = catchAllServer(run.config, server, allServersKnown(configs, run.config, server));
        if (catchAll) {
          context.report({
            at: host,
            message: `${name} passes $host as the ${directive.args[0]!.value} header in ${serverLabel(server)}, and ${catchAll.reason}, so requests for any host name reach it: the application sees whatever host a client names (poisoned links in mails, cache keys); serve the application under its own server_name and let a default server reject other hosts`,
            related: [{ message: 'what makes it answer any host', file: catchAll.at.file, range: catchAll.at.range }],
          });
        }
      });
    },
  }),
});
