import { defineRule, ensureMapEntry, fixWith, isMap, jobsOf, setScalar, type FixSources, type Service, type Text } from '../../../src/engine/api.js';

/** A service that serves others while it runs: it publishes or exposes a port, or has a healthcheck. */
function serves(service: Service): boolean {
  const healthcheck = service.healthcheck;
  return service.ports.length > 0 || service.list('expose').length > 0 || (healthcheck !== undefined && !healthcheck.disabledBy);
}

const STAYS_DOWN = 'it stays down after a crash or a reboot of the host';

/** What a serving service is set to in place of "never": Compose's `unless-stopped`, swarm's `any`. */
const RESTARTS: Record<string, string> = { restart: 'unless-stopped', 'deploy.restart_policy.condition': 'any' };

/** The value set to what restarts the service. */
const restarts = (service: Service, value: Text, key: string) => (sources: FixSources) =>
  fixWith(`set ${key} of service "${service.name}" to "${RESTARTS[key]}"`, setScalar(value.node, RESTARTS[key]!, sources));

export default defineRule({
  meta: {
    id: 'compose/restart-policy',
    description: 'Every long-running service has a restart policy, and a service that serves is not set to never restart',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['reliability'],
    reportsAbsence: true,
    fixable: 'fix',
    references: {
      cis: ['5.15'],
      kics: ['2fc99041-ddad-49d5-853f-e35e70a48391'],
    },
  },
  create: (context) => {
    let jobs = new Set<string>();
    /** Reports an explicit "never restart" on a service that serves; a one-shot task may say so. */
    const never = (service: Service, value: Text, key: string) => {
      if (serves(service)) context.report({ at: value, message: `service "${service.name}" sets "${key}: ${value.value.trim()}" but serves on a port or has a healthcheck; ${STAYS_DOWN}`, fix: restarts(service, value, key) });
    };
    return {
      project(project) {
        jobs = jobsOf(project);
      },
      service(service) {
        if (jobs.has(service.name)) return;
        const restart = service.text('restart');
        const policy = service.get(['deploy', 'restart_policy']);
        if (!restart && !isMap(policy)) {
          context.report({
            at: service.key,
            message: `service "${service.name}" has no restart policy; ${STAYS_DOWN} (set "restart: unless-stopped", or "no" for a one-shot task)`,
            fix: (sources) => fixWith(`add "restart: unless-stopped" to service "${service.name}"`, ensureMapEntry(service.node, 'restart', 'unless-stopped', sources)),
          });
          return;
        }
        // An empty value from an unset variable is decided at deploy time.
        if (restart?.value.trim() === 'no') never(service, restart, 'restart');
        // Compose reads `restart:` and swarm reads `deploy.restart_policy`: each is judged on its own.
        const condition = service.text(['deploy', 'restart_policy', 'condition']);
        if (condition?.value.trim() === 'none') never(service, condition, 'deploy.restart_policy.condition');
      },
    };
  },
});
