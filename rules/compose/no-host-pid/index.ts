import { isolationRule } from '../_shared/isolation-rule.js';

export default isolationRule({
  meta: {
    id: 'compose/no-host-pid',
    description: "No service shares the host's PID namespace (pid: host)",
    severity: 'error',
    tags: ['security'],
    securitySeverity: 7.0,
    references: {
      cis: ['5.16'],
      kics: ['4f31dd9f-2cc3-4751-9b53-67e4af83dac0'],
      cwe: ['CWE-653'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#pid'],
    },
  },
  key: 'pid',
  consequence: "it sees every process of the host and of the other containers, with their command lines, and as root can signal the other containers' processes",
});
