import { defineRule, jobsOf } from '../../../src/engine/api.js';
import { EXEMPT_SERVICES_OPTIONS, isExempt } from '../_shared/exempt-services.js';

export default defineRule({
  meta: {
    id: 'compose/healthcheck',
    description: 'Every service has a healthcheck, and it is not switched off',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['reliability'],
    reportsAbsence: true,
    references: {
      cis: ['5.27'],
      kics: ['698ed579-b239-4f8f-a388-baa4bcb13ef8'],
    },
    options: EXEMPT_SERVICES_OPTIONS,
  },
  create: (context) => {
    /** One-shot services (a migration others wait for to complete) exit by design: health does not apply. */
    let jobs = new Set<string>();
    return {
      project(project) {
        jobs = jobsOf(project);
      },
      service(service) {
        if (jobs.has(service.name) || isExempt(context, service)) return;
        const healthcheck = service.healthcheck;
        if (!healthcheck) {
          context.report({ at: service.key, message: `service "${service.name}" has no healthcheck` });
        } else if (healthcheck.disabledBy) {
          context.report({ at: healthcheck.disabledBy, message: `the healthcheck of service "${service.name}" is disabled` });
        }
      },
    };
  },
});
