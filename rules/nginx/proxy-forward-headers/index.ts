import {
  blockLabel,
  clientLocationOf,
  defineRule,
  effectiveDirectives,
  headerField,
  httpBlocks,
  httpServers,
  isPublicHostName,
  nginxRunOf,
  nginxTargets,
  passDirectivesIn,
  replacedDirectives,
  tlsMarker,
  unreadIncludes,
  type NginxTarget,
} from '../../../src/engine/api.js';

/**
 * The request headers a backend behind nginx needs to know the client's request, the headers that
 * carry the same fact in another form (`Forwarded` of RFC 7239 carries all three), and what the
 * backend gets wrong without any of them.
 */
const NEEDED: readonly { field: string; name: string; or: readonly string[]; tlsOnly?: boolean; without: (host: string) => string }[] = [
  { field: 'host', name: 'Host', or: ['x-forwarded-host', 'forwarded'], without: (host) => `the backend sees ${host} as the host name and builds its links and redirects for it` },
  { field: 'x-forwarded-for', name: 'X-Forwarded-For', or: ['x-real-ip', 'forwarded'], without: () => "the backend sees nginx's address as every client's (logs, per-client limits, audit)" },
  {
    field: 'x-forwarded-proto',
    name: 'X-Forwarded-Proto',
    or: ['x-forwarded-scheme', 'x-forwarded-ssl', 'forwarded'],
    tlsOnly: true,
    without: () => 'the backend cannot tell the client used HTTPS (redirect loops, cookies without Secure, http:// links)',
  },
];

/**
 * The host nginx sends when no `Host` is set (`$proxy_host`): the proxy_pass address's host, with its
 * port unless it is the scheme's default; `localhost` for a unix socket.
 */
function proxyHost(target: NginxTarget | undefined, address: string): string {
  if (/^https?:\/\/unix:/i.test(address)) return '"localhost"';
  if (!target) return 'the proxy_pass address';
  const schemePort = /^https:/i.test(target.word.value) ? 443 : 80;
  return `"${target.host}${target.port === undefined || target.port === schemePort ? '' : `:${target.port}`}"`;
}

export default defineRule({
  meta: {
    id: 'nginx/proxy-forward-headers',
    description: "A proxy_pass to a backend passes the client's Host and X-Forwarded-For (and X-Forwarded-Proto on TLS servers)",
    severity: 'info',
    tags: ['correctness'],
    references: {
      urls: [
        'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header',
        'https://www.rfc-editor.org/rfc/rfc7239',
        'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      const config = run.config;
      const targets = new Map(nginxTargets(config).map((t) => [t.directive, t]));
      for (const server of httpBlocks(config).flatMap(httpServers)) {
        const tls = tlsMarker(server) !== undefined;
        for (const pass of passDirectivesIn(server)) {
          const word = pass.args[0];
          const target = targets.get(pass);
          const block = pass.parent!;
          const location = clientLocationOf(pass);
          // An address nginx finds at run time, or a public service (which wants its own name as Host): not judged.
          if (pass.name.value !== 'proxy_pass' || !word || (!target && word.variables.length > 0) || (target && isPublicHostName(target.host))) continue;
          // Internal locations (auth subrequests, X-Accel-Redirect to storage) and health probes have needs of their own.
          if (!location || unreadIncludes(config, block, true).length > 0) continue;
          const set = new Set(effectiveDirectives(config, block, 'proxy_set_header').map(headerField));
          const missing = NEEDED.filter((h) => (tls || !h.tlsOnly) && ![h.field, ...h.or].some((field) => set.has(field)));
          if (missing.length === 0) continue;
          const replaced = replacedDirectives(config, block, 'proxy_set_header').filter((d) => missing.some((h) => [h.field, ...h.or].includes(headerField(d))));
          const where = blockLabel(location);
          context.report({
            at: pass.name,
            message: `the proxy_pass of ${where} sends no ${missing.map((h) => h.name).join(', ')} header: ${missing.map((h) => h.without(proxyHost(target, word.value))).join('; ')}`,
            related: replaced.map((d) => ({
              message: `set here, but not in ${where}: a block with proxy_set_header of its own inherits none from the blocks around it`,
              file: d.name.file,
              range: d.name.range,
            })),
          });
        }
      }
    },
  }),
});
