import { defineRule, effectiveHeaders, headerAlways, headerField, nginxRunOf, serverLabel, tlsMarkerWord, tlsServers, unreadIncludes, type NginxDirective } from '../../../src/engine/api.js';

/** Six months, in seconds: the least max-age security baselines accept (the HSTS preload list asks for a year). */
const MIN_MAX_AGE = 15768000;


export default defineRule({
  meta: {
    id: 'nginx/hsts',
    description: 'Every TLS server sends Strict-Transport-Security with a max-age of at least six months, on every response (always)',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 4.8,
    references: {
      cwe: ['CWE-319'],
      urls: ['https://www.rfc-editor.org/rfc/rfc6797', 'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header', 'https://github.com/dev-sec/nginx-baseline'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      const judged = new Set<NginxDirective>();
      for (const { server, marker } of tlsServers(run.config)) {
        const hsts = effectiveHeaders(run.config, server).find((d) => headerField(d) === 'strict-transport-security');
        if (!hsts && unreadIncludes(run.config, server, true).length > 0) continue;
        if (!hsts) {
          context.report({ at: tlsMarkerWord(marker), message: `${serverLabel(server)} serves TLS without a Strict-Transport-Security header, so a browser that once reached it over HTTPS may still be sent to plain HTTP` });
          continue;
        }
        if (judged.has(hsts)) continue;
        judged.add(hsts);
        const owner = hsts.parent === server ? serverLabel(server) : 'the http block';
        const value = hsts.args[1];
        const maxAge = value && value.variables.length === 0 ? /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value.value) : undefined;
        if (value && value.variables.length === 0 && (!maxAge || Number(maxAge[1]) < MIN_MAX_AGE)) {
          const what = maxAge ? `max-age=${maxAge[1]} is shorter than six months (${MIN_MAX_AGE})` : 'it has no max-age, so browsers ignore it';
          context.report({ at: value, message: `Strict-Transport-Security of ${owner}: ${what}` });
        }
        if (!headerAlways(hsts)) {
          context.report({ at: hsts.args[0] ?? hsts.name, message: `Strict-Transport-Security of ${owner} lacks "always", so nginx leaves it out of error responses (4xx, 5xx)` });
        }
      }
    },
  }),
});
