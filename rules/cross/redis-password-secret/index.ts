import {
  clientConnections,
  connectionNaming,
  defineRule,
  entryFileSource,
  entrySource,
  fileSource,
  redisAuth,
  type Service,
  textSource,
  unsetCommandVariables,
  type CredentialSource,
  type ConfigWord,
  type RedisAuth,
  type RelatedLocation,
  type ServiceConfigFiles,
} from '../../../src/engine/api.js';
import { related } from '../_shared/related.js';
import { reportConnection, type ServerPassword } from '../_shared/credentials.js';

/**
 * `REDIS_URL`, `CACHE_REDIS_HOST`, `REDIS_PASSWORD`, `SESSION_REDIS_PASSWORD_FILE`: the part before
 * `REDIS` groups the variables of one connection.
 */
export const REDIS_NAMING = connectionNaming(/^(?:rediss?|valkeys?)$/, /^(.*?)REDIS_(URL|URI|HOST|HOSTNAME|PASSWORD|PASS|USER|USERNAME)(_FILE)?$/i);

/** `$(cat /run/secrets/x)`, `$(< /run/secrets/x)`, `` `cat /run/secrets/x` ``: the file a shell reads the password from. */
const READ_FILE = /^(?:\$\(\s*(?:cat\s+|<\s*)([^\s)|;&]+)\s*\)|`\s*cat\s+([^\s`|;&]+)\s*`)$/;
/** `$REDIS_PASSWORD`, `${REDIS_PASSWORD}`: a variable of the container's environment. */
const CONTAINER_VARIABLE = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/;

/** The index of the command-line word a config word was cut from; -1 when it is not on the command line. */
function argIndex(configs: ServiceConfigFiles, word: ConfigWord): number {
  const { file, range } = word.origin;
  return configs.setup.args.findIndex((a) => a.origin.file === file && a.origin.range.start.line === range.start.line && a.origin.range.start.column === range.start.column);
}

/**
 * Where a password the server reads when its container starts comes from: a file (`$(cat ...)`)
 * through the service's mounts, or a variable of its environment. The command line was split into
 * words without regard to `$(...)`, so the words up to the closing parenthesis are joined again.
 */
function atStartSource(configs: ServiceConfigFiles, service: Service, word: ConfigWord): CredentialSource {
  const { args } = configs.setup;
  const i = argIndex(configs, word);
  let script = word.value;
  for (let j = i + 1; i !== -1 && j < args.length && !/[)`]$/.test(script); j++) script += ` ${args[j]!.value}`;
  const file = READ_FILE.exec(script);
  if (file) return fileSource(configs.setup.mounts, file[1] ?? file[2]!);
  const variable = CONTAINER_VARIABLE.exec(word.value);
  const entry = variable && service.environmentVariable(variable[1] ?? variable[2]!);
  return entry ? entrySource(entry) : { kind: 'unknown' };
}

/** The passwords the redis server checks, each with its source and where it is set. */
function serverPasswords(configs: ServiceConfigFiles, service: Service, auth: RedisAuth): ServerPassword[] {
  const out: ServerPassword[] = auth.passwords.map((p) => {
    const source: CredentialSource = p.atStart ? atStartSource(configs, service, p.word) : p.text ? textSource(p.text) : { kind: 'literal', value: p.word.value };
    const setting = p.directive.key === 'user' ? `the ACL password of user "${p.directive.args[0]?.value ?? ''}"` : 'requirepass';
    return { source, at: p.text?.origin ?? p.word.origin, setting };
  });
  // `--requirepass ${REDIS_PASSWORD}` with the variable unset here: the deploy's variable is the source.
  const word = auth.how === 'requirepass' ? auth.decidedBy?.args[0] : undefined;
  const arg = word && word.value === '' ? configs.setup.args[argIndex(configs, word)] : undefined;
  if (arg && arg.variables.length > 0) out.push({ source: textSource(arg), at: arg.origin, setting: 'requirepass' });
  // Bitnami's images take it from the environment.
  for (const name of ['REDIS_PASSWORD', 'VALKEY_PASSWORD']) {
    const entry = service.environmentVariable(name);
    if (entry) out.push({ source: entrySource(entry), at: entry.name.origin, setting: name });
    const file = service.environmentVariable(`${name}_FILE`);
    if (file) out.push({ source: entryFileSource(configs.setup.mounts, file), at: file.name.origin, setting: `${name}_FILE` });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'cross/redis-password-secret',
    description: "A redis server's clients send its password, taken from the same secret file or variable as the server's",
    severity: 'error',
    tags: ['security', 'secrets'],
    securitySeverity: 7.0,
    references: {
      cwe: ['CWE-798', 'CWE-260'],
      urls: [
        'https://redis.io/docs/latest/operate/oss_and_stack/management/security/#authentication',
        'https://docs.docker.com/compose/how-tos/use-secrets/',
        'https://www.iana.org/assignments/uri-schemes/prov/redis',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const service = configs.setup.service;
      const auth = redisAuth(configs);
      if (!service || !auth || auth.how === 'unknown') return;
      // `--requirepass ${REDIS_PASSWORD}` in a shell-form command, unset here: the password the deploy sets is not seen.
      if (auth.how === 'none' && unsetCommandVariables(context.project, service).length > 0) return;
      const passwords = serverPasswords(configs, service, auth);
      const noAuth = auth.how === 'none';
      const where: RelatedLocation = passwords[0]
        ? related(passwords[0].at, `the password of service "${service.name}" is set here (${passwords[0].setting})`)
        : related(auth.decidedBy?.origin ?? service.key.origin, noAuth ? `service "${service.name}" runs redis without a password` : `service "${service.name}" asks for a password here`);
      for (const connection of clientConnections(context.project, service, REDIS_NAMING)) {
        reportConnection(context, connection, {
          server: service,
          product: 'redis',
          passwords,
          requires: noAuth ? 'none' : 'password',
          noneWhy: 'asks for none (no requirepass, no ACL password): redis answers its AUTH with an error, and anyone who reaches the server gets in without one; set requirepass from the same secret file or variable',
          refused: 'redis answers every command with NOAUTH',
          related: where,
        });
      }
    },
  }),
});
