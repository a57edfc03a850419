import { isolationRule } from '../_shared/isolation-rule.js';

export default isolationRule({
  meta: {
    id: 'compose/no-host-uts',
    description: "No service shares the host's UTS namespace, its hostname (uts: host)",
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 3.0,
    references: {
      cis: ['5.21'],
      cwe: ['CWE-653'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#uts'],
    },
  },
  key: 'uts',
  consequence: "it sees the host's hostname, and with CAP_SYS_ADMIN can change it for the whole host",
});
