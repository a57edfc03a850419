import { isolationRule } from '../_shared/isolation-rule.js';

export default isolationRule({
  meta: {
    id: 'compose/no-host-network',
    description: "No service uses the host's network namespace (network_mode: host)",
    severity: 'error',
    tags: ['security'],
    securitySeverity: 7.5,
    references: {
      cis: ['5.10'],
      kics: ['071a71ff-f868-47a4-ac0b-3c59e4ab5443'],
      cwe: ['CWE-653'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#network_mode', 'https://nvd.nist.gov/vuln/detail/CVE-2020-15257'],
    },
  },
  key: 'network_mode',
  consequence: `it shares the host's network stack: whatever it listens on is open on the host's interfaces, past "ports:" and any proxy, and it reaches services bound to the host's localhost`,
});
