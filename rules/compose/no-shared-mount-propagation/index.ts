import { defineRule } from '../../../src/engine/api.js';

/** Propagation modes that send the container's mounts back to the host. */
const SHARED = new Set(['shared', 'rshared']);

export default defineRule({
  meta: {
    id: 'compose/no-shared-mount-propagation',
    description: 'No bind mount uses shared mount propagation (shared or rshared)',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 5.0,
    references: {
      cis: ['5.20'],
      kics: ['baa452f0-1f21-4a25-ace5-844e7a5f410d'],
      cwe: ['CWE-668'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const volume of service.volumes) {
        const mode = volume.propagation;
        if (!mode || !SHARED.has(mode.value.trim().toLowerCase())) continue;
        const where = volume.syntax === 'long' ? 'bind.propagation' : 'volumes';
        context.report({
          at: mode,
          message: `service "${service.name}" mounts "${volume.source?.value ?? volume.target?.value ?? ''}" with ${mode.value.trim()} propagation in ${where}: mounts made in the container appear on the host`,
        });
      }
    },
  }),
});
