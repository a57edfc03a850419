import {
  defineRule,
  effectiveDirective,
  effectiveDirectives,
  nginxAtLeast,
  nginxImageVersion,
  nginxRunOf,
  nginxVersionText,
  serverLabel,
  tlsMarkerWord,
  tlsServers,
  unreadIncludes,
  weakCipherElements,
  WEAK_CIPHER_KIND_NAMES,
  walkNginx,
  wordPart,
  type NginxDirective,
  type NginxVersion,
  type WeakCipherElement,
  type WeakCipherKind,
} from '../../../src/engine/api.js';
import { inWords } from '../_shared/in-words.js';

/** From this release nginx rotates the session ticket key itself when the session cache is in shared memory. */
const TICKET_ROTATION: NginxVersion = { major: 1, minor: 23, patch: 2 };

/** The exclusion that takes each weak kind out of a cipher list. */
const EXCLUSION: Readonly<Record<WeakCipherKind, string>> = { NULL: '!eNULL', ADH: '!aNULL', AECDH: '!aNULL', EXPORT: '!EXPORT', DES: '!DES', RC4: '!RC4', '3DES': '!3DES', MD5: '!MD5' };


export default defineRule({
  meta: {
    id: 'nginx/tls-ciphers',
    description: 'TLS servers offer no weak cipher suites and keep no session tickets under a key nginx never rotates',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 5.9,
    references: {
      cwe: ['CWE-326', 'CWE-327'],
      urls: [
        'https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ciphers',
        'https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_session_tickets',
        'https://docs.openssl.org/3.0/man1/openssl-ciphers/',
        'https://ssl-config.mozilla.org/',
        'https://github.com/dev-sec/nginx-baseline',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      const service = configs.setup.service;
      const version = service ? nginxImageVersion(service) : undefined;
      const old = version !== undefined && version !== 'current' && !nginxAtLeast(version, TICKET_ROTATION) ? version : undefined;
      /** TLS servers whose ticket key is never rotated, one group per finding: the same directive (or the default) and the same reason. */
      const unrotated = new Map<NginxDirective | string, { server: NginxDirective; marker: NginxDirective; tickets: NginxDirective | undefined; why: string }[]>();
      walkNginx(run.config, (directive) => {
        const list = directive.args[0];
        if (directive.name.value !== 'ssl_ciphers' || !list || list.variables.length > 0) return;
        // suites named one by one are reported once per kind, the others of the list as related locations
        const groups = new Map<string, WeakCipherElement[]>();
        for (const weak of weakCipherElements(list.value)) {
          const key = weak.explicit ? weak.kinds.join() : `${weak.element.start}`;
          groups.set(key, [...(groups.get(key) ?? []), weak]);
        }
        for (const [{ element, kinds, explicit }, ...more] of groups.values()) {
          const names = inWords(kinds.map((k) => WEAK_CIPHER_KIND_NAMES[k]));
          const fix = !explicit ? `exclude them with ${[...new Set(kinds.map((k) => EXCLUSION[k]))].join(':')}` : more.length > 0 ? 'remove them' : 'remove it';
          context.report({
            at: wordPart(list, element.start, element.end),
            message: `"${element.text}"${more.length > 0 ? ` and ${more.length} more suite${more.length > 1 ? 's' : ''} like it` : ''} in ssl_ciphers let${more.length > 0 ? '' : 's'} in ${names} cipher suites; ${fix}`,
            related: more.map((m) => ({ message: `"${m.element.text}" too`, ...wordPart(list, m.element.start, m.element.end) })),
          });
        }
      });
      for (const { server, marker } of tlsServers(run.config)) {
        if (unreadIncludes(run.config, server, true).length > 0) continue;
        const tickets = effectiveDirective(run.config, server, 'ssl_session_tickets');
        if (tickets?.args[0]?.value === 'off' || effectiveDirectives(run.config, server, 'ssl_session_ticket_key').length > 0) continue;
        const shared = effectiveDirective(run.config, server, 'ssl_session_cache')?.args.some((a) => a.value.startsWith('shared:')) ?? false;
        if (shared && old === undefined) continue;
        const why = shared && old ? `the image's nginx ${nginxVersionText(old)} rotates it only from 1.23.2 on` : 'no shared ssl_session_cache';
        const group = tickets ?? why;
        unrotated.set(group, [...(unrotated.get(group) ?? []), { server, marker, tickets, why }]);
      }
      for (const [first, ...others] of unrotated.values()) {
        const { server, marker, tickets, why } = first!;
        const more = others.length > 0 ? ` and ${others.length} other TLS server${others.length > 1 ? 's' : ''}` : '';
        const subject = tickets ? `"ssl_session_tickets on" of ${tickets.parent === server ? serverLabel(server) : 'the http block'} keeps` : `${serverLabel(server)}${more} ${others.length > 0 ? 'keep' : 'keeps'} nginx's default of`;
        context.report({
          at: tickets?.args[0] ?? tlsMarkerWord(marker),
          message: `${subject} TLS session tickets under a key nginx never rotates (${why}), so whoever obtains that key can decrypt every recorded session it protected; set "ssl_session_tickets off", or use "ssl_session_cache shared:…" on nginx 1.23.2 or later`,
          related: others.map((o) => ({ message: 'this TLS server keeps the same key', file: tlsMarkerWord(o.marker).file, range: tlsMarkerWord(o.marker).range })),
        });
      }
    },
  }),
});
