import { configFileStart, configOwner, defineRule, officialPostgresImage, pgBool, postgresSettings, type ServiceConfigFiles } from '../../../src/engine/api.js';

/**
 * Whether a `log_connections` value logs connections: a boolean `on`, or (PostgreSQL 18) a list of
 * aspects that names one of `receipt`, `authentication`, `authorization` or `all`.
 */
function logsConnections(value: string): boolean {
  const asBool = pgBool(value.trim());
  if (asBool !== undefined) return asBool;
  return value.split(',').some((aspect) => ['receipt', 'authentication', 'authorization', 'all'].includes(aspect.trim().toLowerCase()));
}

/** What a `log_line_prefix` must name, and the escapes that name it. */
const PREFIX_PARTS: readonly { what: string; escapes: readonly string[] }[] = [
  { what: 'the user (%u)', escapes: ['%u'] },
  { what: 'the database (%d)', escapes: ['%d'] },
  { what: 'the client host (%h or %r)', escapes: ['%h', '%r'] },
];

/** The parts a prefix lacks; `%%` is a literal percent sign, not an escape. */
function prefixLacks(prefix: string): string[] {
  const escapes = new Set(prefix.match(/%[%a-zA-Z]/g) ?? []);
  return PREFIX_PARTS.filter((part) => !part.escapes.some((e) => escapes.has(e))).map((part) => part.what);
}

/** Where the settings the service lacks would come from, in words. */
function source(configs: ServiceConfigFiles, imageConfig: boolean): string {
  if (configs.standalone) return 'sets';
  if (imageConfig) return configs.setup.args.length > 0 ? 'runs postgres with the image\'s postgresql.conf, and its command line sets' : 'runs postgres with the image\'s postgresql.conf, which sets';
  return configs.setup.args.length > 0 ? 'sets, in its postgresql.conf and command line,' : 'sets in its postgresql.conf';
}

/** `a`, `a or b`, `a, b or c`. */
function either(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? '');
}

/** What the defaults of the missing settings cost, and how to set them. */
const MISSING: Readonly<Record<string, { effect: string; fix: string }>> = {
  log_connections: { effect: 'connections are not logged', fix: 'log_connections = on' },
  log_disconnections: { effect: 'session ends are not logged', fix: 'log_disconnections = on' },
  log_line_prefix: { effect: 'log lines name no user, database or client (the default prefix is \'%m [%p] \')', fix: 'log_line_prefix = \'%m [%p] %q%u@%d from %h \'' },
};

const WHY = 'who connected, from where, to which database, cannot be traced afterwards';

export default defineRule({
  meta: {
    id: 'postgres/logging',
    description: 'A production postgres logs connections with user, database and client host, on stderr for docker',
    severity: 'info',
    environments: { prod: 'info', dev: 'off', test: 'off' },
    tags: ['security', 'postgres', 'logging'],
    securitySeverity: 3.0,
    references: {
      cwe: ['CWE-778'],
      urls: ['https://www.postgresql.org/docs/current/runtime-config-logging.html', 'https://hub.docker.com/_/postgres', 'https://docs.docker.com/engine/logging/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = postgresSettings(configs);
      if (!settings) return;
      const unread = configs.unread.find((u) => u.entry.kind === 'postgresql');
      // A postgresql.conf of the deploy host may set anything; another image writes its own.
      if (unread && unread.reason !== 'image') return;
      const service = configs.setup.service;
      const imageConfig = unread !== undefined;
      if (imageConfig && (!service || !officialPostgresImage(service))) return;
      const owner = configOwner(configs);
      const missing: string[] = [];

      for (const name of ['log_connections', 'log_disconnections']) {
        const entry = settings.last(name);
        if (!entry) missing.push(name);
        else if (!logsConnections(entry.value.value)) {
          const what = name === 'log_connections' ? 'new connections' : 'ended sessions';
          context.report({ at: entry.value, message: `${name} is off${owner.in}: ${what} are not logged, so ${WHY}; set ${name} = on` });
        }
      }
      const prefix = settings.last('log_line_prefix');
      if (!prefix) missing.push('log_line_prefix');
      // On the command line a prefix with blanks reaches the model cut at the first blank (commands are split to see through `sh -c`): not judged.
      else if (!configs.setup.args.some((arg) => arg.origin.file === prefix.value.origin.file)) {
        const lacks = prefixLacks(prefix.value.value);
        if (lacks.length > 0) {
          context.report({ at: prefix.value, message: `log_line_prefix${owner.in} does not name ${lacks.join(', ')}, so a logged statement or error cannot be tied to ${lacks.length > 1 ? 'them' : 'it'}; add ${lacks.map((l) => l.slice(l.indexOf('(') + 1, -1)).join(', ')}` });
        }
      }
      const collector = settings.last('logging_collector');
      if (collector && pgBool(collector.value.value) === true) {
        context.report({
          at: collector.value,
          message: `logging_collector is on${owner.in}: postgres writes its log to files under log_directory (in the data directory by default) instead of stderr, so docker logs and the logging driver see nothing after startup and the files grow in the data volume; leave it off in a container`,
        });
      }

      if (missing.length === 0) return;
      context.report({
        at: owner.at,
        message: `${owner.label} ${source(configs, imageConfig)} no ${either(missing)}: ${missing.map((m) => MISSING[m]!.effect).join(', ')}, so ${WHY}; set ${missing.map((m) => MISSING[m]!.fix).join(', ')}`,
        related: configFileStart(configs, configs.postgresql?.file, 'the config file does not set them'),
      });
    },
  }),
});
