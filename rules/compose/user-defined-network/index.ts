import { defaultBridgeOf, defineRule, get, isMap, Text, networkDeclaration, networkModeOf, networksOf, DEFAULT_BRIDGE } from '../../../src/engine/api.js';

const WHY = `there containers find each other by IP address only (no name resolution), and share the network with every container on the host started without one`;

export default defineRule({
  meta: {
    id: 'compose/user-defined-network',
    description: "In prod services are on user-defined networks, not on Docker's default bridge",
    severity: 'info',
    environments: { dev: 'off', test: 'off' },
    tags: ['security', 'networking'],
    securitySeverity: 3.0,
    references: {
      cis: ['5.30'],
      urls: ['https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge'],
    },
  },
  create: (context) => {
    const { project } = context;
    return {
      service(service) {
        const mode = networkModeOf(service);
        if (mode.kind !== 'bridge') return;
        context.report({
          at: mode.value,
          message: `service "${service.name}" sets "network_mode: ${Text.of(mode.value).value.trim()}", so it is on Docker's default bridge ("docker0"): ${WHY}; leave network_mode out (the service joins the project's own network) or name a network under "networks:"`,
        });
      },
      project() {
        const declared = get(project.root, 'networks');
        if (!isMap(declared)) return;
        for (const entry of declared.entries) {
          const declaration = networkDeclaration(project, Text.of(entry.key).value);
          const bridge = defaultBridgeOf(declaration);
          if (!bridge) continue;
          const users = project.services.filter((service) => networksOf(service).some((network) => network.name === declaration.key));
          if (users.length === 0) continue;
          context.report({
            at: bridge,
            message: `network "${declaration.key}" is Docker's default bridge ("${DEFAULT_BRIDGE}", "docker0"), and ${users.length === 1 ? 'service' : 'services'} ${users.map((s) => `"${s.name}"`).join(', ')} ${users.length === 1 ? 'is' : 'are'} on it: ${WHY}; let Compose create the project's own network instead`,
          });
        }
      },
    };
  },
});
