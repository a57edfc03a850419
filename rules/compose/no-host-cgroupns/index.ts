import { isolationRule } from '../_shared/isolation-rule.js';

export default isolationRule({
  meta: {
    id: 'compose/no-host-cgroupns',
    description: "No service shares the host's cgroup namespace (cgroup: host)",
    severity: 'warning',
    tags: ['security'],
    securitySeverity: 4.0,
    references: {
      cwe: ['CWE-653'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#cgroup'],
    },
  },
  key: 'cgroup',
  consequence: "it sees the host's whole cgroup tree, with the cgroups of the other containers, instead of only its own",
});
