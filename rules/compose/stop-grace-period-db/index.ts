import { baseName, commandWords, dataStoreOf, defineRule, durationOf, type Service } from '../../../src/engine/api.js';

/** Seconds a data store gets to shut down by default: flush, checkpoint, write its snapshot. */
const MINIMUM = 30;
/** Docker's own wait between SIGTERM and SIGKILL when `stop_grace_period` is not set. */
const DEFAULT = 10;
/** Engines with nothing to write at shutdown: a memcached cache lives in memory only. */
const NOTHING_TO_FLUSH = new Set(['memcached']);

/**
 * Programs that make a data store's image run something other than the store: a backup job
 * (`mysqldump` in a loop) or a Sentinel that watches Redis servers elsewhere.
 */
const NOT_THE_STORE = new Set(['mysqldump', 'mariadb-dump', 'pg_dump', 'pg_dumpall', 'mongodump', 'redis-sentinel', 'valkey-sentinel']);

function runsSomethingElse(service: Service): boolean {
  return [service.entrypoint, service.command].some((command) =>
    commandWords(command).some((word) => NOT_THE_STORE.has(baseName(word.value))),
  );
}

const CONSEQUENCE = 'a shutdown that takes longer (a checkpoint, a buffer flush, a snapshot) is cut short by SIGKILL, and the next start has to recover';

export default defineRule({
  meta: {
    id: 'compose/stop-grace-period-db',
    description: 'In prod, a data store has a stop_grace_period of at least 30s to shut down cleanly',
    severity: 'info',
    environments: { prod: 'info', dev: 'off', test: 'off' },
    tags: ['reliability'],
    reportsAbsence: true,
    references: {
      urls: [
        'https://docs.docker.com/reference/compose-file/services/#stop_grace_period',
        'https://www.postgresql.org/docs/current/server-shutdown.html',
      ],
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          minimumSeconds: {
            type: 'integer',
            minimum: 1,
            description: 'The stop_grace_period, in seconds, a data store needs at least (a large database may need minutes to checkpoint).',
          },
        },
      },
      defaults: { minimumSeconds: MINIMUM },
    },
  },
  create: (context) => ({
    service(service) {
      const minimum = context.options.minimumSeconds as number;
      const store = dataStoreOf(service);
      if (!store || NOTHING_TO_FLUSH.has(store.engine) || runsSomethingElse(service)) return;
      const what = `service "${service.name}" (${store.product})`;
      const period = service.text('stop_grace_period');
      if (!period) {
        context.report({ at: service.key, message: `${what} has no "stop_grace_period", so Docker waits only ${DEFAULT}s after asking it to stop before it kills it; ${CONSEQUENCE} (set "stop_grace_period: ${minimum}s" or more)` });
        return;
      }
      const seconds = durationOf(period);
      if (seconds === undefined || seconds >= minimum) return;
      context.report({ at: period, message: `${what} sets "stop_grace_period: ${period.value.trim()}", less than ${minimum}s; ${CONSEQUENCE}` });
    },
  }),
});
