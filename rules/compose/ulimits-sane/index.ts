import { amountOf, defineRule, isUnlimited, type Text } from '../../../src/engine/api.js';

/** A ulimit of -1 (any negative value) is RLIM_INFINITY: no limit at all. */
const unlimited = (value: Text | undefined): value is Text => value !== undefined && (amountOf(value) ?? 0) < 0;

export default defineRule({
  meta: {
    id: 'compose/ulimits-sane',
    description: 'No ulimit is set to unlimited (-1), unless memlock under a memory limit, and no soft limit exceeds its hard limit',
    severity: 'info',
    environments: { prod: 'info', dev: 'off', test: 'off' },
    tags: ['security', 'reliability'],
    securitySeverity: 3.0,
    references: {
      cis: ['5.19'],
      cwe: ['CWE-770'],
    },
  },
  create: (context) => ({
    service(service) {
      const memory = service.limits.memory;
      // Locked memory is charged to the container's memory cgroup: a memory limit bounds it.
      const memoryBounded = memory !== undefined && !isUnlimited(memory);
      for (const { name, soft, hard } of service.ulimits) {
        const infinite = unlimited(soft) ? soft : unlimited(hard) ? hard : undefined;
        if (infinite) {
          if (name === 'memlock' && memoryBounded) continue;
          const why = name === 'memlock' ? ', and has no memory limit; the container may lock all of the host\'s memory' : '';
          context.report({ at: infinite, message: `service "${service.name}" sets ulimit ${name} to ${infinite.value.trim()}, which means unlimited${why}` });
          continue;
        }
        const softValue = soft ? amountOf(soft) : undefined;
        const hardValue = hard ? amountOf(hard) : undefined;
        if (soft && softValue !== undefined && hardValue !== undefined && softValue > hardValue) {
          context.report({ at: soft, message: `service "${service.name}" sets ulimit ${name} with a soft limit above its hard limit; the container does not start` });
        }
      }
    },
  }),
});
