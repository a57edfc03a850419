import type { Service } from './service.js';

/**
 * The reverse proxies that count as a stack's ingress unless configured otherwise (the
 * configuration's `ingress`, carried by `project.policy.ingress`, replaces this list): the one kind
 * of service that takes traffic from outside and so may publish ports. Rules never read it: they pass
 * `project.policy.ingress`.
 */
export const DEFAULT_INGRESS: readonly string[] = ['nginx', 'traefik', 'caddy', 'haproxy', 'envoy'];

/** Name words that mark a helper of a proxy (it reads its metrics) rather than the proxy itself. */
const HELPER_WORDS = new Set(['exporter']);

/**
 * True when `name` is one of `ingress` or starts with one of them followed by `-`
 * (`nginx`, `nginx-proxy`, `envoy-distroless`), unless a word of it says it is a helper, as in
 * `nginx-prometheus-exporter`.
 */
export function isIngressName(name: string, ingress: readonly string[] = DEFAULT_INGRESS): boolean {
  const lower = name.toLowerCase();
  if (lower.split(/[-_.]/).some((word) => HELPER_WORDS.has(word))) return false;
  return ingress.some((proxy) => lower === proxy || lower.startsWith(`${proxy}-`));
}

/**
 * True when the service's name, or the repository name of its image (the last path component,
 * without registry, tag or digest: `nginxinc/nginx-unprivileged:1.27` → `nginx-unprivileged`),
 * is an ingress name of `ingress` (a rule passes `project.policy.ingress`).
 */
export function isIngress(service: Service, ingress: readonly string[]): boolean {
  const path = service.imageReference?.path;
  const repository = path?.slice(path.lastIndexOf('/') + 1);
  return isIngressName(service.name, ingress) || (repository !== undefined && isIngressName(repository, ingress));
}
