import {
  serverExposure,
  answeringBlocks,
  blockLabel,
  defineRule,
  directiveNamed,
  headerField,
  httpBlocks,
  httpServers,
  intendedHeaders,
  mountsUnder,
  nginxImageDefaultOnly,
  nginxRunOf,
  serverLabel,
  unreadIncludes,
  walkNginx,
  type NginxConfig,
  type NginxDirective,
  type NginxWord,
} from '../../../src/engine/api.js';
import { inWords } from '../_shared/in-words.js';

/** The folder the image's default server serves files from. */
const DEFAULT_ROOT = '/usr/share/nginx/html';

/** The headers every answering block must send, each with the test an `add_header` set must pass. */
const REQUIRED: readonly { name: string; sent: (fields: ReadonlyMap<string, NginxWord | undefined>) => boolean }[] = [
  { name: 'X-Content-Type-Options', sent: (f) => f.has('x-content-type-options') },
  { name: 'X-Frame-Options (or a Content-Security-Policy with frame-ancestors)', sent: (f) => f.has('x-frame-options') || framesRestricted(f.get('content-security-policy')) },
  { name: 'Content-Security-Policy', sent: (f) => f.has('content-security-policy') },
  { name: 'Referrer-Policy', sent: (f) => f.has('referrer-policy') },
];

/** True when a CSP value restricts framing (a value taken from a variable is given the benefit of the doubt). */
function framesRestricted(csp: NginxWord | undefined): boolean {
  return csp !== undefined && (csp.variables.length > 0 || /(^|;)\s*frame-ancestors\b/i.test(csp.value));
}

/** The header fields a block is meant to send, with the value of the last `add_header` of each. */
function sentFields(config: NginxConfig, block: NginxDirective): Map<string, NginxWord | undefined> {
  return new Map(intendedHeaders(config, block).map((d) => [headerField(d), d.args[1]]));
}

/** The value an `add_header` must have, as a finding's message when a written value (not a variable) is wrong. */
function badValue(field: string, value: NginxWord): string | undefined {
  if (value.variables.length > 0) return undefined;
  const v = value.value.trim().toLowerCase();
  if (field === 'x-content-type-options' && v !== 'nosniff') return `X-Content-Type-Options "${value.value}" is not "nosniff", the only value browsers act on`;
  if (field === 'x-frame-options' && v !== 'deny' && v !== 'sameorigin') {
    return `X-Frame-Options "${value.value}" is ignored by current browsers (only DENY and SAMEORIGIN work); use Content-Security-Policy frame-ancestors to allow given origins`;
  }
  if (field === 'x-xss-protection' && v !== '0') {
    return `X-XSS-Protection "${value.value}" turns on the XSS filter of old browsers, which itself leaked data across sites and is gone from current ones; send "0" or drop the header and rely on Content-Security-Policy`;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'nginx/security-headers',
    description: 'Servers that answer requests send X-Content-Type-Options, X-Frame-Options, Content-Security-Policy and Referrer-Policy',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 4.3,
    reportsAbsence: true,
    references: {
      cwe: ['CWE-693', 'CWE-1021'],
      urls: [
        'https://owasp.org/www-project-secure-headers/',
        'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header',
        'https://github.com/dev-sec/nginx-baseline',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const service = configs.setup.service;
      if (service && nginxImageDefaultOnly(configs)) {
        const site = mountsUnder(configs.setup.mounts, DEFAULT_ROOT)[0];
        if (site) {
          context.report({
            at: service.key,
            message: `service "${service.name}" serves its site with the image's default nginx configuration, which sends none of the security headers (X-Content-Type-Options, X-Frame-Options, Content-Security-Policy, Referrer-Policy)`,
            related: [{ message: 'the site it serves', file: site.at.origin.file, range: site.at.origin.range }],
          });
        }
        return;
      }
      const run = nginxRunOf(configs);
      if (!run) return;
      for (const http of httpBlocks(run.config)) {
        walkNginx(http, (directive) => {
          const value = directive.args[1];
          const message = directive.name.value === 'add_header' && value ? badValue(headerField(directive), value) : undefined;
          if (message) context.report({ at: value!, message });
        });
        for (const server of httpServers(http)) {
          if (unreadIncludes(run.config, server, true).length > 0) continue;
          const blocks = answeringBlocks(server).filter((block) => !directiveNamed(block, 'grpc_pass')).map((block) => ({ block, fields: sentFields(run.config, block) }));
          const missing = REQUIRED.filter((header) => blocks.some(({ fields }) => !header.sent(fields)));
          if (missing.length === 0) continue;
          const partial = missing.filter((h) => blocks.some(({ fields }) => h.sent(fields)));
          context.report({
            at: server.name,
            message: `${serverLabel(server)} does not send ${inWords(missing.map((h) => h.name))}${partial.length > 0 ? ' on all of its responses' : ''}; add ${missing.length > 1 ? 'them' : 'it'} with add_header … always in the server or the http block`,
            related: [
              ...serverExposure(configs, server),
              ...blocks
                .filter(({ fields }) => partial.some((h) => !h.sent(fields)))
                .map(({ block, fields }) => ({ message: `${blockLabel(block)} answers without ${inWords(partial.filter((h) => !h.sent(fields)).map((h) => h.name))}`, file: block.name.file, range: block.name.range })),
            ],
          });
        }
      }
    },
  }),
});
