import { isScalar } from '../parse/tree.js';
import type { Port } from './ports.js';

/**
 * A published port in words, from what the file says and nothing more: `port 5432 to the host`,
 * `container port 80 to host port 8080`, `container port 3000 to an ephemeral host port`,
 * `port 53/udp to the host on 127.0.0.1 (loopback only)`.
 */
export function describePort(port: Port): string {
  const target = port.target?.value || undefined;
  const published = port.published?.value || undefined;
  const protocol = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
  const address = port.hostIp?.value;
  const on = address ? ` on ${address}${isLoopback(address) ? ' (loopback only)' : ''}` : '';
  if (target && published) return `${published === target ? `port ${target}${protocol} to the host` : `container port ${target}${protocol} to host port ${published}`}${on}`;
  if (published) return `host port ${published}${protocol}${on}`;
  if (!target) return `a port set by a variable${on}`;
  // No host port: Docker picks one, unless a variable that is unset here would have given it.
  const interpolated = isScalar(port.item) ? port.item.interpolation : port.published?.node.interpolation;
  return `container port ${target}${protocol} to ${interpolated ? 'a host port not fixed in the file' : 'an ephemeral host port'}${on}`;
}

/** True for a host address that only the host itself can reach: `127.0.0.0/8`, `::1`, `localhost`. */
export function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return a === 'localhost' || a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}
