import { isIPv4, isIPv6 } from 'node:net';
import { hostPortsOf, isUnspecifiedAddress, type HostPorts } from './port-binding.js';
import type { Port } from './ports.js';

/**
 * The host address a published port listens on, as the engine binds it: `all` for no address (every
 * IPv4 and every IPv6 interface), a family's wildcard (`0.0.0.0`, `::`) or one address of a family.
 */
export type BindAddress = { readonly family: 'all' } | { readonly family: 'ipv4' | 'ipv6'; readonly ip?: string };

/** What a published port takes on the host: a protocol, an address and one or more port numbers. */
export interface HostBinding {
  readonly port: Port;
  readonly protocol: string;
  readonly address: BindAddress;
  readonly ports: HostPorts;
}

/**
 * The host sockets a published port takes, when the file fixes them. Undefined when Docker picks the
 * host port: no host port, `0`, or a host range for one container port (`5000-5999:80` takes any one
 * free port of the range); when the host port is not a number or range (a variable left it empty);
 * and when the host address is not an IP address (Compose refuses those).
 */
export function hostBindingOf(port: Port): HostBinding | undefined {
  const ports = hostPortsOf(port);
  if (!ports || (ports.first !== ports.last && !port.target?.value.includes('-'))) return undefined;
  const address = bindAddressOf(port.hostIp?.value);
  return address ? { port, protocol: port.protocol, address, ports } : undefined;
}

function bindAddressOf(written: string | undefined): BindAddress | undefined {
  if (written === undefined || written.trim() === '') return { family: 'all' };
  const a = written.trim().replace(/^\[(.*)\]$/, '$1');
  if (isUnspecifiedAddress(a)) return { family: a.includes(':') ? 'ipv6' : 'ipv4' };
  if (isIPv4(a)) return { family: 'ipv4', ip: a };
  // One spelling per IPv6 address (`0:0:0:0:0:0:0:1` is `::1`), as the URL parser writes it.
  if (isIPv6(a)) return { family: 'ipv6', ip: new URL(`http://[${a}]/`).hostname };
  return undefined;
}

/**
 * True when the two bindings cannot both be bound: same protocol, overlapping host ports, and
 * addresses that meet. No address takes both families; a family's wildcard meets every address of
 * its family (Linux refuses `0.0.0.0:80` next to `127.0.0.1:80`); `0.0.0.0` and `::` do not meet, nor
 * do two different addresses.
 */
export function bindingsConflict(a: HostBinding, b: HostBinding): boolean {
  if (a.protocol !== b.protocol) return false;
  if (a.ports.first > b.ports.last || b.ports.first > a.ports.last) return false;
  const [x, y] = [a.address, b.address];
  if (x.family === 'all' || y.family === 'all') return true;
  if (x.family !== y.family) return false;
  return x.ip === undefined || y.ip === undefined || x.ip === y.ip;
}

/** The host side of a binding in words: `host port 8080`, `host ports 9000-9010/udp on 127.0.0.1`. */
export function describeHostBinding(binding: HostBinding): string {
  const { first, last } = binding.ports;
  const numbers = first === last ? `host port ${first}` : `host ports ${first}-${last}`;
  const protocol = binding.protocol === 'tcp' ? '' : `/${binding.protocol}`;
  const address = binding.port.hostIp?.value.trim();
  return `${numbers}${protocol}${address ? ` on ${address}` : ''}`;
}

/** Host port ranges wider than this are kept in one list checked against every binding (rare). */
const WIDE = 64;

/**
 * Items keyed by the host binding they take, in the order added, found again by the bindings whose
 * protocol and port numbers overlap a given one: checking every published port of a project against
 * the others stays linear in the number of ports, however many services there are.
 */
export class BindingIndex<T> {
  private readonly byPort = new Map<string, number[]>();
  private readonly wide: number[] = [];
  private readonly items: { binding: HostBinding; item: T }[] = [];

  add(binding: HostBinding, item: T): void {
    const n = this.items.push({ binding, item }) - 1;
    const { first, last } = binding.ports;
    if (last - first >= WIDE) {
      this.wide.push(n);
      return;
    }
    for (let port = first; port <= last; port++) {
      const key = `${binding.protocol}:${port}`;
      const list = this.byPort.get(key);
      if (list) list.push(n);
      else this.byPort.set(key, [n]);
    }
  }

  /** The items whose bindings share the protocol and a port number with `binding`, in the order added. */
  overlapping(binding: HostBinding): T[] {
    const { first, last } = binding.ports;
    const found = new Set<number>(this.wide);
    if (last - first >= WIDE) this.items.forEach((_, n) => found.add(n));
    else {
      for (let port = first; port <= last; port++) for (const n of this.byPort.get(`${binding.protocol}:${port}`) ?? []) found.add(n);
    }
    return [...found]
      .sort((a, b) => a - b)
      .filter((n) => this.items[n]!.binding.protocol === binding.protocol && this.items[n]!.binding.ports.first <= last && first <= this.items[n]!.binding.ports.last)
      .map((n) => this.items[n]!.item);
  }
}
