import { isWithin, type Volume } from './volumes.js';

/** File names of the API sockets of container engines: whoever can write to one controls the host. */
const ENGINE_SOCKETS = new Set(['docker.sock', 'podman.sock', 'containerd.sock', 'cri-dockerd.sock', 'dockershim.sock', 'crio.sock', 'buildkitd.sock']);

/**
 * The container engine socket a volume bind-mounts, as written: a bind whose host path ends in a
 * socket of Docker, Podman, containerd, CRI-O or BuildKit (`/var/run/docker.sock`,
 * `/run/user/1000/podman/podman.sock`, `~/.docker/run/docker.sock`), or Docker's Windows named pipe
 * (`\\.\pipe\docker_engine`, also as `type: npipe`).
 */
export function engineSocketOf(volume: Volume): string | undefined {
  const source = volume.source?.value;
  if (!source) return undefined;
  if (/[\\/]pipe[\\/]docker_engine$/i.test(source) && (volume.type === 'npipe' || volume.type === 'bind')) return source;
  if (volume.type !== 'bind' || volume.hostPath === undefined) return undefined;
  const name = volume.hostPath.slice(volume.hostPath.lastIndexOf('/') + 1);
  return ENGINE_SOCKETS.has(name) ? source : undefined;
}

/** A sensitive host path: `tree` means everything under it too, else only the path itself. */
interface SensitivePath {
  readonly path: string;
  readonly tree: boolean;
  readonly why: string;
  /** World-readable on any host: only a writable mount counts. */
  readonly public?: boolean;
}

const SENSITIVE: readonly SensitivePath[] = [
  { path: '/', tree: false, why: "the host's whole file system" },
  { path: '/etc', tree: false, why: "the host's configuration" },
  { path: '/etc/shadow', tree: true, why: "the host's password hashes" },
  { path: '/etc/gshadow', tree: true, why: "the host's group password hashes" },
  { path: '/etc/passwd', tree: true, why: "the host's user accounts", public: true },
  { path: '/etc/group', tree: true, why: "the host's groups", public: true },
  { path: '/etc/sudoers', tree: true, why: "the host's sudo rules" },
  { path: '/etc/sudoers.d', tree: true, why: "the host's sudo rules" },
  { path: '/etc/ssh', tree: true, why: "the host's SSH server keys and configuration" },
  { path: '/etc/pam.d', tree: true, why: "the host's login rules" },
  { path: '/etc/crontab', tree: true, why: "the host's scheduled jobs" },
  { path: '/etc/cron.d', tree: true, why: "the host's scheduled jobs" },
  { path: '/etc/systemd', tree: true, why: "the host's services" },
  { path: '/etc/docker', tree: true, why: "the Docker daemon's configuration" },
  { path: '/etc/containerd', tree: true, why: "the containerd daemon's configuration" },
  { path: '/etc/kubernetes', tree: true, why: "the cluster's credentials" },
  { path: '/root', tree: true, why: "the home of the host's root user" },
  { path: '/home', tree: false, why: "every user's home" },
  { path: '/boot', tree: true, why: "the host's kernel and boot loader" },
  { path: '/proc', tree: true, why: "the host's processes and kernel settings" },
  { path: '/sys', tree: true, why: "the host's kernel and devices" },
  { path: '/dev', tree: false, why: "the host's devices" },
  { path: '/dev/shm', tree: true, why: "the host's shared memory" },
  { path: '/dev/mem', tree: true, why: "the host's physical memory" },
  { path: '/dev/kmem', tree: true, why: "the host's kernel memory" },
  { path: '/dev/port', tree: true, why: "the host's I/O ports" },
  { path: '/bin', tree: true, why: "the host's programs" },
  { path: '/sbin', tree: true, why: "the host's programs" },
  { path: '/lib', tree: true, why: "the host's libraries and kernel modules" },
  { path: '/lib32', tree: true, why: "the host's libraries" },
  { path: '/lib64', tree: true, why: "the host's libraries" },
  { path: '/libx32', tree: true, why: "the host's libraries" },
  { path: '/usr', tree: false, why: "the host's programs and libraries" },
  ...['/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib32', '/usr/lib64', '/usr/libexec', '/usr/local/bin', '/usr/local/sbin', '/usr/local/lib'].map((path) => ({
    path,
    tree: true,
    why: path.includes('lib') ? "the host's libraries" : "the host's programs",
  })),
  { path: '/var', tree: false, why: "the host's variable data" },
  { path: '/var/lib', tree: false, why: "the host's service state" },
  { path: '/var/lib/docker', tree: true, why: "every container's data and image layers" },
  { path: '/var/lib/containerd', tree: true, why: "every container's data and image layers" },
  { path: '/var/lib/kubelet', tree: true, why: "the cluster's pod data and credentials" },
  { path: '/run', tree: false, why: "the host's daemon sockets, Docker's among them" },
  { path: '/var/run', tree: false, why: "the host's daemon sockets, Docker's among them" },
  { path: '/run/dbus', tree: true, why: "the host's system bus" },
  { path: '/var/run/dbus', tree: true, why: "the host's system bus" },
  { path: '/run/systemd', tree: true, why: "the host's init system" },
  { path: '/var/run/systemd', tree: true, why: "the host's init system" },
];

/** Device files that give nothing away, however mounted. */
const HARMLESS = ['/dev/null', '/dev/zero', '/dev/random', '/dev/urandom'];

export interface SensitiveMount {
  /** The sensitive path the bind's host path is, or lies under. */
  readonly path: string;
  /** What it holds, for a message: "the host's configuration". */
  readonly why: string;
}

/**
 * The sensitive host path a volume bind-mounts, matched on whole path segments (`/etcd-data` is not
 * `/etc`, `/homeassistant` is not `/home`). Only binds with an absolute source count: a relative
 * source is the project's own files, and volumes have no host path. Engine sockets are left to their
 * own check. Other paths under `/etc` or `/usr` are an application's own files
 * (`/etc/letsencrypt`, `/usr/share/zoneinfo`) and single device files (`/dev/net/tun`) are left to
 * the device checks: they do not count.
 */
export function sensitiveMountOf(volume: Volume): SensitiveMount | undefined {
  const p = volume.hostPath;
  if (volume.type !== 'bind' || p === undefined || !p.startsWith('/') || engineSocketOf(volume)) return undefined;
  if (HARMLESS.includes(p)) return undefined;
  let best: SensitivePath | undefined;
  for (const entry of SENSITIVE) {
    if (!(entry.tree ? isWithin(p, entry.path) : p === entry.path)) continue;
    if (!best || entry.path.length > best.path.length) best = entry;
  }
  if (!best || (best.public && volume.readOnly)) return undefined;
  return { path: best.path, why: best.why };
}
