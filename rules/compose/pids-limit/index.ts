import { defineRule, isUnlimited } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/pids-limit',
    description: 'Every service has a PIDs limit (pids_limit or deploy.resources.limits.pids) that is not 0 or -1',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['security', 'reliability'],
    reportsAbsence: true,
    securitySeverity: 4.0,
    references: {
      cis: ['5.29'],
      kics: ['221e0658-cb2a-44e3-b08a-db96a341d6fa'],
      cwe: ['CWE-770'],
    },
  },
  create: (context) => ({
    service(service) {
      const { pids, keys } = service.limits;
      if (!pids) {
        context.report({ at: service.key, message: `service "${service.name}" has no PIDs limit (set pids_limit or deploy.resources.limits.pids)` });
      } else if (isUnlimited(pids)) {
        context.report({ at: pids, message: `service "${service.name}" sets "${keys.pids}: ${pids.value.trim()}", which means no PIDs limit` });
      }
    },
  }),
});
