import { defineRule } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/apparmor-not-unconfined',
    description: 'No service turns AppArmor off with "apparmor:unconfined" in security_opt',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 6.5,
    references: {
      cis: ['5.2'],
      cwe: ['CWE-693'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const opt of service.securityOpt) {
        if (opt.name.value !== 'apparmor' || opt.value?.value !== 'unconfined') continue;
        context.report({
          at: opt.item,
          message: `security_opt of service "${service.name}" turns AppArmor off ("${opt.item.value}"); the container runs without the profile that keeps it away from /proc, /sys and mounts`,
        });
      }
    },
  }),
});
