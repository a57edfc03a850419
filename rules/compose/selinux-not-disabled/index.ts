import { defineRule } from '../../../src/engine/api.js';

/** `label` values that leave the container without SELinux separation: labeling off, or an unconfined process type. */
const UNCONFINED: ReadonlyMap<string, string> = new Map([
  ['disable', 'turns SELinux labeling off'],
  ['type:spc_t', 'runs the container as spc_t, the unconfined "super privileged container" type'],
  ['type:unconfined_t', 'runs the container as unconfined_t'],
]);

export default defineRule({
  meta: {
    id: 'compose/selinux-not-disabled',
    description: 'No service turns SELinux separation off with "label:disable" (or an unconfined label type) in security_opt',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 6.5,
    references: {
      cis: ['5.3'],
      semgrep: ['yaml.docker-compose.security.selinux-separation-disabled.selinux-separation-disabled'],
      cwe: ['CWE-693'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const opt of service.securityOpt) {
        const what = opt.name.value === 'label' && opt.value ? UNCONFINED.get(opt.value.value) : undefined;
        if (!what) continue;
        context.report({
          at: opt.item,
          message: `security_opt of service "${service.name}" ${what} ("${opt.item.value}"); on an SELinux host the container is no longer kept apart from the host and the other containers`,
        });
      }
    },
  }),
});
