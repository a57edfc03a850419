import type { YNode } from '../parse/tree.js';
import { networkModeOf } from './networks.js';
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
  const m = text && /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(text.value);
  if (!text || !m) return undefined;
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  return first === 0 ? undefined : { first, last, text };
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
