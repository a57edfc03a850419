import { defineRule, isUnlimited, Text } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/oom-kill-disable-without-limit',
    description: 'A service that switches the OOM killer off with oom_kill_disable has a memory limit',
    severity: 'error',
    tags: ['security', 'reliability'],
    reportsAbsence: true,
    securitySeverity: 5.5,
    references: {
      cis: ['5.11'],
      cwe: ['CWE-770'],
      urls: ['https://docs.docker.com/engine/containers/resource_constraints/'],
    },
  },
  create: (context) => ({
    service(service) {
      const flag = service.oomKillDisable;
      if (!flag) return;
      const disabled = Text.of(flag);
      const { memory, keys } = service.limits;
      const what = `service "${service.name}" sets "oom_kill_disable: true"`;
      if (!memory) {
        context.report({ at: disabled, message: `${what} without a memory limit; when memory runs out the kernel kills processes outside the container` });
      } else if (isUnlimited(memory)) {
        const { file, range } = memory.origin;
        context.report({
          at: disabled,
          message: `${what} and "${keys.memory}: ${memory.value.trim()}", which means no memory limit; when memory runs out the kernel kills processes outside the container`,
          related: [{ message: 'this memory limit is switched off', file, range }],
        });
      }
    },
  }),
});
