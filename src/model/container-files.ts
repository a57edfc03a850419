import path from 'node:path';
import { isInside } from '../input/source.js';
import { get, isMap, isScalar, isSeq, type YNode } from '../parse/tree.js';
import type { Service } from './service.js';
import { Text } from './text.js';
import { isWithin, type Volume } from './volumes.js';

/**
 * One host file or directory that a service sees inside its container: a bind mount, or a `configs:`
 * or `secrets:` entry backed by a `file:`.
 */
export interface ContainerMount {
  /** Absolute path inside the container, normalized. */
  readonly target: string;
  /** Absolute host path, normalized; for a relative source, resolved against the project directory. */
  readonly hostPath: string;
  /**
   * True when the host path is inside the project directory: the repository's own file, which may be
   * read. A path outside it (`/etc/letsencrypt`, `~/certs`, `../shared`) belongs to the deploy host
   * and is never read.
   */
  readonly inProject: boolean;
  readonly readOnly: boolean;
  /** What mounts it, where it is written: the bind's source, or the `file:` of the config or secret. */
  readonly at: Text;
  readonly via: 'bind' | 'config' | 'secret';
}

/** A container path resolved through the mounts: the mount it falls in, and the host path it is. */
export interface ResolvedPath {
  readonly mount: ContainerMount;
  readonly hostPath: string;
}

/** A POSIX path without `.`, `..`, repeated or trailing slashes. */
export function normalizeContainerPath(p: string): string {
  const n = path.posix.normalize(p.replace(/\/{2,}/g, '/'));
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Resolves a bind source or a `file:` against the project directory; `~` is the deploy host's home. */
function hostPathOf(source: string, projectDir: string): { hostPath: string; inProject: boolean } {
  const slashed = source.replace(/\\/g, '/');
  if (slashed.startsWith('~')) return { hostPath: slashed, inProject: false };
  const hostPath = path.resolve(projectDir, slashed);
  return { hostPath, inProject: isInside(projectDir, hostPath) };
}

/** The `file:` of a top-level `configs`/`secrets` entry, if it is file-backed. */
function fileOf(root: YNode, section: 'configs' | 'secrets', name: string): Text | undefined {
  const file = get(get(get(root, section), name), 'file');
  return isScalar(file) && file.value !== null && String(file.value).trim() !== '' ? Text.of(file) : undefined;
}

/**
 * Service-level `configs:`/`secrets:` entries as (name, target) pairs. A config's default target is
 * `/<name>`; a secret's is `/run/secrets/<name>`, and a relative secret target is under `/run/secrets`.
 */
function grants(service: Service, section: 'configs' | 'secrets'): { name: string; target: string }[] {
  const node = service.get(section);
  if (!isSeq(node)) return [];
  const defaultDir = section === 'secrets' ? '/run/secrets' : '/';
  return node.items.flatMap((item) => {
    const source = isMap(item) ? get(item, 'source') : item;
    if (!isScalar(source) || source.value === null) return [];
    const name = String(source.value).trim();
    const target = isMap(item) ? get(item, 'target') : undefined;
    const written = isScalar(target) && target.value !== null ? String(target.value).trim() : '';
    const full = written === '' ? path.posix.join(defaultDir, name) : written.startsWith('/') ? written : path.posix.join(defaultDir, written);
    return name === '' ? [] : [{ name, target: normalizeContainerPath(full) }];
  });
}

/**
 * Every host file or directory the service sees in its container, from binds (short and long
 * syntax) and from file-backed `configs:` and `secrets:`. Named volumes, tmpfs and content-backed
 * configs are not host files and are left out.
 */
export function containerMounts(service: Service, root: YNode, projectDir: string): ContainerMount[] {
  const mounts: ContainerMount[] = [];
  for (const volume of service.volumes) {
    if (volume.type !== 'bind' || !volume.source || !volume.target) continue;
    const target = volume.target.value.trim();
    if (!target.startsWith('/')) continue;
    const source = volume.source.value.trim();
    mounts.push({ target: normalizeContainerPath(target), ...hostPathOf(source, projectDir), readOnly: volume.readOnly, at: volume.source, via: 'bind' });
  }
  for (const section of ['configs', 'secrets'] as const) {
    for (const { name, target } of grants(service, section)) {
      const file = fileOf(root, section, name);
      if (!file) continue;
      mounts.push({ target, ...hostPathOf(file.value.trim(), projectDir), readOnly: true, at: file, via: section === 'configs' ? 'config' : 'secret' });
    }
  }
  return mounts;
}

/**
 * Where a container path comes from: the mount with the longest target that holds it (comparing
 * whole path segments), as Docker stacks mounts. Undefined when the path is the image's own.
 */
export function resolveContainerPath(mounts: readonly ContainerMount[], containerPath: string): ResolvedPath | undefined {
  const wanted = normalizeContainerPath(containerPath);
  let best: ContainerMount | undefined;
  for (const mount of mounts) {
    if (isWithin(wanted, mount.target) && (!best || mount.target.length >= best.target.length)) best = mount;
  }
  if (!best) return undefined;
  const rest = wanted === best.target ? '' : wanted.slice(best.target === '/' ? 1 : best.target.length + 1);
  return { mount: best, hostPath: rest === '' ? best.hostPath : path.join(best.hostPath, ...rest.split('/')) };
}

/** The mounts whose target is at or below a container directory (`/etc/nginx/conf.d`). */
export function mountsUnder(mounts: readonly ContainerMount[], containerDir: string): ContainerMount[] {
  const dir = normalizeContainerPath(containerDir);
  return mounts.filter((m) => isWithin(m.target, dir));
}

/**
 * True when something the compose file sets up puts a container path in place: a volume of any kind
 * but tmpfs (which starts empty) whose target holds it, or a `configs:`/`secrets:` entry (file-backed
 * or not) at it or above it. False means the path is the image's own.
 */
export function isMountedPath(service: Service, containerPath: string): boolean {
  const wanted = normalizeContainerPath(containerPath);
  const volume = service.volumes.some((v) => v.type !== 'tmpfs' && v.target?.value.trim().startsWith('/') && isWithin(wanted, normalizeContainerPath(v.target.value.trim())));
  return volume || (['configs', 'secrets'] as const).some((section) => grants(service, section).some((g) => isWithin(wanted, g.target)));
}

/**
 * The volume of `volumes:` that holds a container path: the one with the longest target at or above
 * it, as Docker stacks mounts (bind, named or anonymous volume, tmpfs alike). Undefined when no
 * volume holds it (the image's own filesystem, or a volume the image declares).
 */
export function volumeHolding(service: Service, containerPath: string): Volume | undefined {
  const wanted = normalizeContainerPath(containerPath);
  let best: { volume: Volume; target: string } | undefined;
  for (const volume of service.volumes) {
    const target = volume.target?.value.trim();
    if (!target?.startsWith('/')) continue;
    const normalized = normalizeContainerPath(target);
    if (isWithin(wanted, normalized) && (!best || normalized.length >= best.target.length)) best = { volume, target: normalized };
  }
  return best?.volume;
}
