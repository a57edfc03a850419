import {
  defineRule,
  FILE_START,
  describePort,
  hbaHostRecords,
  imageHbaLine,
  isLoopback,
  isScalar,
  portPlace,
  postgresSettings,
  publishedBeyondLoopback,
  publishedPostgresPort,
  redisAuth,
  redisBind,
  redisPort,
  redisProtectedMode,
  redisSettings,
  Text,
  unsetCommandVariables,
  type ComposeProject,
  type HbaRecord,
  type Port,
  type RelatedLocation,
  type RuleContext,
  type Service,
  type ServiceConfigFiles,
} from '../../../src/engine/api.js';
import { related } from '../_shared/related.js';

/** True when a pg_hba.conf record matches clients from any address: `all`, `0.0.0.0/0`, `::/0`. */
function fromAnywhere(record: HbaRecord): boolean {
  const address = record.address;
  return address?.kind === 'all' || ((address?.kind === 'cidr' || address?.kind === 'ip-mask') && address.prefix === 0);
}

/** True when `listen_addresses` keeps postgres on the container's loopback, which a published port does not reach. */
function listensOnLoopbackOnly(configs: ServiceConfigFiles): boolean {
  const value = postgresSettings(configs)?.last('listen_addresses')?.value.value;
  if (value === undefined) return false;
  const addresses = value.split(',').map((a) => a.trim()).filter((a) => a !== '');
  return addresses.every((a) => isLoopback(a));
}

/**
 * True when a variable the project leaves unset may give the published port its host address
 * (`${LISTEN_ADDR}5432:5432`, `host_ip: ${BIND_IP}`): the deploy host may set it to 127.0.0.1.
 */
function addressMayBeSet(project: ComposeProject, port: Port): boolean {
  const text = port.syntax === 'short' && isScalar(port.item) ? Text.of(port.item) : port.hostIp;
  return text !== undefined && text.variables.some((name) => !project.variableOrigins.has(name));
}

/** A redis server that asks for no password and answers clients of any address, with why: the places that say so. */
/** A published port open to anyone: the port, what anyone can do, the fix, and the setting that leaves it open. */
interface Open {
  readonly port: Port;
  readonly can: string;
  readonly fix: string;
  readonly why: RelatedLocation;
}

function openRedis(context: RuleContext, configs: ServiceConfigFiles, service: Service): Open | undefined {
  const settings = redisSettings(configs);
  const auth = redisAuth(configs);
  if (!settings || auth?.how !== 'none') return undefined;
  // A shell-form command with an unset variable may lose its `--requirepass` word here only.
  if (unsetCommandVariables(context.project, service).length > 0) return undefined;
  if (redisProtectedMode(configs, settings).on || !redisBind(configs, settings).everywhere) return undefined;
  const number = redisPort(settings);
  const port = number ? publishedBeyondLoopback(service, number) : undefined;
  if (!port) return undefined;
  const why = auth.decidedBy
    ? related(auth.decidedBy.origin, 'this line leaves the default user without a password')
    : configs.redis
      ? related({ file: configs.redis.file, range: FILE_START }, 'the config file sets no requirepass and no ACL user')
      : related(service.key.origin, auth.imageDefault ? 'redis runs with the image\'s defaults: no password' : 'redis runs without a password');
  const can = "read, change and delete every key and rewrite the server's configuration (CONFIG SET)";
  return { port, can, fix: 'set requirepass from a secret', why };
}

/** A postgres server that lets TCP clients of any address in without a password, with the setting that does. */
function openPostgres(configs: ServiceConfigFiles): Open | undefined {
  const port = publishedPostgresPort(configs);
  if (!port || listensOnLoopbackOnly(configs)) return undefined;
  const image = imageHbaLine(configs);
  if (image?.method === 'trust' && image.at) {
    const why = related(image.at.origin, "POSTGRES_HOST_AUTH_METHOD=trust: the image's pg_hba.conf lets every TCP connection in");
    return { port, can: 'sign in to postgres as any user (the superuser too)', fix: 'remove POSTGRES_HOST_AUTH_METHOD=trust', why };
  }
  const trust = hbaHostRecords(configs).find((r) => r.method.value === 'trust' && fromAnywhere(r));
  if (!trust) return undefined;
  const users = trust.users.map((u) => u.value);
  const as = users.includes('all') ? 'as any user (the superuser too)' : `as ${users.map((u) => `"${u}"`).join(', ')}`;
  return { port, can: `sign in to postgres ${as}`, fix: 'use scram-sha-256 instead of trust', why: related(trust.method.origin, 'this pg_hba.conf line trusts connections from any address') };
}

export default defineRule({
  meta: {
    id: 'cross/db-not-exposed',
    description: 'A redis or postgres port published to the host is not open without a password (no redis auth, or a postgres trust line)',
    severity: 'error',
    environments: { dev: 'warning', test: 'warning' },
    tags: ['security', 'networking'],
    securitySeverity: 9.8,
    references: {
      cwe: ['CWE-306', 'CWE-668'],
      urls: [
        'https://redis.io/docs/latest/operate/oss_and_stack/management/security/',
        'https://www.postgresql.org/docs/current/auth-trust.html',
        'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
        'https://docs.docker.com/reference/compose-file/services/#ports',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const service = configs.setup.service;
      if (!service) return;
      const redis = configs.setup.program === 'redis' ? openRedis(context, configs, service) : undefined;
      const postgres = configs.setup.program === 'postgres' ? openPostgres(configs) : undefined;
      const open = redis ?? postgres;
      if (!open || addressMayBeSet(context.project, open.port)) return;
      context.report({
        at: portPlace(open.port),
        message: `service "${service.name}" publishes ${describePort(open.port)}, which other machines reach, and asks for no password: anyone who reaches the host can ${open.can}; publish it on 127.0.0.1 or not at all, and ${open.fix}`,
        related: [open.why],
      });
    },
  }),
});
