import {
  dataStoreOf,
  defaultBridgeOf,
  defineRule,
  isIngress,
  joinedNetworks,
  networkDeclaration,
  networkIdentity,
  type ComposeProject,
  type NetworkAttachment,
  type Service,
} from '../../../src/engine/api.js';

/** What is wrong with one network a data store is on, in words; nothing when it is fine or not this rule's to judge. */
function problemsWith(project: ComposeProject, network: string, ingressOn: ReadonlyMap<string, readonly Service[]>): string[] {
  const declaration = networkDeclaration(project, network);
  // Docker's default bridge is compose/user-defined-network's finding.
  if (defaultBridgeOf(declaration)) return [];
  const problems: string[] = [];
  // An external network is created elsewhere: whether it is internal is not in this project.
  if (!declaration.external && !declaration.internal) problems.push('not declared "internal: true"');
  const ingress = ingressOn.get(networkIdentity(declaration)) ?? [];
  if (ingress.length > 0) problems.push(`shared with the ingress service ${ingress.map((s) => `"${s.name}"`).join(', ')}`);
  return problems;
}

/** How a message names the network: the implicit default says why the service is on it. */
function networkInWords(attachment: NetworkAttachment): string {
  return attachment.implicit ? `names no network, so it is on the project's "default" network, which is` : `is on network "${attachment.name}", which is`;
}

const FIX = 'put the data store only on networks with "internal: true" that the ingress does not join';

export default defineRule({
  meta: {
    id: 'compose/db-internal-network',
    description: 'In prod data stores are only on internal networks, none of them shared with the ingress service',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security', 'networking'],
    securitySeverity: 5.5,
    references: {
      urls: ['https://docs.docker.com/reference/compose-file/networks/#internal', 'https://docs.docker.com/reference/compose-file/services/#networks'],
    },
  },
  create: (context) => {
    const { project } = context;
    /** For each network (by identity), the ingress services on it; computed once, on the first data store. */
    let ingressOn: Map<string, Service[]> | undefined;
    const ingressNetworks = () => {
      if (ingressOn) return ingressOn;
      ingressOn = new Map();
      for (const service of project.services.filter((s) => isIngress(s, project.policy.ingress))) {
        for (const { name } of joinedNetworks(project, service).networks) {
          const identity = networkIdentity(networkDeclaration(project, name));
          ingressOn.set(identity, [...(ingressOn.get(identity) ?? []), service]);
        }
      }
      return ingressOn;
    };
    return {
      service(service) {
        const store = dataStoreOf(service);
        if (!store) return;
        const joined = joinedNetworks(project, service);
        const who = `service "${service.name}" (${store.product})`;
        if (joined.through && joined.owner) {
          // One finding at network_mode: the store has the networks of another service.
          const owner = joined.owner;
          if (isIngress(owner, project.policy.ingress)) {
            context.report({ at: joined.through, message: `${who} shares the network stack of the ingress service "${owner.name}"; ${FIX}` });
            return;
          }
          const bad = joined.networks.flatMap((network) => {
            const problems = problemsWith(project, network.name, ingressNetworks());
            return problems.length > 0 ? [`"${network.name}" (${problems.join(' and ')})`] : [];
          });
          if (bad.length > 0) context.report({ at: joined.through, message: `${who} shares the network stack of service "${owner.name}", which is on network ${bad.join(', ')}; ${FIX}` });
          return;
        }
        for (const attachment of joined.networks) {
          const problems = problemsWith(project, attachment.name, ingressNetworks());
          if (problems.length > 0) context.report({ at: attachment.at, message: `${who} ${networkInWords(attachment)} ${problems.join(' and ')}; ${FIX}` });
        }
      },
    };
  },
});
