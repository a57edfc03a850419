import {
  allServersKnown,
  answeringBlocks,
  blockLabel,
  catchAllServer,
  defineRule,
  directivesNamed,
  effectiveDirective,
  httpBlocks,
  httpServers,
  nginxRunOf,
  serverLabel,
  serverListens,
  type NginxDirective,
} from '../../../src/engine/api.js';

/** The ports a server listens on (80 when it has no `listen`, as nginx running as root does). */
function portsOf(server: NginxDirective): Set<number> {
  if (directivesNamed(server, 'listen').length === 0) return new Set([80]);
  return new Set(serverListens(server).flatMap((l) => (l.port === undefined ? [] : [l.port])));
}

/** Names that say a server answers whatever host it is asked for, not one of its own: `_`, `""`, `localhost`, an address, an nginx variable. */
const NO_NAME = /^(_|localhost|\*|\d+(\.\d+){3}|\[?[0-9a-f]*:[0-9a-f:]*\]?|\$(?!\{).*)?$/i;

/** The first name of a server that names a site of its own (`shop.example.com`, `*.example.com`, a regex, an envsubst placeholder), if any. */
function ownName(server: NginxDirective): string | undefined {
  return directivesNamed(server, 'server_name')
    .flatMap((d) => d.args)
    .find((name) => !NO_NAME.test(name.value))?.value;
}

export default defineRule({
  meta: {
    id: 'nginx/default-server-reject',
    description: 'The default server of a port (the one nginx hands unknown host names) rejects them instead of serving the app',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 4.3,
    references: {
      cwe: ['CWE-644'],
      urls: ['https://nginx.org/en/docs/http/request_processing.html', 'https://nginx.org/en/docs/http/server_names.html', 'https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_reject_handshake'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      for (const http of httpBlocks(run.config)) {
        const servers = httpServers(http);
        for (const server of servers) {
          // a file of server blocks linted on its own is one site among those its host's nginx.conf reads (sites-enabled, conf.d): which comes first is not known
          const known = !(configs.standalone !== undefined && run.imageMain) && allServersKnown(configs, run.config, server);
          const catchAll = catchAllServer(run.config, server, known);
          // a server_name regex that matches any host is a catch-all by design, not the default of a port
          if (!catchAll || catchAll.at.name.value === 'server_name') continue;
          // only the container itself reaches a loopback address
          if (serverListens(server).some((l) => l.directive === catchAll.at && l.loopback)) continue;
          if (effectiveDirective(run.config, server, 'ssl_reject_handshake')?.args[0]?.value === 'on') continue;
          const ports = portsOf(server);
          const others = servers.filter((s) => s !== server && [...portsOf(s)].some((p) => ports.has(p)));
          const name = ownName(server);
          // a lone server with no name of its own answers every host on purpose
          if (others.length === 0 && !name) continue;
          const blocks = answeringBlocks(server);
          if (blocks.length === 0) continue;
          const first = blocks.find((b) => b !== server) ?? server;
          const serves = first === server ? 'itself, outside any location' : `in ${blockLabel(first)}`;
          const listen = catchAll.at.name.value === 'listen' ? catchAll.at : undefined;
          const address = listen ? listen.args[0]!.value : '80';
          const why = listen?.args.slice(1).some((a) => a.value === 'default_server' || a.value === 'default')
            ? `it is marked default_server on ${address}`
            : `it is the first server listening on ${address} and none there is marked default_server`;
          context.report({
            at: listen ? listen.args[0]! : server.name,
            message: `${serverLabel(server)} gets the requests for host names no server_name names (${why}) and answers them ${serves}: scanners that know only the address, and forged Host headers, reach the application; add a default server for the port that rejects them ("listen … default_server;" with "return 444;", and "ssl_reject_handshake on;" for TLS)`,
            related: others.slice(0, 1).map((o) => ({ message: `another server on the same port (${serverLabel(o)})`, file: o.name.file, range: o.name.range })),
          });
        }
      }
    },
  }),
});
