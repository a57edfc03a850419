import { get, isMap, isScalar, type YNode } from '../parse/tree.js';
import { Text } from './text.js';

/** One item of a service's `ports:`, short or long syntax, normalized. */
export interface Port {
  /** The list item as written. */
  readonly item: YNode;
  readonly syntax: 'short' | 'long';
  /** Container port or range. */
  readonly target?: Text;
  /** Host port or range; absent when Docker picks an ephemeral host port (still published). */
  readonly published?: Text;
  /** Host address the port binds to; absent means every interface. */
  readonly hostIp?: Text;
  readonly protocol: string;
}

export function parsePort(item: YNode): Port | undefined {
  if (isScalar(item)) {
    if (item.value === null) return undefined;
    return parseShort(item, Text.of(item));
  }
  if (isMap(item)) {
    const text = (key: string) => {
      const node = get(item, key);
      return isScalar(node) && node.value !== null ? Text.of(node) : undefined;
    };
    const target = text('target');
    const published = text('published');
    const hostIp = text('host_ip');
    return {
      item,
      syntax: 'long',
      ...(target ? { target } : {}),
      ...(published ? { published } : {}),
      ...(hostIp ? { hostIp } : {}),
      protocol: text('protocol')?.value.toLowerCase() ?? 'tcp',
    };
  }
  return undefined;
}

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, with `[v6]` host addresses and ranges. */
function parseShort(item: YNode, text: Text): Port {
  let body = text;
  let protocol = 'tcp';
  const slash = text.value.lastIndexOf('/');
  if (slash !== -1) {
    protocol = text.value.slice(slash + 1).toLowerCase();
    body = text.slice(0, slash);
  }
  let hostIp: Text | undefined;
  let rest = body;
  if (body.value.startsWith('[')) {
    const close = body.value.indexOf(']');
    if (close !== -1 && body.value[close + 1] === ':') {
      hostIp = body.slice(1, close);
      rest = body.slice(close + 2);
    }
  }
  // From the right: CONTAINER, then HOST_PORT, then whatever is left is the host address.
  const last = rest.value.lastIndexOf(':');
  const target = rest.slice(last + 1);
  let published: Text | undefined;
  if (last !== -1) {
    const before = last === 0 ? -1 : rest.value.lastIndexOf(':', last - 1);
    published = rest.slice(before + 1, last);
    if (before !== -1 && !hostIp) hostIp = rest.slice(0, before);
  }
  return {
    item,
    syntax: 'short',
    ...(target && target.value !== '' ? { target } : {}),
    ...(published && published.value !== '' ? { published } : {}),
    ...(hostIp && hostIp.value !== '' ? { hostIp } : {}),
    protocol,
  };
}
