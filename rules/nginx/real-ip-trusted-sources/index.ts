import { blockLabel, defineRule, effectiveDirective, enclosing, nginxRunOf, walkNginx, type NginxWord } from '../../../src/engine/api.js';

/** An address range with prefix length 0 (`0.0.0.0/0`, `::/0`): every IPv4 or every IPv6 address. */
const EVERY_ADDRESS = /^\[?[0-9a-f.:]*\]?\/0$/i;

/** The family a whole-range word covers, in words. */
function family(word: NginxWord): string {
  return word.value.includes(':') ? 'IPv6' : 'IPv4';
}

export default defineRule({
  meta: {
    id: 'nginx/real-ip-trusted-sources',
    description: 'set_real_ip_from names the proxies in front of nginx, never every address (0.0.0.0/0, ::/0)',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 5.3,
    references: {
      cwe: ['CWE-348'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_realip_module.html'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        const from = directive.args[0];
        if (directive.name.value !== 'set_real_ip_from' || !from || !EVERY_ADDRESS.test(from.value)) return;
        // the stream module's realip reads only the PROXY protocol header
        const stream = enclosing(directive, 'stream') !== undefined;
        const header = stream ? undefined : effectiveDirective(run.config, directive.parent, 'real_ip_header');
        const source = stream ? 'proxy_protocol' : (header?.args[0]?.value ?? 'X-Real-IP');
        const where = directive.parent ? ` in ${blockLabel(directive.parent)}` : '';
        const how =
          source === 'proxy_protocol'
            ? 'any client that connects can name any address in the PROXY protocol header it sends first'
            : `any client can name any address in the ${source} header${header ? '' : " (real_ip_header's default)"}`;
        context.report({
          at: from,
          message: `set_real_ip_from ${from.value}${where} trusts every ${family(from)} address as a proxy: ${how}, and nginx then takes it as the client's address, so allow/deny lists, limit_req and limit_conn zones and the access log see the address the client chose; name only the proxies in front of nginx (their addresses or network)`,
          related: header ? [{ message: 'the header nginx takes the address from', file: header.file, range: header.range }] : [],
        });
      });
    },
  }),
});
