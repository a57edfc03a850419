import { defineRule, describePort, fixWith, isIngress, portsToExpose, refuse, scalarString, type FixSources, type Port, type Service, type Target } from '../../../src/engine/api.js';

/** One line of the file: the short syntax's item; the long syntax's `published` value, else its `target`. */
function placeOf(port: Port): Target {
  return port.syntax === 'long' ? (port.published?.node ?? port.target?.node ?? port.item) : port.item;
}

/**
 * One fix for all of a service's published ports, which the rule reports one by one: `ports:` becomes
 * `expose:` (other services still reach each container port; the host no longer does). Every port of
 * such a service is a finding, so the whole list goes; the findings share the fix, applied once.
 */
function exposeInstead(service: Service): (sources: FixSources) => ReturnType<typeof fixWith> {
  let made: ReturnType<typeof fixWith> | undefined;
  const ports = service.node.index.get('ports');
  return (sources) =>
    (made ??= fixWith(
      `turn the published ports of service "${service.name}" into "expose:" (other services reach them; the host no longer does)`,
      ports ? portsToExpose(ports, service.node.index.get('expose'), sources) : refuse(`service "${service.name}" has no "ports" key`),
    ));
}

export default defineRule({
  meta: {
    id: 'compose/ingress-only-ports',
    description: 'In prod only the ingress service publishes ports; every other service uses expose or an internal network',
    severity: 'error',
    environments: { prod: 'error', dev: 'off', test: 'off' },
    tags: ['security', 'networking'],
    fixable: 'fix',
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
      const fix = exposeInstead(service);
      for (const port of service.ports) {
        context.report({
          at: placeOf(port),
          message: `service "${service.name}" publishes ${describePort(port)}; in prod only the ingress service may publish ports (use "expose:" or an internal network)`,
          fix,
        });
      }
    },
  }),
});
