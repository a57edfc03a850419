import { get, isMap, isScalar, makeMap, toJS, type YEntry, type YNode, type YScalar } from '../parse/tree.js';
import { parsePort } from './ports.js';
import { sliceScalar, Text } from './text.js';

/**
 * The identities Compose gives the items of a service's lists when it merges files: two items with
 * the same key are one resource, and the later file's item takes the earlier one's place. A key
 * function returns undefined for an item it cannot read (a wrong shape is a schema finding already);
 * such an item is simply appended.
 */
export type ItemKey = (item: YNode) => string | undefined;

/** The text of a scalar, numbers and booleans as written; undefined for null and collections. */
function textOf(node: YNode | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? Text.of(node).value : undefined;
}

/** `ports`: {host ip, published, target, protocol}, from short or long syntax alike. No host ip is `0.0.0.0`. */
export const portKey: ItemKey = (item) => {
  const port = parsePort(item);
  if (!port?.target) return undefined;
  const hostIp = port.hostIp?.value ?? '';
  return [hostIp === '' ? '0.0.0.0' : hostIp, port.published?.value ?? '', port.target.value, port.protocol].join('|');
};

/**
 * The parts of a short-syntax mount or device, `SOURCE:TARGET[:MODE]`, split at the colons that are
 * not a Windows drive letter's (`C:\data:/data`).
 */
function colonParts(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ':') continue;
    const drive = i - start === 1 && /[A-Za-z]/.test(text[start]!) && (text[i + 1] === '\\' || text[i + 1] === '/');
    if (drive) continue;
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** `volumes`: the path inside the container; short syntax `[SOURCE:]TARGET[:MODE]` or long `target:`. */
export const volumeKey: ItemKey = (item) => {
  if (isMap(item)) return textOf(get(item, 'target'));
  const text = textOf(item);
  if (text === undefined) return undefined;
  const parts = colonParts(text);
  return parts.length === 1 ? parts[0] : parts[1];
};

/** `devices`: the path inside the container; `HOST[:CONTAINER[:PERMISSIONS]]` (no container path: the host's) or long `target:`. */
export const deviceKey: ItemKey = (item) => {
  if (isMap(item)) return textOf(get(item, 'target')) ?? textOf(get(item, 'source'));
  const text = textOf(item);
  if (text === undefined) return undefined;
  const parts = colonParts(text);
  return parts[1] ?? parts[0];
};

/**
 * `secrets` and `configs`: the path the file is mounted at. Short syntax `- name` and a long entry
 * without `target` mount at `<dir>/<name>` (`/run/secrets/name`, `/name`); a relative secret target
 * is also under `/run/secrets`.
 */
function mountKey(dir: '/run/secrets' | ''): ItemKey {
  return (item) => {
    if (isMap(item)) {
      const target = textOf(get(item, 'target'));
      if (target !== undefined && target !== '') return target.startsWith('/') || dir === '' ? target : `${dir}/${target}`;
      const source = textOf(get(item, 'source'));
      return source === undefined ? undefined : `${dir}/${source}`;
    }
    const name = textOf(item);
    return name === undefined ? undefined : `${dir}/${name}`;
  };
}

export const secretKey = mountKey('/run/secrets');
export const configKey = mountKey('');

/** `blkio_config.device_*_bps/iops`: the device path. */
export const blkioDeviceKey: ItemKey = (item) => textOf(get(item, 'path'));

/** `networks.*.ipam.config`: the subnet. */
export const subnetKey: ItemKey = (item) => textOf(get(item, 'subnet'));

/** `env_file`: the file's path, short (`- a.env`) or long (`- path: a.env`). */
export const envFileKey: ItemKey = (item) => (isMap(item) ? textOf(get(item, 'path')) : textOf(item));

/** Lists of plain values (`cap_add`, `dns`, `expose`…): the value itself; `80` and `"80"` are one. Other items by their whole content. */
export const valueKey: ItemKey = (item) => textOf(item) ?? (isScalar(item) ? undefined : JSON.stringify(toJS(item)));

/** How the list form of a list-or-mapping key splits an item into name and value. */
export type Separator = 'equals' | 'host';

/**
 * Where the name of a list item `NAME=value` ends and its value starts: at the first `=`; for
 * `extra_hosts` also `HOST:IP`, at the first `:` (a host name has no colon). Undefined: the item is a
 * name alone (`- NAME`, whose value comes from the environment).
 */
function split(text: string, separator: Separator): { nameEnd: number; valueStart: number } | undefined {
  const eq = text.indexOf('=');
  if (eq !== -1) return { nameEnd: eq, valueStart: eq + 1 };
  if (separator === 'host') {
    const colon = text.indexOf(':');
    if (colon !== -1) return { nameEnd: colon, valueStart: colon + 1 };
  }
  return undefined;
}

/** The name of a list item of a list-or-mapping key (`A` of `A=1`). */
export function itemName(item: YNode, separator: Separator): string | undefined {
  const text = textOf(item);
  if (text === undefined) return undefined;
  const at = split(text, separator);
  return at ? text.slice(0, at.nameEnd) : text;
}

/** A null value standing for "no value written", placed where the item that had none is. */
function absent(item: YNode): YScalar {
  return { kind: 'scalar', value: null, style: 'plain', origin: item.origin };
}

/**
 * The mapping entry a list item of `environment`, `labels` and the like stands for, made of slices
 * of the item so that name and value keep their exact columns: `- A=1` is `A: "1"`, `- A` is `A:`
 * (null: taken from the environment). Undefined for an item that is not a scalar.
 */
export function keyValueEntry(item: YNode, separator: Separator): YEntry | undefined {
  if (!isScalar(item) || item.value === null) return undefined;
  const text = Text.of(item).value;
  const at = split(text, separator);
  if (!at) return { key: typeof item.value === 'string' ? item : sliceScalar(item, 0), value: absent(item) };
  return { key: sliceScalar(item, 0, at.nameEnd), value: sliceScalar(item, at.valueStart) };
}

/**
 * The mapping entry a list item of `depends_on`, `networks` or `models` stands for: the name, with
 * an empty mapping (`depends_on`: all defaults) or null (`networks`, `models`: no options).
 */
export function nameEntry(item: YNode, value: 'defaults' | 'null'): YEntry | undefined {
  if (!isScalar(item) || item.value === null) return undefined;
  const key = typeof item.value === 'string' ? item : sliceScalar(item, 0);
  return { key, value: value === 'defaults' ? makeMap([], item.origin) : absent(item) };
}
