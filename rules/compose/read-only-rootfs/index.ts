import { defineRule, isTrue, Text } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/read-only-rootfs',
    description: 'Every service runs with a read-only root filesystem (read_only: true), writing only to volumes and tmpfs',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['security'],
    reportsAbsence: true,
    securitySeverity: 4.0,
    references: {
      cis: ['5.13'],
      semgrep: ['yaml.docker-compose.security.writable-filesystem-service.writable-filesystem-service'],
      cwe: ['CWE-732'],
    },
  },
  create: (context) => ({
    service(service) {
      if (isTrue(service.get('read_only'))) return;
      const value = service.get('read_only');
      if (value === undefined) {
        context.report({ at: service.key, message: `service "${service.name}" has no read_only; its container can change its own programs (add "read_only: true")` });
        return;
      }
      const written = value.kind === 'scalar' ? Text.of(value) : undefined;
      context.report({
        at: written ?? value,
        message: `read_only of service "${service.name}" is ${written && written.value !== '' ? `"${written.value}"` : 'not true'}; its container can change its own programs`,
      });
    },
  }),
});
