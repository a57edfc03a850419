import { defineRule, ensureListItem, fixWith, noNewPrivilegesOf, setScalar, type FixSources, type SecurityOpt, type Service } from '../../../src/engine/api.js';

const SETTING = 'no-new-privileges:true';

/** The item rewritten as "no-new-privileges:true", in its quoting. */
const rewrite = (service: Service, opt: SecurityOpt) => (sources: FixSources) =>
  fixWith(`set "${SETTING}" in security_opt of service "${service.name}"`, setScalar(opt.item.node, SETTING, sources));

export default defineRule({
  meta: {
    id: 'compose/no-new-privileges',
    description: 'Every service sets no-new-privileges in security_opt, so no process can gain privileges through setuid binaries',
    severity: 'error',
    environments: { prod: 'error', dev: 'warning', test: 'warning' },
    tags: ['security'],
    reportsAbsence: true,
    fixable: 'fix',
    securitySeverity: 5.0,
    references: {
      cis: ['5.26'],
      kics: ['27fcc7d6-c49b-46e0-98f1-6c082a6a2750'],
      semgrep: ['yaml.docker-compose.security.no-new-privileges.no-new-privileges'],
      cwe: ['CWE-269'],
    },
  },
  create: (context) => ({
    service(service) {
      // Docker reads the items in order: the last one that names no-new-privileges decides.
      let decidedBy: SecurityOpt | undefined;
      let refused = false;
      for (const opt of service.securityOpt) {
        const setting = noNewPrivilegesOf(opt);
        if (setting === 'invalid') {
          refused = true;
          context.report({
            at: opt.value!,
            message: `security_opt of service "${service.name}" gives no-new-privileges the value "${opt.value!.value}", which Docker refuses; write "no-new-privileges:true"`,
            fix: rewrite(service, opt),
          });
        } else if (setting !== undefined) decidedBy = opt;
      }
      if (refused) return;
      if (!decidedBy) {
        context.report({
          at: service.key,
          message: `service "${service.name}" does not set no-new-privileges; a setuid binary can still raise a process's privileges (add "no-new-privileges:true" to security_opt)`,
          fix: (sources) => fixWith(`add "${SETTING}" to security_opt of service "${service.name}"`, ensureListItem(service.node, 'security_opt', SETTING, sources)),
        });
      } else if (noNewPrivilegesOf(decidedBy) === false) {
        context.report({
          at: decidedBy.value!,
          message: `security_opt of service "${service.name}" turns no-new-privileges off; a setuid binary can raise a process's privileges`,
          fix: rewrite(service, decidedBy),
        });
      }
    },
  }),
});
