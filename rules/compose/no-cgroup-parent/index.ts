import { isolationRule } from '../_shared/isolation-rule.js';

export default isolationRule({
  meta: {
    id: 'compose/no-cgroup-parent',
    description: 'No service moves its container under a parent cgroup of its own choosing (cgroup_parent)',
    severity: 'info',
    tags: ['security'],
    securitySeverity: 2.0,
    references: {
      cis: ['5.25'],
      kics: ['4d9f44c6-2f4a-4317-9bb5-267adbea0232'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#cgroup_parent'],
    },
  },
  key: 'cgroup_parent',
  consequence: 'its container runs under that cgroup instead of the one Docker manages, so the limits and accounting set up for containers may not cover it',
});
