import { defineRule, isRootUser, type ImageReference, type Text } from '../../../src/engine/api.js';
import { EXEMPT_SERVICES_OPTIONS, isExempt } from '../_shared/exempt-services.js';

/** An image, or a family of images, whose default user is not root. */
export interface NonRootImage {
  /** `registry/path` as `parseImage` names it (Docker Hub without registry); a trailing `*` matches every name that starts with what comes before it (`bitnami/*`, `confluentinc/cp-*`). */
  readonly name: string;
  /** Set when only some tags run as non-root. */
  readonly tags?: RegExp;
  /** Tags that run as root although the name matches. */
  readonly exceptTags?: RegExp;
  /** Repositories matched by a `*` name that run as root after all. */
  readonly except?: readonly string[];
  /** The default user, as the publisher documents it. */
  readonly user: string;
}

/** Version tags from a major version on (`7.8.0`, `8.15.2-amd64`), and `latest`. */
const SINCE_6 = /^(?:latest$|(?:[6-9]|[1-9]\d)\.)/;
const SINCE_7 = /^(?:latest$|(?:[7-9]|[1-9]\d)\.)/;

/**
 * Images that already run as a non-root user when `user:` is left out. Kept short on purpose: an
 * image is listed only when its publisher documents a non-root default user for it, and base or
 * tooling images of the same family that run as root are left out.
 */
export const NON_ROOT_IMAGES: readonly NonRootImage[] = [
  { name: 'nginxinc/nginx-unprivileged', user: 'nginx (UID 101)' },
  { name: 'bitnami/*', except: ['bitnami/minideb', 'bitnami/git'], user: 'UID 1001' },
  { name: 'gcr.io/distroless/*', tags: /(^|-)nonroot(-|$)/, user: 'nonroot (UID 65532), only on the nonroot tags' },
  { name: 'cgr.dev/chainguard/*', except: ['cgr.dev/chainguard/wolfi-base', 'cgr.dev/chainguard/chainguard-base', 'cgr.dev/chainguard/busybox'], exceptTags: /(^|-)dev$/, user: 'nonroot (UID 65532), not the -dev tags' },
  { name: 'prom/prometheus', user: 'nobody' },
  { name: 'grafana/grafana', user: 'grafana (UID 472)' },
  { name: 'confluentinc/cp-*', tags: SINCE_6, user: 'appuser (UID 1000), since Confluent Platform 6.0' },
  { name: 'docker.elastic.co/elasticsearch/elasticsearch', tags: SINCE_7, user: 'elasticsearch (UID 1000), since 7.0' },
  { name: 'elasticsearch', tags: SINCE_7, user: 'elasticsearch (UID 1000), since 7.0' },
  { name: 'docker.elastic.co/kibana/kibana', tags: SINCE_7, user: 'kibana (UID 1000), since 7.0' },
  { name: 'kibana', tags: SINCE_7, user: 'kibana (UID 1000), since 7.0' },
  { name: 'ghcr.io/kafbat/kafka-ui', user: 'kafkaui' },
  { name: 'provectuslabs/kafka-ui', user: 'kafkaui' },
];

export function runsAsNonRootByDefault(image: ImageReference | undefined): boolean {
  if (!image) return false;
  return NON_ROOT_IMAGES.some((entry) => {
    const family = entry.name.endsWith('*') ? entry.name.slice(0, -1) : undefined;
    const nameMatches = family ? image.name.startsWith(family) && !entry.except?.includes(image.name) : image.name === entry.name;
    const tag = image.tag ?? 'latest';
    return nameMatches && (entry.tags?.test(tag) ?? true) && !(entry.exceptTags?.test(tag) ?? false);
  });
}

/** The value without surrounding whitespace, still mapped to its place in the file. */
function trimmed(text: Text): Text {
  return text.slice(text.value.length - text.value.trimStart().length, text.value.trimEnd().length);
}

export default defineRule({
  meta: {
    id: 'compose/non-root-user',
    description: 'Every service sets a non-root "user:", unless its image is known to run as non-root',
    severity: 'error',
    environments: { prod: 'error', dev: 'off', test: 'off' },
    tags: ['security'],
    reportsAbsence: true,
    securitySeverity: 7.0,
    references: {
      cis: ['4.1'],
      cwe: ['CWE-250'],
      urls: ['https://github.com/hadolint/hadolint/wiki/DL3002'],
    },
    options: EXEMPT_SERVICES_OPTIONS,
  },
  create: (context) => ({
    service(service) {
      if (isExempt(context, service)) return;
      const user = service.user && trimmed(service.user);
      if (!user) {
        if (!runsAsNonRootByDefault(service.imageReference)) {
          context.report({ at: service.key, message: `service "${service.name}" does not set "user:"; it runs as the image's default user, which is root for most images` });
        }
      } else if (isRootUser(user.value)) {
        context.report({ at: user, message: `service "${service.name}" runs as root ("user: ${user.value}")` });
      } else if (user.value === '' && !user.node.interpolation) {
        // `user: ""` (not a variable left unset, which is decided where the stack is deployed).
        context.report({ at: user.node, message: `service "${service.name}" sets an empty "user:"; it runs as the image's default user, which is root for most images` });
      }
    },
  }),
});
