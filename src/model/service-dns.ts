import { get, isMap, isScalar, isSeq, type YNode, type YScalar } from '../parse/tree.js';
import { joinedNetworks, networkDeclaration, networkIdentity, networkModeOf, type NetworkAttachment } from './networks.js';
import type { ComposeProject } from './project.js';
import type { Service } from './service.js';
import { Text } from './text.js';

/**
 * Which service of the project a host name reaches from another service, and over which networks,
 * as Docker's embedded DNS answers it: a service's name and its `container_name` on every network
 * it joins, a network alias (`networks: {x: {aliases: [...]}}`) on that network only, a container
 * Compose names `<project>-<service>-<n>` (or `_` in Compose 1) on every network, and a `links:`
 * alias of the asking service. Names compare without regard to case, as DNS does.
 */

/** How a service answers to a name. */
export type HostKind = 'service' | 'container_name' | 'alias' | 'replica' | 'link';

export interface HostAnswer {
  readonly service: Service;
  readonly as: HostKind;
  /**
   * The network keys (of the answering service) on which the name resolves; undefined when the
   * service has another network stack (`network_mode`) and what it answers to is not known.
   */
  readonly networks?: readonly string[];
  /** The asking service's networks on which the name resolves to `service`; empty when none. */
  readonly shared: readonly NetworkAttachment[];
}

/** The text items of a list value (scalars only). */
function scalarItems(node: YNode | undefined): Text[] {
  return isSeq(node) ? node.items.filter((i): i is YScalar => isScalar(i) && i.value !== null).map((i) => Text.of(i)) : [];
}

/** A network's identity in the project (two keys naming one Docker network are one). */
function identityOf(project: ComposeProject, key: string): string {
  return networkIdentity(networkDeclaration(project, key));
}

/** The names a service answers to by itself, each with the network keys it answers on. */
function namesOf(service: Service, networks: readonly string[]): { name: string; as: HostKind; networks: readonly string[] }[] {
  const names: { name: string; as: HostKind; networks: readonly string[] }[] = [{ name: service.name, as: 'service', networks }];
  const containerName = service.text('container_name')?.value.trim();
  if (containerName) names.push({ name: containerName, as: 'container_name', networks });
  const attached = service.get('networks');
  if (isMap(attached)) {
    for (const entry of attached.entries) {
      const key = Text.of(entry.key).value;
      for (const alias of scalarItems(get(entry.value, 'aliases'))) names.push({ name: alias.value.trim(), as: 'alias', networks: [key] });
    }
  }
  return names;
}

/** `<project>-<service>-<n>` or `<project>_<service>_<n>`: the container names Compose gives replicas. */
function isReplicaName(host: string, service: string): boolean {
  const match = /^(.+)([-_])(\d+)$/.exec(host);
  if (!match) return false;
  const stem = match[1]!;
  const suffix = `${match[2]}${service.toLowerCase()}`;
  return stem.endsWith(suffix) && stem.length > suffix.length;
}

/** The alias a `links:` item gives a service (`backend:api` → api), or the service's own name. */
function linksOf(client: Service): { service: string; alias: string }[] {
  return scalarItems(client.get('links')).flatMap((item) => {
    const [service, alias] = item.value.split(':').map((p) => p.trim());
    return service ? [{ service, alias: alias || service }] : [];
  });
}

/**
 * The services of the project that answer to `host` when `client` looks it up, with the networks
 * it resolves on and those of them `client` is on. Empty when no service answers to it.
 */
export function hostAnswers(project: ComposeProject, client: Service, host: string): HostAnswer[] {
  const wanted = host.trim().toLowerCase();
  const clientNetworks = joinedNetworks(project, client).networks;
  const answers: HostAnswer[] = [];
  const answer = (service: Service, as: HostKind, networks: readonly string[] | undefined) => {
    const ids = new Set((networks ?? []).map((key) => identityOf(project, key)));
    const shared = clientNetworks.filter((n) => ids.has(identityOf(project, n.name)));
    answers.push({ service, as, ...(networks ? { networks } : {}), shared });
  };
  for (const service of project.services) {
    const ownStack = networkModeOf(service).kind === 'networks';
    const networks = ownStack ? joinedNetworks(project, service).networks.map((n) => n.name) : undefined;
    const named = namesOf(service, networks ?? []).find((n) => n.name.toLowerCase() === wanted);
    if (named) answer(service, named.as, ownStack ? named.networks : undefined);
    else if (isReplicaName(wanted, service.name)) answer(service, 'replica', networks);
  }
  for (const link of linksOf(client)) {
    const service = project.service(link.service);
    if (service && link.alias.toLowerCase() === wanted && !answers.some((a) => a.service === service)) {
      answer(service, 'link', networkModeOf(service).kind === 'networks' ? joinedNetworks(project, service).networks.map((n) => n.name) : undefined);
    }
  }
  return answers;
}

/** True when `extra_hosts` of the service maps the host name (it resolves through /etc/hosts, not DNS). */
export function hasExtraHost(service: Service, host: string): boolean {
  const wanted = host.trim().toLowerCase();
  const node = service.get('extra_hosts');
  const names = isMap(node) ? node.entries.map((e) => Text.of(e.key).value) : scalarItems(node).map((t) => t.value.split(/[:=]/)[0] ?? '');
  return names.some((name) => name.trim().toLowerCase() === wanted);
}

/** One container port (or range) a service says it listens on, through `expose` or a `ports` target. */
export interface DeclaredPort {
  readonly from: number;
  readonly to: number;
  readonly text: Text;
}

function portRange(text: Text): DeclaredPort | undefined {
  const match = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*(?:\/\s*(\w+))?\s*$/.exec(text.value);
  if (!match || (match[3] && match[3].toLowerCase() !== 'tcp')) return undefined;
  const from = Number(match[1]);
  return { from, to: match[2] ? Number(match[2]) : from, text };
}

/** The TCP container ports a service declares with `expose` and `ports` (empty: it declares none). */
export function declaredContainerPorts(service: Service): DeclaredPort[] {
  const exposed = scalarItems(service.get('expose')).map(portRange);
  const published = service.ports.filter((p) => p.protocol === 'tcp' && p.target).map((p) => portRange(p.target!));
  return [...exposed, ...published].filter((p): p is DeclaredPort => p !== undefined);
}

/** True when one of the declared ports is `port`. */
export function declaresPort(ports: readonly DeclaredPort[], port: number): boolean {
  return ports.some((p) => p.from <= port && port <= p.to);
}
