import type { Service } from './service.js';
import type { Text } from './text.js';

/** The service keys that choose a Linux namespace for the container; `host` makes it join the host's. */
export type NamespaceKey = 'network_mode' | 'pid' | 'ipc' | 'uts' | 'userns_mode' | 'cgroup';

/** The value without surrounding blanks, still mapped to its place in the file. */
function trimmed(text: Text): Text {
  return text.slice(text.value.length - text.value.trimStart().length, text.value.trimEnd().length);
}

/**
 * The value of a namespace key when it puts the container in the host's namespace: `host` in any
 * case, read after interpolation (`${NET:-host}` counts, and points at the default). `service:x`,
 * `container:x`, `private`, `shareable`, `none` or a network name are not the host's.
 */
export function hostNamespace(service: Service, key: NamespaceKey): Text | undefined {
  const value = service.text(key);
  const word = value && trimmed(value);
  return word && word.value.toLowerCase() === 'host' ? word : undefined;
}

/** `cgroup_parent` when it names a parent cgroup (not empty or blank). */
export function cgroupParent(service: Service): Text | undefined {
  const value = service.text('cgroup_parent');
  const word = value && trimmed(value);
  return word && word.value !== '' ? word : undefined;
}
