import { defineRule, dependenciesOf, type Service } from '../../../src/engine/api.js';

/**
 * True when the service's container surely has no healthcheck without one in the compose file: it
 * runs a Docker official image (`postgres`, `redis`, `nginx`), and official images ship no HEALTHCHECK
 * by policy. Any other image, or one built here, may define its own.
 */
function noImageHealthcheck(service: Service): boolean {
  const image = service.imageReference;
  return service.get('build') === undefined && image !== undefined && image.registry === undefined && image.path !== '' && !image.path.includes('/');
}

export default defineRule({
  meta: {
    id: 'compose/healthy-needs-healthcheck',
    description: 'A depends_on entry with condition: service_healthy waits for a service that has a healthcheck',
    severity: 'error',
    tags: ['reliability'],
    references: { urls: ['https://docs.docker.com/compose/how-tos/startup-order/', 'https://docs.docker.com/reference/compose-file/services/#healthcheck'] },
  },
  create: (context) => ({
    service(service) {
      for (const dependency of dependenciesOf(service)) {
        const condition = dependency.condition;
        // An optional dependency (`required: false`) that never gets healthy only makes Compose warn.
        if (condition?.value !== 'service_healthy' || !dependency.required) continue;
        const name = dependency.name.value;
        const target = context.project.service(name);
        if (!target) continue;
        const healthcheck = target.healthcheck;
        if (healthcheck ? !healthcheck.disabledBy : !noImageHealthcheck(target)) continue;
        const why = healthcheck ? `the healthcheck of "${name}" is disabled` : `"${name}" has no healthcheck (and its official image "${target.image?.value.trim()}" defines none)`;
        const there = (healthcheck?.disabledBy ?? target.key).origin;
        context.report({
          at: condition,
          message: `service "${service.name}" waits for "${name}" to be healthy, but ${why}; Compose fails to start "${service.name}"`,
          related: [{ message: healthcheck ? `the healthcheck of "${name}" is disabled here` : `service "${name}"`, file: there.file, range: there.range }],
        });
      }
    },
  }),
});
