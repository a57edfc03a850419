import { capabilityName, defineRule } from '../../../src/engine/api.js';

/**
 * Capabilities that reach past the container into the host kernel or the host itself, with what
 * each lets a process do. Docker's default set (CHOWN, NET_BIND_SERVICE, SETUID…) is not here:
 * giving one of those back after `cap_drop: [ALL]` is the normal way to harden a service.
 */
const DANGEROUS: ReadonlyMap<string, string> = new Map([
  ['ALL', 'every capability, next to privileged'],
  ['SYS_ADMIN', 'mount file systems and create namespaces, the usual way out of a container'],
  ['SYS_MODULE', 'load modules into the host kernel'],
  ['SYS_RAWIO', 'raw access to host memory and I/O ports'],
  ['SYS_PTRACE', 'trace other processes and inject code into them'],
  ['DAC_READ_SEARCH', 'open host files by handle, past the container\'s mounts'],
  ['NET_ADMIN', 'reconfigure interfaces, routes and firewall rules'],
  ['SYS_BOOT', 'reboot and load a new kernel'],
  ['SYS_TIME', 'set the host\'s clock'],
  ['MAC_ADMIN', 'change the AppArmor or SELinux policy'],
  ['MAC_OVERRIDE', 'bypass the AppArmor or SELinux policy'],
  ['BPF', 'load BPF programs into the host kernel'],
  ['PERFMON', 'watch the host kernel with perf and BPF'],
  ['SYSLOG', 'read the host kernel log and kernel addresses'],
  ['AUDIT_CONTROL', 'change or switch off the host\'s audit rules'],
]);

export default defineRule({
  meta: {
    id: 'compose/cap-add-restricted',
    description: 'No service adds, with cap_add, a capability that reaches the host (ALL, SYS_ADMIN, SYS_MODULE, NET_ADMIN…)',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 8.0,
    references: {
      cis: ['5.4'],
      kics: ['ce76b7d0-9e77-464d-b86f-c5c48e03e22d'],
      cwe: ['CWE-250'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const capability of service.capAdd) {
        const name = capabilityName(capability);
        const power = DANGEROUS.get(name);
        if (!power) continue;
        context.report({ at: capability, message: `cap_add of service "${service.name}" adds ${name}: ${power}` });
      }
    },
  }),
});
