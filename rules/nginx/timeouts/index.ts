import { defineRule, describeSeconds, effectiveDirective, nginxRunOf, nginxTime, walkNginx, type NginxConfig, type NginxDirective } from '../../../src/engine/api.js';

/** Five minutes: five times nginx's default (60 s) for the timeouts that wait on a client. */
const CLIENT_LIMIT = 300;
/** An hour: the longest wait on a silent backend that long requests and WebSockets (which ping) need. */
const BACKEND_LIMIT = 3600;

const CLIENT_CONSEQUENCE = 'a slow client (slowloris) holds a connection that long while sending next to nothing';
const BACKEND_CONSEQUENCE = 'a stuck backend request holds its connections that long; more than an hour is rarely needed, even for WebSockets, whose pings keep a live connection busy';

/** What each timeout waits for, in words, the most it should be, and for a backend's, the pass directive of its module. */
interface Timeout {
  readonly waits: (duration: string) => string;
  readonly limit: number;
  readonly consequence: string;
  readonly pass?: string;
}

const TIMEOUTS: ReadonlyMap<string, Timeout> = new Map<string, Timeout>([
  ['client_header_timeout', { waits: (d: string) => `lets a client take ${d} to send its request headers`, limit: CLIENT_LIMIT, consequence: CLIENT_CONSEQUENCE }],
  ['client_body_timeout', { waits: (d: string) => `lets a client pause ${d} between two reads of its request body`, limit: CLIENT_LIMIT, consequence: CLIENT_CONSEQUENCE }],
  ['send_timeout', { waits: (d: string) => `keeps sending to a client that reads nothing for ${d}`, limit: CLIENT_LIMIT, consequence: CLIENT_CONSEQUENCE }],
  ['keepalive_timeout', { waits: (d: string) => `keeps an idle keep-alive connection open for ${d}`, limit: CLIENT_LIMIT, consequence: CLIENT_CONSEQUENCE }],
  ...['proxy', 'fastcgi', 'uwsgi', 'scgi', 'grpc'].flatMap((module) => [
    [`${module}_read_timeout`, { waits: (d: string) => `waits ${d} for a backend that sends nothing`, limit: BACKEND_LIMIT, consequence: BACKEND_CONSEQUENCE, pass: `${module}_pass` }] satisfies [string, Timeout],
    [`${module}_send_timeout`, { waits: (d: string) => `waits ${d} for a backend that reads nothing`, limit: BACKEND_LIMIT, consequence: BACKEND_CONSEQUENCE, pass: `${module}_pass` }] satisfies [string, Timeout],
  ]),
]);

/**
 * The backend timeouts some pass directive of their module works with: a `proxy_read_timeout` that
 * no `proxy_pass` inherits (set in a server whose locations all use `grpc_pass`) changes nothing.
 */
function timeoutsInEffect(config: NginxConfig): Set<NginxDirective> {
  const inEffect = new Set<NginxDirective>();
  walkNginx(config, (pass) => {
    for (const [name, timeout] of TIMEOUTS) {
      const applied = timeout.pass === pass.name.value ? effectiveDirective(config, pass.parent, name) : undefined;
      if (applied) inEffect.add(applied);
    }
  });
  return inEffect;
}

export default defineRule({
  meta: {
    id: 'nginx/timeouts',
    description: 'nginx does not wait unboundedly on clients (more than five minutes) or on backends (more than an hour)',
    severity: 'info',
    environments: { dev: 'off', test: 'off' },
    tags: ['reliability', 'security'],
    securitySeverity: 3.7,
    references: {
      cwe: ['CWE-400'],
      urls: [
        'https://nginx.org/en/docs/http/ngx_http_core_module.html#client_header_timeout',
        'https://nginx.org/en/docs/http/ngx_http_core_module.html#keepalive_timeout',
        'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout',
        'https://nginx.org/en/docs/syntax.html',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      const backend = timeoutsInEffect(run.config);
      walkNginx(run.config, (directive) => {
        const timeout = TIMEOUTS.get(directive.name.value);
        const value = directive.args[0];
        // These names exist in the http modules only (stream and mail have their own), so the context needs no check;
        // an upstream's keepalive_timeout is about idle connections to the backends, not clients.
        if (!timeout || !value || directive.parent?.name.value === 'upstream' || (timeout.pass && !backend.has(directive))) return;
        const seconds = nginxTime(value.value);
        if (seconds === undefined || seconds <= timeout.limit) return;
        context.report({
          at: value,
          message: `"${directive.name.value} ${value.value}" ${timeout.waits(describeSeconds(seconds))}: ${timeout.consequence} (keep it at ${describeSeconds(timeout.limit)} or less)`,
        });
      });
    },
  }),
});
