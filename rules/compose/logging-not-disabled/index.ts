import { defineRule } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/logging-not-disabled',
    description: 'No service throws its output away with the none logging driver',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security', 'reliability'],
    securitySeverity: 3.0,
    references: {
      cwe: ['CWE-778'],
      urls: ['https://docs.docker.com/engine/logging/configure/'],
    },
  },
  create: (context) => ({
    service(service) {
      const driver = service.text(['logging', 'driver']);
      if (driver?.value.trim().toLowerCase() !== 'none') return;
      context.report({
        at: driver,
        message: `service "${service.name}" logs with the "none" driver: the engine discards what it writes to stdout and stderr, so "docker compose logs" shows nothing and no log shipper receives it`,
      });
    },
  }),
});
