import { defineRule, dependenciesOf } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/depends-on-healthy',
    description: 'A depends_on entry whose target has a healthcheck waits for it with condition: service_healthy',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['reliability'],
    references: { urls: ['https://docs.docker.com/compose/how-tos/startup-order/', 'https://docs.docker.com/reference/compose-file/services/#depends_on'] },
  },
  create: (context) => ({
    service(service) {
      for (const dependency of dependenciesOf(service)) {
        const target = context.project.service(dependency.name.value);
        const healthcheck = target?.healthcheck;
        if (!healthcheck || healthcheck.disabledBy) continue;
        const condition = dependency.condition?.value ?? 'service_started';
        if (condition !== 'service_started') continue;
        const how = dependency.condition ? 'with condition: service_started' : 'without a condition';
        context.report({
          at: dependency.condition ?? dependency.name,
          message: `service "${service.name}" depends on "${dependency.name.value}" ${how}, so it starts before the healthcheck of "${dependency.name.value}" passes (use condition: service_healthy)`,
        });
      }
    },
  }),
});
