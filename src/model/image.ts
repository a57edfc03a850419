/** An image reference taken apart: `[registry/]path[:tag][@digest]`. */
export interface ImageReference {
  /** Registry host (`gcr.io`, `registry.local:5000`); undefined for Docker Hub, also when written as `docker.io`. */
  readonly registry?: string;
  /** Repository path below the registry, lower case; Docker Hub's official images lose their `library/` (`nginx`). */
  readonly path: string;
  /** `registry/path`, or `path` alone on Docker Hub: the name to compare with lists of images. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Takes an image reference apart (`docker.io/bitnami/redis:7.2@sha256:…` → path `bitnami/redis`,
 * tag `7.2`). The first path component is a registry when it has a `.` or `:` or is `localhost`,
 * as Docker decides it.
 */
export function parseImage(image: string): ImageReference {
  const trimmed = image.trim();
  const at = trimmed.indexOf('@');
  const digest = at === -1 ? undefined : trimmed.slice(at + 1);
  let rest = at === -1 ? trimmed : trimmed.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  if (tag !== undefined) rest = rest.slice(0, colon);
  const parts = rest.split('/');
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasRegistry ? first.toLowerCase() : undefined;
  const registry = host !== undefined && !DOCKER_HUB.has(host) ? host : undefined;
  let path = (hasRegistry ? parts.slice(1) : parts).join('/').toLowerCase();
  if (registry === undefined && path.startsWith('library/')) path = path.slice('library/'.length);
  return {
    ...(registry !== undefined ? { registry } : {}),
    path,
    name: registry !== undefined ? `${registry}/${path}` : path,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}
