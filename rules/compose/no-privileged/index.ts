import { defineRule, Text } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/no-privileged',
    description: 'No service, and no post_start or pre_stop hook, runs privileged',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 9.0,
    references: {
      cis: ['5.5'],
      kics: ['ae5b6871-7f45-42e0-bb4c-ab300c4d2026'],
      semgrep: ['yaml.docker-compose.security.privileged-service.privileged-service'],
      cwe: ['CWE-250'],
    },
  },
  create: (context) => ({
    service(service) {
      if (service.privileged) {
        context.report({
          at: Text.of(service.privileged),
          message: `service "${service.name}" sets "privileged: true": the container gets every capability and host device, without seccomp or AppArmor confinement`,
        });
      }
      for (const hook of service.hooks) {
        if (!hook.privileged) continue;
        context.report({
          at: Text.of(hook.privileged),
          message: `a ${hook.event} hook of service "${service.name}" sets "privileged: true": its command runs with every capability`,
        });
      }
    },
  }),
});
