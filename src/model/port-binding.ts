import type { YNode } from '../parse/tree.js';
import { networkModeOf } from './networks.js';
import { isLoopback } from './port-description.js';
import type { Port } from './ports.js';
import type { Service } from './service.js';
import type { Text } from './text.js';

/** Host ports below this one are privileged: only root (or CAP_NET_BIND_SERVICE) may bind them (Linux's `ip_unprivileged_port_start`). */
export const FIRST_UNPRIVILEGED_PORT = 1024;

/**
 * True for a host address that means every interface of the host: `0.0.0.0`, and IPv6's `::` in
 * any spelling (`[::]`, `::0`, `0:0:0:0:0:0:0:0`).
 */
export function isUnspecifiedAddress(address: string): boolean {
  const a = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (a === '0.0.0.0') return true;
  return a.includes(':') && /^[0:]+$/.test(a) && (a.includes('::') || a.split(':').length === 8);
}

/** A host port or range as numbers, with the text that says it. */
export interface HostPorts {
  readonly first: number;
  readonly last: number;
  readonly text: Text;
}

/**
 * The host ports a published port binds when the file fixes them: `8080`, `9000-9010`. Undefined
 * when Docker picks the port (no host port, or `0`) and when the value is not a number or range,
 * for example because a variable left it empty.
 */
export function hostPortsOf(port: Port): HostPorts | undefined {
  const text = port.published;
  const range = text && portRange(text);
  return text && range && range.first !== 0 ? { ...range, text } : undefined;
}

/** A port or range as written, `8080` or `9000-9010`; undefined when it is not one (a variable left it empty). */
function portRange(text: Text | undefined): { first: number; last: number } | undefined {
  const m = text && /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(text.value);
  if (!m) return undefined;
  const first = Number(m[1]);
  return { first, last: m[2] === undefined ? first : Number(m[2]) };
}

/**
 * Where a finding about a whole published port points, on one line: the short syntax's item; the
 * long syntax's `published` value, else its `target`.
 */
export function portPlace(port: Port): YNode | Text {
  return port.syntax === 'long' ? (port.published?.node ?? port.target?.node ?? port.item) : port.item;
}

/** The ports a service publishes through `ports:`: none with `network_mode: host`, where Docker ignores them. */
export function publishedPortsOf(service: Service): readonly Port[] {
  return networkModeOf(service).kind === 'host' ? [] : service.ports;
}

/**
 * The first entry of `ports:` that publishes a container's TCP port to a host address other than
 * loopback, where clients on other machines may reach it. Undefined when none does (or a variable
 * hides the container port).
 */
export function publishedBeyondLoopback(service: Service, containerPort: number): Port | undefined {
  return publishedPortsOf(service).find((p) => publishesTcp(p, containerPort) && !(p.hostIp && isLoopback(p.hostIp.value.replace(/^\[|\]$/g, ''))));
}

/** The container ports a `ports:` entry publishes, first to last (one port, or a range); undefined when a variable hides them. */
export function containerPortRange(port: Port): { first: number; last: number } | undefined {
  return portRange(port.target);
}

/** True when a `ports:` entry publishes TCP container port `containerPort`. */
export function publishesTcp(port: Port, containerPort: number): boolean {
  const range = port.protocol === 'udp' ? undefined : containerPortRange(port);
  return range !== undefined && containerPort >= range.first && containerPort <= range.last;
}
