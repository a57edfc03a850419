import {
  clientConnections,
  connectionNaming,
  defineRule,
  entryFileSource,
  entrySource,
  hbaHostRecords,
  imageHbaLine,
  imageRepository,
  isWithin,
  knownValue,
  officialPostgresImage,
  type ClientConnection,
  type CredentialSource,
  type RelatedLocation,
  type RuleContext,
  type Service,
  type ServiceConfigFiles,
} from '../../../src/engine/api.js';
import { reportConnection, type ServerPassword, type ServerSide } from '../_shared/credentials.js';
import { related } from '../_shared/related.js';

/**
 * `DATABASE_URL`, `DB_HOST`, `PGPASSWORD`, `POSTGRES_USER`, `SPRING_DATASOURCE_PASSWORD`,
 * `ANALYTICS_DB_PASSWORD_FILE`: the part before the stem groups the variables of one connection.
 */
export const POSTGRES_NAMING = connectionNaming(
  /^postgres(?:ql)?(?:\+\w+)?$/,
  /^(.*?)(?:PG|DB|DATABASE|DATASOURCE|POSTGRES|POSTGRESQL|POSTGRESDB|PSQL)_?(URL|URI|HOST|HOSTNAME|SERVER|PASSWORD|PASS|PASSWD|USER|USERNAME)(_FILE)?$/i,
);

/** The methods of pg_hba.conf that ask a client for its password. */
const PASSWORD_METHODS = new Set(['scram-sha-256', 'md5', 'password']);

/** The variables the images read the superuser's (or Bitnami's application user's) password and name from. */
const PASSWORD_VARIABLES = ['POSTGRES_PASSWORD', 'POSTGRESQL_PASSWORD'];
const USER_VARIABLES = ['POSTGRES_USER', 'POSTGRESQL_USERNAME'];

/** The credentials a server's environment sets: each variable, or its `_FILE` twin through the service's mounts. */
function fromEnvironment(configs: ServiceConfigFiles, service: Service, names: readonly string[]): ServerPassword[] {
  return names.flatMap((name) => {
    const file = service.environmentVariable(`${name}_FILE`);
    if (file) return [{ source: entryFileSource(configs.setup.mounts, file), at: file.name.origin, setting: `${name}_FILE` }];
    const entry = service.environmentVariable(name);
    return entry ? [{ source: entrySource(entry), at: entry.name.origin, setting: name }] : [];
  });
}

/** Whether clients must send a password, as pg_hba.conf (the project's, or the image's) says, with the setting that says so. */
function requirement(configs: ServiceConfigFiles): { requires: ServerSide['requires']; trustAt?: RelatedLocation; fix?: string } {
  const image = imageHbaLine(configs);
  if (image?.method === 'trust') {
    const fix = 'remove POSTGRES_HOST_AUTH_METHOD=trust, so that the image asks for the password';
    return { requires: 'none', fix, ...(image.at ? { trustAt: related(image.at.origin, 'POSTGRES_HOST_AUTH_METHOD=trust is set here') } : {}) };
  }
  if (image?.method) return { requires: PASSWORD_METHODS.has(image.method) ? 'password' : 'unknown' };
  const records = hbaHostRecords(configs).filter((r) => r.method.value !== 'reject');
  if (records.length === 0) return { requires: 'unknown' };
  if (records.every((r) => PASSWORD_METHODS.has(r.method.value))) return { requires: 'password' };
  const trust = records.find((r) => r.method.value === 'trust');
  if (trust && records.every((r) => r.method.value === 'trust')) return { requires: 'none', trustAt: related(trust.method.origin, 'pg_hba.conf trusts TCP connections here') };
  return { requires: 'unknown' };
}

/** The roles the image creates: POSTGRES_USER (`postgres` by default); Bitnami's also keeps `postgres`. */
interface ServerUsers {
  readonly sources: readonly CredentialSource[];
  readonly names: readonly ServerPassword[];
  /** False when init scripts, a built image or an image not known may create other roles. */
  readonly only: boolean;
}

function serverUsers(configs: ServiceConfigFiles, service: Service): ServerUsers {
  const bitnami = imageRepository(service) === 'postgresql' && (service.imageReference?.path.includes('bitnami') ?? false);
  const initScripts = service.volumes.some((v) => v.target && isWithin(v.target.value.trim(), '/docker-entrypoint-initdb.d'));
  const only = service.get('build') === undefined && (officialPostgresImage(service) || bitnami) && !initScripts;
  const names = fromEnvironment(configs, service, USER_VARIABLES);
  const sources: CredentialSource[] = names.map((n) => n.source);
  if (names.length === 0 || bitnami) sources.push({ kind: 'literal', value: 'postgres' });
  return { sources, names, only };
}

/**
 * Whether a client connects as another user than the ones the image creates (compared by value: a
 * user read from a file or an unset variable may be any), and reports it when the setup creates no
 * other. Its password is then another role's, and is not compared.
 */
function otherUser(context: RuleContext, connection: ClientConnection, server: Service, users: ServerUsers): boolean {
  const user = connection.users[0];
  const name = user && knownValue(user.source);
  const known = users.sources.map(knownValue);
  if (!user || name === undefined || known.some((v) => v === undefined || v === name)) return false;
  if (!users.only) return true;
  context.report({
    at: user.at,
    message: `service "${connection.client.name}" connects to service "${server.name}" as user "${name}" (${user.inUrl ? `in ${user.entry.name.value}` : user.entry.name.value}), which the compose setup never creates: the image creates only ${known.map((n) => `"${n}"`).join(' and ')}, and no init script is mounted; use POSTGRES_USER's source for both, or create the user in /docker-entrypoint-initdb.d`,
    related: users.names[0] ? [related(users.names[0].at, `the user service "${server.name}" creates is set here (${users.names[0].setting})`)] : [related(server.key.origin, `service "${server.name}" sets no POSTGRES_USER: the user is "postgres"`)],
  });
  return true;
}

export default defineRule({
  meta: {
    id: 'cross/postgres-password-secret',
    description: "A postgres server's clients connect as the user it creates, with the password from the same secret or variable",
    severity: 'error',
    tags: ['security', 'secrets', 'postgres'],
    securitySeverity: 7.0,
    references: {
      cwe: ['CWE-798', 'CWE-260'],
      urls: [
        'https://hub.docker.com/_/postgres',
        'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
        'https://www.postgresql.org/docs/current/libpq-envars.html',
        'https://docs.docker.com/compose/how-tos/use-secrets/',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const service = configs.setup.service;
      if (!service || configs.setup.program !== 'postgres') return;
      const passwords = fromEnvironment(configs, service, PASSWORD_VARIABLES);
      const { requires, trustAt, fix } = requirement(configs);
      const users = serverUsers(configs, service);
      const where =
        requires === 'none' && trustAt
          ? trustAt
          : passwords[0]
            ? related(passwords[0].at, `the password of service "${service.name}" is set here (${passwords[0].setting})`)
            : related(service.key.origin, `service "${service.name}" sets no POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE`);
      for (const connection of clientConnections(context.project, service, POSTGRES_NAMING)) {
        const asOther = otherUser(context, connection, service, users);
        reportConnection(context, connection, {
          server: service,
          product: 'postgres',
          passwords: asOther ? [] : passwords,
          requires,
          noneWhy: `trusts every TCP connection: postgres never asks for the password, and anyone who reaches it signs in as any user; ${fix ?? 'make pg_hba.conf ask for it (scram-sha-256)'}`,
          refused: 'postgres refuses the connection ("password authentication failed" or "no password supplied")',
          related: where,
        });
      }
    },
  }),
});
