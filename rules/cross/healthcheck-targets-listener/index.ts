import {
  authConfigured,
  commandWords,
  declaredContainerPorts,
  defineRule,
  describeListenPorts,
  healthcheckCommand,
  healthcheckProbes,
  listenPorts,
  listensOn,
  redisAuth,
  redisCliAuthenticates,
  type HealthcheckProbe,
  type ListenPorts,
  type RelatedLocation,
} from '../../../src/engine/api.js';
import { related } from '../_shared/related.js';

/** The probes that can reach each program: HTTP clients reach nginx, redis-cli redis, pg_isready postgres; a TCP connect any of them. */
const REACHES: Readonly<Record<ListenPorts['program'], ReadonlySet<HealthcheckProbe['tool']>>> = {
  nginx: new Set(['http', 'nc', 'dev-tcp']),
  redis: new Set(['redis-cli', 'nc', 'dev-tcp']),
  postgres: new Set(['pg_isready', 'nc', 'dev-tcp']),
};

const DEFAULTED: Readonly<Record<string, string>> = { http: "http's default port", https: "https's default port", PGPORT: 'PGPORT in its environment' };

/** The places the program's ports are set, as related locations. */
function listenPlaces(listening: ListenPorts): RelatedLocation[] {
  return listening.ports.flatMap((p) => (p.at ? [related(p.at.origin, `${listening.program} listens on port ${p.port} here`)] : []));
}

/** `nginx listens on ports 8080, 8443 (its listen directives)`. */
function listensWords(listening: ListenPorts): string {
  return `${listening.program} listens on ${describeListenPorts(listening)} (${listening.source})`;
}

export default defineRule({
  meta: {
    id: 'cross/healthcheck-targets-listener',
    description: "Healthchecks and exposed ports target a port nginx, redis or postgres listens on; redis-cli passes the password",
    severity: 'info',
    tags: ['reliability', 'networking'],
    references: {
      urls: [
        'https://docs.docker.com/reference/compose-file/services/#healthcheck',
        'https://nginx.org/en/docs/http/ngx_http_core_module.html#listen',
        'https://redis.io/docs/latest/develop/tools/cli/',
        'https://www.postgresql.org/docs/current/app-pg-isready.html',
        'https://docs.docker.com/reference/compose-file/services/#expose',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const service = configs.setup.service;
      if (!service) return;
      const listening = listenPorts(configs);
      const name = `service "${service.name}"`;
      const probes = healthcheckProbes(service).filter((p) => !listening || REACHES[listening.program].has(p.tool));
      if (listening) {
        for (const probe of probes) {
          if (listensOn(listening, probe.port)) continue;
          const how = probe.defaulted ? ` (${DEFAULTED[probe.defaulted] ?? probe.defaulted})` : '';
          context.report({
            at: probe.at,
            message: `the healthcheck of ${name} probes port ${probe.port}${how}, but ${listensWords(listening)}: the check cannot connect, so the service never becomes healthy`,
            related: listenPlaces(listening),
          });
        }
      }

      const auth = configs.setup.program === 'redis' ? redisAuth(configs) : undefined;
      const command = healthcheckCommand(service.healthcheck?.test);
      if (auth && command && authConfigured(auth) && auth.how !== 'aclfile') {
        const checksReply = commandWords(command).some((w) => /PONG/i.test(w.value));
        for (const probe of probes.filter((p) => p.tool === 'redis-cli' && p.invocation)) {
          if (redisCliAuthenticates(probe.invocation!, command, service)) continue;
          const outcome = checksReply
            ? 'so the reply is never PONG and the service never becomes healthy'
            : 'and redis-cli exits 0 on an error reply, so the check passes whenever redis answers at all and tests nothing more';
          const by = auth.decidedBy ? `(${auth.decidedBy.key})` : '(from its environment)';
          context.report({
            at: probe.invocation!.program,
            message: `redis of ${name} asks for a password ${by}, but the healthcheck's ${probe.invocation!.name} gives none: redis answers NOAUTH, ${outcome}; pass the password in REDISCLI_AUTH (read from the secret file in the test) or with -a`,
            ...(auth.decidedBy ? { related: [related(auth.decidedBy.name.origin, 'the password is required here')] } : {}),
          });
        }
      }

      if (!listening || service.text('network_mode')?.value.trim() === 'host') return;
      const published = new Set(service.ports.map((p) => p.target));
      for (const declared of declaredContainerPorts(service)) {
        if (declared.from !== declared.to || listensOn(listening, declared.from)) continue;
        const says = published.has(declared.text) ? `publishes container port ${declared.from}` : `exposes port ${declared.from}`;
        context.report({
          at: declared.text,
          message: `${name} ${says}, but ${listensWords(listening)}: nothing in the container answers on port ${declared.from}`,
          related: listenPlaces(listening),
        });
      }
    },
  }),
});
