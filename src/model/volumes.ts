import path from 'node:path';
import { get, isMap, isScalar, type YNode } from '../parse/tree.js';
import { isTrue } from './boolean.js';
import { Text } from './text.js';

/**
 * One item of a service's `volumes:`, short syntax (`SOURCE:TARGET[:MODE]`) or long syntax, normalized.
 * Every part is a `Text`, so a finding can point at the exact characters: the source inside
 * `"/var/run/docker.sock:/var/run/docker.sock:ro"`, or the `source:` value of a long-syntax item.
 */
export interface Volume {
  /** The list item as written. */
  readonly item: YNode;
  readonly syntax: 'short' | 'long';
  /**
   * `bind` (a host path), `volume` (named, or anonymous when there is no source), or what the long
   * syntax's `type:` says (`tmpfs`, `npipe`, `image`, `cluster`), lower case.
   */
  readonly type: string;
  /** Host path or volume name, as written; absent for an anonymous volume or a tmpfs. */
  readonly source?: Text;
  /** Path in the container. */
  readonly target?: Text;
  /** Short syntax: the whole mode field (`ro,z`). */
  readonly mode?: Text;
  /** Short syntax: each comma-separated option of the mode field (`ro`, `z`, `rshared`, …). */
  readonly options: readonly Text[];
  /** True when mounted read-only (`:ro`, or `read_only: true`). */
  readonly readOnly: boolean;
  /** What makes it read-only or read-write when written: the `ro`/`rw` option, or the `read_only:` value. */
  readonly access?: Text;
  /** Mount propagation: a `shared`/`rshared`/`slave`/`rslave`/`private`/`rprivate` option, or `bind.propagation`. */
  readonly propagation?: Text;
  /**
   * Binds with an absolute source (or one from `~`): the source as a normalized path, with `.`, `..`,
   * repeated and trailing slashes resolved (`/var/run/../run/docker.sock` → `/run/docker.sock`,
   * `~/.docker/` → `~/.docker`). Windows paths use forward slashes (`C:/Users`).
   */
  readonly hostPath?: string;
  /**
   * Binds with a relative source: the source resolved against the project directory, as a path
   * relative to it (`.`, `src`, `../shared`). The same on every machine, unlike an absolute path.
   */
  readonly projectPath?: string;
}

/** Short-syntax mode options that set mount propagation. */
export const PROPAGATION_MODES: ReadonlySet<string> = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

export function parseVolume(item: YNode): Volume | undefined {
  if (isScalar(item)) return item.value === null ? undefined : parseShort(item, Text.of(item));
  if (isMap(item)) return parseLong(item);
  return undefined;
}

/** A source Compose reads as a host path rather than a volume name. */
export function isHostPath(source: string): boolean {
  return /^[/.~\\]/.test(source) || /^[A-Za-z]:[\\/]/.test(source);
}

/** `[SOURCE:]TARGET[:MODE]`; a Windows drive's colon (`C:\data:/data`) is part of the source. */
function parseShort(item: YNode, text: Text): Volume {
  const value = text.value;
  const drive = /^[A-Za-z]:[\\/]/.test(value) ? 2 : 0;
  const first = value.indexOf(':', drive);
  if (first === -1) return { item, syntax: 'short', type: 'volume', target: text, options: [], readOnly: false };
  const second = value.indexOf(':', first + 1);
  const source = text.slice(0, first);
  const target = second === -1 ? text.slice(first + 1) : text.slice(first + 1, second);
  const mode = second === -1 ? undefined : text.slice(second + 1);
  const options: Text[] = [];
  if (mode) {
    let start = 0;
    for (const part of mode.value.split(',')) {
      if (part.trim() !== '') options.push(mode.slice(start, start + part.length));
      start += part.length + 1;
    }
  }
  const access = [...options].reverse().find((o) => o.value === 'ro' || o.value === 'rw');
  const propagation = options.find((o) => PROPAGATION_MODES.has(o.value));
  const bind = isHostPath(source.value);
  return {
    item,
    syntax: 'short',
    type: bind ? 'bind' : 'volume',
    ...(source.value === '' ? {} : { source }),
    ...(target.value === '' ? {} : { target }),
    ...(mode ? { mode } : {}),
    options,
    readOnly: access?.value === 'ro',
    ...(access ? { access } : {}),
    ...(propagation ? { propagation } : {}),
    ...(bind ? paths(source.value) : {}),
  };
}

function parseLong(item: YNode): Volume {
  const text = (key: string | [string, string]) => {
    const node = typeof key === 'string' ? get(item, key) : get(get(item, key[0]), key[1]);
    return isScalar(node) && node.value !== null ? Text.of(node) : undefined;
  };
  const source = text('source');
  const target = text('target');
  const access = text('read_only');
  const propagation = text(['bind', 'propagation']);
  const written = text('type')?.value.trim().toLowerCase();
  const type = written || (source && isHostPath(source.value) ? 'bind' : 'volume');
  return {
    item,
    syntax: 'long',
    type,
    ...(source && source.value !== '' ? { source } : {}),
    ...(target ? { target } : {}),
    options: [],
    readOnly: isTrue(get(item, 'read_only')),
    ...(access ? { access } : {}),
    ...(propagation ? { propagation } : {}),
    ...(type === 'bind' && source ? paths(source.value) : {}),
  };
}

/** Where a bind's source points: `hostPath` when absolute (or from `~`), `projectPath` when relative. */
function paths(source: string): { hostPath?: string; projectPath?: string } {
  const slashed = source.replace(/\\/g, '/');
  if (slashed.startsWith('/') || slashed.startsWith('~') || /^[A-Za-z]:\//.test(slashed)) return { hostPath: normalize(slashed) };
  if (slashed === '') return {};
  return { projectPath: normalize(slashed) };
}

/** A POSIX path without `.`, `..`, repeated or trailing slashes; `/` stays `/`. */
function normalize(p: string): string {
  const n = path.posix.normalize(p.replace(/\/{2,}/g, '/'));
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/**
 * True when `p` is `base` or inside it, comparing whole path segments: `/etc/ssl` is inside `/etc`,
 * `/etcd-data` is not. Both are normalized absolute paths (`Volume.hostPath`).
 */
export function isWithin(p: string, base: string): boolean {
  if (base === '/') return p.startsWith('/');
  return p === base || p.startsWith(`${base}/`);
}
