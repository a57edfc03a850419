import { isolationRule } from '../_shared/isolation-rule.js';

export default isolationRule({
  meta: {
    id: 'compose/no-host-userns',
    description: 'No service opts out of user-namespace remapping (userns_mode: host)',
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 5.0,
    references: {
      cis: ['5.31'],
      kics: ['8af7162d-6c98-482f-868e-0d33fb675ca8'],
      cwe: ['CWE-653'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#userns_mode', 'https://docs.docker.com/engine/security/userns-remap/'],
    },
  },
  key: 'userns_mode',
  consequence: "it opts out of the daemon's user-namespace remapping, so root in the container is root on the host",
});
