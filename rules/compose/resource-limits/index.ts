import { defineRule, isUnlimited } from '../../../src/engine/api.js';
import { EXEMPT_SERVICES_OPTIONS, isExempt } from '../_shared/exempt-services.js';

export default defineRule({
  meta: {
    id: 'compose/resource-limits',
    description: 'Every service has a memory limit and a CPU limit, and neither is switched off with 0 or -1',
    severity: 'error',
    environments: { prod: 'error', dev: 'off', test: 'off' },
    tags: ['security', 'reliability'],
    reportsAbsence: true,
    securitySeverity: 5.0,
    references: {
      cis: ['5.11', '5.12'],
      kics: ['bb9ac4f7-e13b-423d-a010-c74a1bfbe492', '6b610c50-99fb-4ef0-a5f3-e312fd945bc3'],
      cwe: ['CWE-770'],
    },
    options: EXEMPT_SERVICES_OPTIONS,
  },
  create: (context) => ({
    service(service) {
      if (isExempt(context, service)) return;
      const { memory, cpus, cpuQuota, keys } = service.limits;
      // `cpus` and `cpu_quota` both cap CPU time; `cpu_shares` only weighs services against each other.
      const cpu = cpus ?? cpuQuota;
      const cpuKey = cpus ? keys.cpus : keys.cpuQuota;
      const name = service.name;
      if (!memory && !cpu) context.report({ at: service.key, message: `service "${name}" has no memory or CPU limit` });
      else if (!memory) context.report({ at: service.key, message: `service "${name}" has no memory limit` });
      else if (!cpu) context.report({ at: service.key, message: `service "${name}" has no CPU limit` });
      if (memory && isUnlimited(memory)) {
        context.report({ at: memory, message: `service "${name}" sets "${keys.memory}: ${memory.value.trim()}", which means no memory limit` });
      }
      if (cpu && isUnlimited(cpu)) {
        context.report({ at: cpu, message: `service "${name}" sets "${cpuKey}: ${cpu.value.trim()}", which means no CPU limit` });
      }
    },
  }),
});
