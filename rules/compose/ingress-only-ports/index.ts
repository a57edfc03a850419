import { defineRule, describePort, isIngress, scalarString, type Port, type Target } from '../../../src/engine/api.js';

/** One line of the file: the short syntax's item; the long syntax's `published` value, else its `target`. */
function placeOf(port: Port): Target {
  return port.syntax === 'long' ? (port.published?.node ?? port.target?.node ?? port.item) : port.item;
}

export default defineRule({
  meta: {
    id: 'compose/ingress-only-ports',
    description: 'In prod only the ingress service publishes ports; every other service uses expose or an internal network',
    severity: 'error',
    environments: { prod: 'error', dev: 'off', test: 'off' },
    tags: ['security', 'networking'],
    securitySeverity: 7.5,
    references: {
      cis: ['5.9', '5.14'],
      kics: ['451d79dc-0588-476a-ad03-3c7f0320abb3'],
    },
  },
  create: (context) => ({
    service(service) {
      // With the host's network stack the service publishes nothing through `ports`.
      if (scalarString(service.get('network_mode')) === 'host' || isIngress(service, context.project.policy.ingress)) return;
      for (const port of service.ports) {
        context.report({
          at: placeOf(port),
          message: `service "${service.name}" publishes ${describePort(port)}; in prod only the ingress service may publish ports (use "expose:" or an internal network)`,
        });
      }
    },
  }),
});
