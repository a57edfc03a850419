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
  const spans = imageSpans(image);
  const part = ([start, end]: readonly [number, number]) => image.slice(start, end);
  const digest = spans.digest && part(spans.digest);
  const tag = spans.tag && part(spans.tag);
  const parts = part(spans.name).split('/');
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

/** Where each part of an image reference is written: `[start, end)` offsets into the string, blanks around it left out. */
export interface ImageSpans {
  /** `[registry/]path` as written. */
  readonly name: readonly [number, number];
  /** After the `:`, when there is a tag. */
  readonly tag?: readonly [number, number];
  /** After the `@`, when there is a digest. */
  readonly digest?: readonly [number, number];
}

/** The offsets of the name, tag and digest of an image reference (`prom/prometheus:v2.53.1` → tag at 16–23). */
export function imageSpans(image: string): ImageSpans {
  const start = image.length - image.trimStart().length;
  const end = image.trimEnd().length;
  const at = image.indexOf('@', start);
  const digest = at === -1 || at >= end ? undefined : ([at + 1, end] as const);
  const restEnd = digest ? at : end;
  const rest = image.slice(start, restEnd);
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? ([start + colon + 1, restEnd] as const) : undefined;
  return { name: [start, tag ? start + colon : restEnd], ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}
