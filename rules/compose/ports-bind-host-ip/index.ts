import { defineRule, describePort, isIngress, isScalar, isUnspecifiedAddress, portPlace, publishedPortsOf, Text, type Port, type Report } from '../../../src/engine/api.js';

/**
 * The host address as written: `host_ip`, or the short syntax's part before the host port. A short
 * port whose address a variable left empty (`"${BIND}:5432:5432"` with BIND unset) gives the empty
 * text where the variable was.
 */
function hostAddress(port: Port): Text | undefined {
  if (port.hostIp || port.syntax === 'long' || !isScalar(port.item)) return port.hostIp;
  const text = Text.of(port.item);
  const body = text.value.replace(/\/.*$/, '');
  return body.startsWith(':') && body.split(':').length === 3 ? text.slice(0, 0) : undefined;
}

/** Why a published port listens on every interface of the host, and where that is written; nothing when it is bound to one address. */
function unbound(port: Port, service: string): Report | undefined {
  const address = hostAddress(port);
  const what = `service "${service}" publishes ${describePort(port)}`;
  if (!address) {
    const fix = port.syntax === 'long' ? 'add "host_ip: 127.0.0.1" (or another single address)' : 'put a single host address in front of it, such as "127.0.0.1:"';
    return { at: portPlace(port), message: `${what} on every host interface; ${fix}` };
  }
  if (address.value.trim() === '') {
    const names = address.variables.map((v) => `\${${v}}`);
    const why = names.length > 0 ? `the host address ${names.join(', ')} is empty here` : 'the host address is empty';
    return { at: address, message: `${what} on every host interface: ${why}; give it a single address, such as 127.0.0.1` };
  }
  if (isUnspecifiedAddress(address.value)) {
    return { at: address, message: `${what}: "${address.value.trim()}" is every host interface; use a single address, such as 127.0.0.1 or ::1` };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'compose/ports-bind-host-ip',
    description: 'Published ports of services other than the ingress are bound to one host address, not to every interface',
    severity: 'warning',
    // In prod compose/ingress-only-ports reports every port such a service publishes, bound or not.
    environments: { prod: 'off' },
    tags: ['security', 'networking'],
    securitySeverity: 5.0,
    references: {
      cis: ['5.14'],
      kics: ['451d79dc-0588-476a-ad03-3c7f0320abb3'],
      urls: ['https://docs.docker.com/reference/compose-file/services/#ports', 'https://docs.docker.com/engine/network/packet-filtering-firewalls/'],
    },
  },
  create: (context) => ({
    service(service) {
      if (isIngress(service, context.project.policy.ingress)) return;
      for (const port of publishedPortsOf(service)) {
        const report = unbound(port, service.name);
        if (report) context.report(report);
      }
    },
  }),
});
