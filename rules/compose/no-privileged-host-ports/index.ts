import { defineRule, describePort, FIRST_UNPRIVILEGED_PORT, hostPortsOf, isIngress, publishedPortsOf } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'compose/no-privileged-host-ports',
    description: 'Services other than the ingress publish no privileged host port (below 1024)',
    severity: 'warning',
    // In prod compose/ingress-only-ports reports every port such a service publishes, privileged or not.
    environments: { prod: 'off' },
    tags: ['security', 'networking'],
    securitySeverity: 4.0,
    references: {
      cis: ['5.8'],
      kics: ['bc2908f3-f73c-40a9-8793-c1b7d5544f79'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#ports'],
    },
  },
  create: (context) => ({
    service(service) {
      if (isIngress(service, context.project.policy.ingress)) return;
      for (const port of publishedPortsOf(service)) {
        const host = hostPortsOf(port);
        if (!host || host.first >= FIRST_UNPRIVILEGED_PORT) continue;
        const which = host.first === host.last ? `host port ${host.first} is` : `host ports ${host.text.value.trim()} include ports`;
        context.report({
          at: host.text,
          message: `service "${service.name}" publishes ${describePort(port)}: ${which} below ${FIRST_UNPRIVILEGED_PORT}, privileged on the host; publish a host port of ${FIRST_UNPRIVILEGED_PORT} or above and leave the low ports to the ingress`,
        });
      }
    },
  }),
});
