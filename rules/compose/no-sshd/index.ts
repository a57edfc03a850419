import { baseName, defineRule, imageRepository, invocationsOf, type Invocation, type Service, type Text } from '../../../src/engine/api.js';

/**
 * Images whose product is an SSH endpoint, by repository name (the image's last path component):
 * SSH and SFTP servers, and git forges that serve git over SSH. Their port 22 is what they are for.
 */
const SSH_SERVER_IMAGES = new Set([
  'openssh-server',
  'sshd',
  'sftp',
  'sftpgo',
  'gitea',
  'forgejo',
  'gogs',
  'gitlab',
  'gitlab-ce',
  'gitlab-ee',
  'soft-serve',
]);
/** The same, by full image path where the repository name alone says too little. */
const SSH_SERVER_PATHS = new Set(['1dev/server']);

/** Programs that are SSH daemons. */
const DAEMONS = new Set(['sshd', 'dropbear']);
/** Service names an init script or service manager starts an SSH daemon by. */
const SSH_SERVICES = new Set(['ssh', 'sshd', 'openssh', 'dropbear']);
const STARTS = new Set(['start', 'restart']);

const CONSEQUENCE = 'an SSH daemon is a second way into the container, with its own keys or passwords to manage and outside the access control of "docker exec"';

/**
 * True when the service's product is an SSH endpoint: its image's repository name says so, or, for
 * a service that builds its image, the build context folder's name does (`build: ./gitlab`).
 */
function isSshServer(service: Service): boolean {
  const repository = imageRepository(service);
  if (repository !== undefined) return SSH_SERVER_IMAGES.has(repository) || SSH_SERVER_PATHS.has(service.imageReference!.path);
  const context = (service.text('build') ?? service.text(['build', 'context']))?.value.trim().replace(/\/+$/, '');
  return context !== undefined && SSH_SERVER_IMAGES.has(baseName(context));
}

/** The word that starts an SSH daemon in one run: `sshd`, or the `ssh` of `service ssh start` and `/etc/init.d/ssh start`. */
function daemonWord(run: Invocation): Text | undefined {
  if (DAEMONS.has(run.name)) return run.program;
  const [first, second] = run.args;
  if ((run.name === 'service' || run.name === 'rc-service') && first && second && SSH_SERVICES.has(first.value) && STARTS.has(second.value)) return first;
  if (/\/init\.d\/[^/]+$/.test(run.program.value) && SSH_SERVICES.has(run.name) && first && STARTS.has(first.value)) return run.program;
  return undefined;
}

/** A container port, or an `expose` item without its `/protocol`, that is exactly SSH's port 22 over TCP. */
function isSshPort(port: Text | undefined, protocol: string): port is Text {
  return port !== undefined && port.value.trim() === '22' && protocol === 'tcp' && port.isLiteral();
}

export default defineRule({
  meta: {
    id: 'compose/no-sshd',
    description: 'No service runs an SSH daemon or opens container port 22, unless its image is an SSH or git server',
    severity: 'info',
    tags: ['security'],
    securitySeverity: 3.0,
    references: {
      cis: ['5.7'],
      urls: ['https://docs.docker.com/reference/cli/docker/container/exec/'],
    },
  },
  create: (context) => {
    const report = (service: Service, at: Text, what: string) =>
      context.report({ at, message: `service "${service.name}" ${what}; ${CONSEQUENCE}` });
    return {
      service(service) {
        if (isSshServer(service)) return;
        for (const key of ['command', 'entrypoint'] as const) {
          for (const run of invocationsOf(key === 'command' ? service.command : service.entrypoint)) {
            const word = daemonWord(run);
            if (word?.isLiteral()) report(service, word, `starts an SSH daemon (${word.value}) in "${key}"`);
          }
        }
        for (const port of service.ports) {
          if (isSshPort(port.target, port.protocol)) report(service, port.target, 'publishes container port 22 (SSH) in "ports"');
        }
        for (const item of service.list('expose')) {
          const slash = item.value.indexOf('/');
          const port = slash === -1 ? item : item.slice(0, slash);
          if (isSshPort(port, slash === -1 ? 'tcp' : item.value.slice(slash + 1).trim().toLowerCase())) report(service, port, 'exposes port 22 (SSH) in "expose"');
        }
      },
    };
  },
});
