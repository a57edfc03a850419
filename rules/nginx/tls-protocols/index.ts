import { addNginxDirective, defineRule, effectiveDirective, fixWith, nginxAtLeast, nginxImageVersion, nginxRunOf, replaceArgs, serverLabel, tlsMarkerWord, tlsServers, unreadIncludes, walkNginx, type NginxVersion } from '../../../src/engine/api.js';

/** The protocols nginx may offer today; every older one is deprecated (RFC 8996) or broken. */
const CURRENT = new Set(['TLSv1.2', 'TLSv1.3']);
/** From this release nginx's default is `TLSv1.2 TLSv1.3`; before it, `TLSv1 TLSv1.1 TLSv1.2 TLSv1.3`. */
const MODERN_DEFAULT: NginxVersion = { major: 1, minor: 23, patch: 4 };
/** What the fix writes: the current protocols, in nginx's order. */
const MODERN = ['TLSv1.2', 'TLSv1.3'];
const SET_MODERN = `set "ssl_protocols ${MODERN.join(' ')}"`;

export default defineRule({
  meta: {
    id: 'nginx/tls-protocols',
    description: 'nginx offers only TLS 1.2 and 1.3: no older protocol in ssl_protocols, and no TLS server left on an older default',
    severity: 'error',
    tags: ['security'],
    fixable: 'fix',
    securitySeverity: 7.4,
    references: {
      semgrep: ['generic.nginx.security.insecure-ssl-version.insecure-ssl-version', 'generic.nginx.security.missing-ssl-version.missing-ssl-version'],
      cwe: ['CWE-326', 'CWE-327'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols', 'https://www.rfc-editor.org/rfc/rfc8996', 'https://github.com/dev-sec/nginx-baseline'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        if (directive.name.value !== 'ssl_protocols') return;
        // One fix for the directive, shared by the findings on its words (applied once).
        let fix: ReturnType<typeof fixWith> | undefined;
        for (const word of directive.args.filter((a) => !CURRENT.has(a.value))) {
          context.report({
            at: word,
            message: `"ssl_protocols" allows ${word.value}, which is deprecated and open to known attacks; offer only TLSv1.2 and TLSv1.3`,
            fix: (sources) => (fix ??= fixWith(SET_MODERN, replaceArgs(directive, MODERN, sources))),
          });
        }
      });
      const version = configs.setup.service && nginxImageVersion(configs.setup.service);
      if (version && nginxAtLeast(version, MODERN_DEFAULT)) return;
      const why =
        version === undefined || version === 'current'
          ? "the default then depends on the nginx release the image has (TLSv1 and TLSv1.1 are on before 1.23.4)"
          : `the image's nginx ${version.major}.${version.minor}${version.patch !== undefined ? `.${version.patch}` : ''} then also offers TLSv1 and TLSv1.1 (the default is TLS 1.2 and 1.3 only from 1.23.4)`;
      for (const { server, marker } of tlsServers(run.config)) {
        if (effectiveDirective(run.config, server, 'ssl_protocols') || unreadIncludes(run.config, server, true).length > 0) continue;
        context.report({
          at: tlsMarkerWord(marker),
          message: `${serverLabel(server)} serves TLS without "ssl_protocols"; ${why}`,
          fix: (sources) => fixWith(`add "ssl_protocols ${MODERN.join(' ')};" to the server`, addNginxDirective(server, 'ssl_protocols', MODERN, sources)),
        });
      }
    },
  }),
});
