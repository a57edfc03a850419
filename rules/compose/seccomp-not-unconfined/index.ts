import { defineRule } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/seccomp-not-unconfined',
    description: 'No service turns seccomp off with "seccomp:unconfined" in security_opt',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 7.0,
    references: {
      cis: ['5.22'],
      kics: ['404fde2c-bc4b-4371-9747-7054132ac953'],
      semgrep: ['yaml.docker-compose.security.seccomp-confinement-disabled.seccomp-confinement-disabled'],
      cwe: ['CWE-693'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const opt of service.securityOpt) {
        if (opt.name.value !== 'seccomp' || opt.value?.value !== 'unconfined') continue;
        context.report({
          at: opt.item,
          message: `security_opt of service "${service.name}" turns seccomp off ("${opt.item.value}"); the container may make every system call the default profile blocks`,
        });
      }
    },
  }),
});
