import { isolationRule } from '../_shared/isolation-rule.js';

export default isolationRule({
  meta: {
    id: 'compose/no-host-ipc',
    description: "No service shares the host's IPC namespace (ipc: host)",
    severity: 'error',
    tags: ['security'],
    securitySeverity: 6.0,
    references: {
      cis: ['5.17'],
      kics: ['baa3890f-bed7-46f5-ab8f-1da8fc91c729'],
      cwe: ['CWE-653'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#ipc'],
    },
  },
  key: 'ipc',
  consequence: "it shares the host's /dev/shm and System V IPC objects, so it can reach the shared memory of processes outside the container",
});
