import { BlockList, isIP } from 'node:net';

/**
 * Where an IP address is reachable from: only the machine itself, a private or link-local network,
 * or anywhere on the internet. Used to tell a nameserver of the host or of a private network from a
 * public one.
 */
export type AddressScope = 'unspecified' | 'loopback' | 'private' | 'link-local' | 'public';

/** The ranges that are not public (RFC 1122, 1918, 3927, 4193, 4291, 6598), by scope. */
const RANGES: readonly { scope: Exclude<AddressScope, 'public'>; net: string; prefix: number; family: 'ipv4' | 'ipv6' }[] = [
  { scope: 'unspecified', net: '0.0.0.0', prefix: 8, family: 'ipv4' },
  { scope: 'unspecified', net: '::', prefix: 128, family: 'ipv6' },
  { scope: 'loopback', net: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { scope: 'loopback', net: '::1', prefix: 128, family: 'ipv6' },
  { scope: 'private', net: '10.0.0.0', prefix: 8, family: 'ipv4' },
  { scope: 'private', net: '172.16.0.0', prefix: 12, family: 'ipv4' },
  { scope: 'private', net: '192.168.0.0', prefix: 16, family: 'ipv4' },
  // the shared address space of carrier-grade NAT and overlay networks (Tailscale's 100.100.100.100)
  { scope: 'private', net: '100.64.0.0', prefix: 10, family: 'ipv4' },
  { scope: 'private', net: 'fc00::', prefix: 7, family: 'ipv6' },
  { scope: 'link-local', net: '169.254.0.0', prefix: 16, family: 'ipv4' },
  { scope: 'link-local', net: 'fe80::', prefix: 10, family: 'ipv6' },
];

const LISTS = new Map<Exclude<AddressScope, 'public'>, BlockList>();
for (const range of RANGES) {
  const list = LISTS.get(range.scope) ?? new BlockList();
  list.addSubnet(range.net, range.prefix, range.family);
  LISTS.set(range.scope, list);
}

/** The scope of an IP address written as nginx or Compose take it (IPv6 with or without brackets); undefined for anything that is not an IP address (a host name, a variable). */
export function addressScope(address: string): AddressScope | undefined {
  const ip = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(ip);
  if (family === 0) return undefined;
  for (const [scope, list] of LISTS) if (list.check(ip, family === 4 ? 'ipv4' : 'ipv6')) return scope;
  return 'public';
}
