import { defineRule, sensitiveMountOf } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/no-sensitive-host-mount-ro',
    description: 'No service bind-mounts a sensitive host path (/, /etc, /proc, /sys, /root, /var/lib/docker, …), even read-only',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 5.5,
    references: {
      cis: ['5.6'],
      kics: ['1c1325ff-831d-43a1-973e-839ae57dfcc0'],
      cwe: ['CWE-200'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const volume of service.volumes) {
        const sensitive = sensitiveMountOf(volume);
        if (!sensitive || !volume.readOnly || !volume.source) continue;
        const under = volume.hostPath === sensitive.path ? '' : ` (under ${sensitive.path})`;
        context.report({
          at: volume.source,
          message: `service "${service.name}" bind-mounts "${volume.source.value}"${under} read-only in volumes: the container can read ${sensitive.why}`,
        });
      }
    },
  }),
});
