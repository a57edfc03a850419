import { get, isMap, isScalar, isSeq, type YMap, type YNode, type YScalar } from '../parse/tree.js';
import { isTrue, trueScalar } from './boolean.js';
import type { ComposeProject } from './project.js';
import { referencesOf } from './service-references.js';
import type { Service } from './service.js';
import { Text } from './text.js';

/**
 * What a service's `network_mode` does with its network stack. `networks` when it is not set: the
 * service joins the networks of its `networks:` (or the project's `default` network). Docker reads
 * `default` as its default bridge, as `bridge`.
 */
export type NetworkMode =
  | { readonly kind: 'networks' }
  | { readonly kind: 'host' | 'bridge' | 'none' | 'other'; readonly value: YScalar }
  /** `service:x` or `container:x`: the stack of another container; `name` is what follows the colon. */
  | { readonly kind: 'service' | 'container'; readonly value: YScalar; readonly name: string };

export function networkModeOf(service: Service): NetworkMode {
  const value = service.get('network_mode');
  if (!isScalar(value) || value.value === null) return { kind: 'networks' };
  const word = Text.of(value).value.trim();
  const lower = word.toLowerCase();
  if (lower === 'host') return { kind: 'host', value };
  if (lower === 'none') return { kind: 'none', value };
  if (lower === 'bridge' || lower === 'default') return { kind: 'bridge', value };
  for (const kind of ['service', 'container'] as const) {
    if (lower.startsWith(`${kind}:`)) return { kind, value, name: word.slice(kind.length + 1).trim() };
  }
  return word === '' ? { kind: 'networks' } : { kind: 'other', value };
}

/** One network a service joins. */
export interface NetworkAttachment {
  /** The network's key under the top-level `networks:`; `default` for the network Compose adds. */
  readonly name: string;
  /**
   * Where the service joins it: the item of a `networks:` list or the key of a `networks:` mapping;
   * for the implicit `default` network the service's `networks` key when it is empty, else its name key.
   */
  readonly at: YNode | Text;
  /** True when the service joins `default` only because it names no network. */
  readonly implicit: boolean;
}

/**
 * The networks a service joins through `networks:`; a service that names none joins the project's
 * `default` network. None when `network_mode` is set (the service has another network stack).
 */
export function networksOf(service: Service): NetworkAttachment[] {
  if (networkModeOf(service).kind !== 'networks') return [];
  const named = referencesOf(service).filter((reference) => reference.section === 'networks');
  if (named.length > 0) return named.map((reference) => ({ name: reference.name.value, at: reference.name, implicit: false }));
  const node = service.get('networks');
  const empty = node === undefined || (isScalar(node) && node.value === null) || (isSeq(node) && node.items.length === 0) || (isMap(node) && node.entries.length === 0);
  return empty ? [{ name: 'default', at: service.keyOf('networks') ?? service.key, implicit: true }] : [];
}

/** The networks a service is on, and the `network_mode: service:x` value when it has them from service x. */
export interface JoinedNetworks {
  readonly networks: readonly NetworkAttachment[];
  /** Set when the service shares another service's stack: its `network_mode` value. */
  readonly through?: YScalar;
  /** The service whose networks these are, when not the service itself. */
  readonly owner?: Service;
}

/**
 * The networks a service is on, following `network_mode: service:x` to x's networks (and x's own
 * `service:` if it has one). Empty for `host`, `none`, `bridge`, `container:x` and a service that is
 * not in the project (a chain that loops ends empty).
 */
export function joinedNetworks(project: ComposeProject, service: Service): JoinedNetworks {
  let owner = service;
  let through: YScalar | undefined;
  const seen = new Set<Service>([service]);
  for (let mode = networkModeOf(owner); mode.kind === 'service'; mode = networkModeOf(owner)) {
    through ??= mode.value;
    const next = project.service(mode.name);
    if (!next || seen.has(next)) return { networks: [], through };
    seen.add(next);
    owner = next;
  }
  const networks = networksOf(owner);
  return owner === service ? { networks } : { networks, ...(through ? { through } : {}), owner };
}

/** What the top-level `networks:` says about one network. */
export interface NetworkDeclaration {
  /** The network's key (`default` for the one Compose adds, declared or not). */
  readonly key: string;
  /** Its mapping under `networks:`, when declared with one. */
  readonly node?: YMap;
  /** The `internal` value when it reads as true. */
  readonly internal?: YScalar;
  /** `external: true` (or the legacy `external: {name: …}`): created outside the project. */
  readonly external: boolean;
  /**
   * The name Docker knows the network by, when the file fixes it: `name:` (or the legacy
   * `external.name`), else an external network's key. Unset for a network Compose names
   * `<project>_<key>`.
   */
  readonly dockerName?: Text;
}

/** The declaration of the network `key` in the project's top-level `networks:` (empty when not declared). */
export function networkDeclaration(project: ComposeProject, key: string): NetworkDeclaration {
  const networks = get(project.root, 'networks');
  const entry = isMap(networks) ? networks.entries.find((e) => Text.of(e.key).value === key) : undefined;
  const node = isMap(entry?.value) ? entry.value : undefined;
  if (!entry || !node) return { key, external: false };
  const externalNode = get(node, 'external');
  const external = isMap(externalNode) || isTrue(externalNode);
  const named = [get(node, 'name'), get(externalNode, 'name')].find((n): n is YScalar => isScalar(n) && n.value !== null && String(n.value).trim() !== '');
  const dockerName = named ? Text.of(named) : external ? Text.of(entry.key) : undefined;
  const internal = trueScalar(get(node, 'internal'));
  return { key, node, external, ...(internal ? { internal } : {}), ...(dockerName ? { dockerName } : {}) };
}

/** The name of Docker's default bridge network (the `docker0` interface). */
export const DEFAULT_BRIDGE = 'bridge';

/** The text that makes a declared network Docker's default bridge (`name: bridge`), if it is. */
export function defaultBridgeOf(declaration: NetworkDeclaration): Text | undefined {
  return declaration.dockerName?.value.trim() === DEFAULT_BRIDGE ? declaration.dockerName : undefined;
}

/**
 * A string that is the same for two keys of the project that are one Docker network: the fixed
 * Docker name when the file gives one, else the key.
 */
export function networkIdentity(declaration: NetworkDeclaration): string {
  return declaration.dockerName ? `name:${declaration.dockerName.value.trim()}` : `key:${declaration.key}`;
}
