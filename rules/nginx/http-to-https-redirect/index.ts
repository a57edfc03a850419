import {
  containerPortRange,
  answeringBlocks,
  blockLabel,
  defineRule,
  directivesNamed,
  effectiveDirective,
  httpBlocks,
  httpServers,
  nginxRunOf,
  PASS_DIRECTIVES,
  publishedPortsOf,
  redirectWord,
  serverLabel,
  serverListens,
  tlsMarker,
  tlsServers,
  unreadIncludes,
  walkNginx,
  type NginxDirective,
  type Service,
} from '../../../src/engine/api.js';

/** The port browsers use for http:// URLs. */
const HTTP_PORT = 80;

/** Variables an `if` tests to tell a plain-HTTP request from a TLS one (here, or at a proxy in front). */
const SCHEME_TEST = /\$(scheme|https|server_port|http_x_forwarded_proto)\b/;

/** The container ports a service publishes (a `ports:` target, or each port of a target range). */
function publishedTargets(service: Service | undefined): Set<number> {
  const ports = new Set<number>();
  for (const port of service ? publishedPortsOf(service) : []) {
    const range = containerPortRange(port);
    if (!range) continue;
    for (let p = range.first; p <= range.last && p - range.first < 1000; p++) ports.add(p);
  }
  return ports;
}

/** True for a location of the `/.well-known/` tree (ACME http-01 challenges, certificate validation), which must stay reachable over plain HTTP. */
function wellKnown(block: NginxDirective): boolean {
  for (let b: NginxDirective | undefined = block; b && b.name.value === 'location'; b = b.parent) {
    if (b.args.at(-1)?.value.includes('/.well-known/')) return true;
  }
  return false;
}

/** True when the server redirects plain-HTTP requests to https:// in an `if` on the scheme, the port or X-Forwarded-Proto. */
function conditionalRedirect(server: NginxDirective): boolean {
  return directivesNamed(server, 'if').some(
    (d) => d.args.some((a) => SCHEME_TEST.test(a.value)) && (d.block ?? []).some((inner) => redirectWord(inner)?.value.startsWith('https://')),
  );
}

/** What a block does with the requests it answers, in words. */
function answerOf(server: NginxDirective, block: NginxDirective): string {
  const pass = (block.block ?? []).find((d) => PASS_DIRECTIVES.has(d.name.value));
  if (pass) return `${block === server ? 'the server' : blockLabel(block)} passes requests to ${pass.args[0]?.value ?? 'a backend'}`;
  return block === server ? 'requests that no location takes are answered from the root folder' : `${blockLabel(block)} serves files`;
}

export default defineRule({
  meta: {
    id: 'nginx/http-to-https-redirect',
    description: 'When nginx serves TLS, its plain-HTTP servers only redirect to https:// (ACME challenges excepted)',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 5.3,
    references: {
      cwe: ['CWE-319'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return', 'https://nginx.org/en/docs/http/configuring_https_servers.html', 'https://letsencrypt.org/docs/challenge-types/#http-01-challenge'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run || tlsServers(run.config).length === 0) return;
      const published = publishedTargets(configs.setup.service);
      for (const http of httpBlocks(run.config)) {
        for (const server of httpServers(http)) {
          // the obsolete `ssl on;` makes every listen of the server TLS
          if (effectiveDirective(run.config, server, 'ssl')?.args[0]?.value === 'on') continue;
          const listens = serverListens(server);
          const plain = listens.filter((l) => !l.tls && !l.loopback && l.port !== undefined && (l.port === HTTP_PORT || published.has(l.port)));
          if ((listens.length > 0 && plain.length === 0) || unreadIncludes(run.config, server, true).length > 0) continue;
          walkNginx(server, (directive) => {
            const target = redirectWord(directive);
            if (target && /^(http:\/\/|\$scheme:\/\/)/.test(target.value)) {
              context.report({ at: target, message: `${serverLabel(server)} answers plain-HTTP requests with a redirect to ${target.value}, which is plain HTTP again; redirect to https://` });
            }
          });
          if (conditionalRedirect(server)) continue;
          const answering = answeringBlocks(server).filter((block) => !wellKnown(block));
          if (answering.length === 0) continue;
          const port = plain[0]?.word.value ?? String(HTTP_PORT);
          const message = tlsMarker(server)
            ? `${serverLabel(server)} is set up for TLS, yet its "listen ${port}" has no ssl, so that port serves the same content over plain HTTP; move that listen to a server that only redirects to https://`
            : `${serverLabel(server)} listens on plain HTTP (${port}) and answers requests there instead of redirecting them to https://, while this nginx serves TLS; answer with "return 301 https://$host$request_uri;" (keep a /.well-known/acme-challenge/ location if certificates are renewed over HTTP)`;
          context.report({
            at: plain[0]?.word ?? server.name,
            message,
            related: answering.map((block) => ({ message: answerOf(server, block), file: block.name.file, range: block.name.range })),
          });
        }
      }
    },
  }),
});
