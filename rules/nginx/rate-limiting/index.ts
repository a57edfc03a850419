import {
  serverExposure,
  blockLabel,
  clientLocationOf,
  defineRule,
  effectiveDirective,
  effectiveDirectives,
  httpBlocks,
  httpServers,
  nginxRunOf,
  passDirectivesIn,
  serverLabel,
  serverListens,
  unreadIncludes,
  walkNginx,
  wordPart,
  type NginxConfig,
  type NginxDirective,
  type Origin,
} from '../../../src/engine/api.js';

/** The two limits nginx puts on what one key (a client address) may use, each with the directive that defines its zones and its dry-run switch. */
const LIMITS = [
  { directive: 'limit_req', zones: 'limit_req_zone', dryRun: 'limit_req_dry_run' },
  { directive: 'limit_conn', zones: 'limit_conn_zone', dryRun: 'limit_conn_dry_run' },
] as const;

type Limit = (typeof LIMITS)[number];

/** The zone a `limit_req` (`zone=name`) or `limit_conn` (its first argument) uses, with the name's place. */
function zoneUsed(directive: NginxDirective): { name: string; at: Origin } | undefined {
  const word = directive.name.value === 'limit_req' ? directive.args.find((a) => a.value.startsWith('zone=')) : directive.args[0];
  if (!word) return undefined;
  const start = directive.name.value === 'limit_req' ? 'zone='.length : 0;
  return { name: word.value.slice(start), at: wordPart(word, start, word.value.length) };
}

/** The names of the zones the `limit_req_zone` or `limit_conn_zone` directives of a configuration define (`zone=name:size`). */
function zonesDefined(config: NginxConfig, limit: Limit): Set<string> {
  const names = new Set<string>();
  walkNginx(config, (d) => {
    if (d.name.value !== limit.zones) return;
    for (const arg of d.args) {
      const match = /^zone=([^:]+):/.exec(arg.value);
      if (match) names.add(match[1]!);
    }
  });
  return names;
}

/** Whether a limit applies in a block: `limited`, `dry-run` when every limit there only logs, or `none`. */
function protection(config: NginxConfig, block: NginxDirective): 'limited' | 'dry-run' | 'none' {
  let dryRun = false;
  for (const limit of LIMITS) {
    if (effectiveDirectives(config, block, limit.directive).length === 0) continue;
    if (effectiveDirective(config, block, limit.dryRun)?.args[0]?.value === 'on') dryRun = true;
    else return 'limited';
  }
  return dryRun ? 'dry-run' : 'none';
}

export default defineRule({
  meta: {
    id: 'nginx/rate-limiting',
    description: 'Locations that pass requests to a backend have a limit_req or limit_conn in effect, on a zone that is defined',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security', 'reliability'],
    securitySeverity: 5.3,
    references: {
      cwe: ['CWE-770', 'CWE-307'],
      urls: [
        'https://nginx.org/en/docs/http/ngx_http_limit_req_module.html',
        'https://nginx.org/en/docs/http/ngx_http_limit_conn_module.html',
        'https://www.nginx.com/blog/rate-limiting-nginx/',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      const config = run.config;
      const https = httpBlocks(config);
      // Zones are defined in `http` only: every one is known when nothing there, or above, is unread, and
      // the http block is the file's own (a conf.d file linted on its own may rely on any nginx.conf).
      const httpKnown = !(configs.standalone !== undefined && run.imageMain);
      if (httpKnown && https.length > 0 && https.every((http) => unreadIncludes(config, http, true).length === 0)) {
        for (const limit of LIMITS) {
          const defined = zonesDefined(config, limit);
          for (const http of https) {
            walkNginx(http, (d) => {
              const zone = d.name.value === limit.directive ? zoneUsed(d) : undefined;
              if (zone && !defined.has(zone.name) && !zone.name.includes('$')) {
                context.report({ at: zone.at, message: `${limit.directive} uses zone "${zone.name}", which no ${limit.zones} defines: nginx refuses to start ("zero size shared memory zone")` });
              }
            });
          }
        }
      }
      for (const server of https.flatMap(httpServers)) {
        // A server that listens on loopback only is reached from inside its container, never by strangers.
        const listens = serverListens(server);
        if (listens.length > 0 && listens.every((l) => l.loopback)) continue;
        const open = new Map<NginxDirective, { pass: NginxDirective; state: 'dry-run' | 'none' }>();
        for (const pass of passDirectivesIn(server)) {
          const block = clientLocationOf(pass);
          if (!block || open.has(block) || unreadIncludes(config, pass.parent!, true).length > 0) continue;
          const state = protection(config, pass.parent!);
          if (state !== 'limited') open.set(block, { pass, state });
        }
        if (open.size === 0) continue;
        const where = open.size === 1 ? blockLabel([...open.keys()][0]!) : `${open.size} locations`;
        context.report({
          at: server.name,
          message: `${serverLabel(server)} passes requests to a backend with no limit_req or limit_conn in ${where}: one client can send as many requests, and hold as many connections, as nginx accepts (password guessing, scraping, floods)`,
          related: [
            ...serverExposure(configs, server),
            ...[...open].map(([block, { pass, state }]) => ({
              message: state === 'dry-run' ? `${blockLabel(block)}: its limits are in dry-run mode, they only log` : `${blockLabel(block)} has no limit in effect`,
              file: pass.name.file,
              range: pass.name.range,
            })),
          ],
        });
      }
    },
  }),
});
