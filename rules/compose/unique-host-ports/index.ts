import {
  BindingIndex,
  bindingsConflict,
  defineRule,
  describeHostBinding,
  hostBindingOf,
  mayRunTogether,
  networkModeOf,
  portPlace,
  type HostBinding,
  type NetworkMode,
  type Service,
} from '../../../src/engine/api.js';

/** The network modes with which the engine publishes `ports:` (with `host` it ignores them; with `none`, `service:` and `container:` it refuses them). */
const PUBLISHING: ReadonlySet<NetworkMode['kind']> = new Set(['networks', 'bridge', 'other']);

interface Published {
  readonly service: Service;
  readonly binding: HostBinding;
}

/** The same mapping written twice in one service: Compose keeps one, nothing clashes. */
function sameMapping(a: HostBinding, b: HostBinding): boolean {
  return a.ports.first === b.ports.first && a.ports.last === b.ports.last && a.port.target?.value.trim() === b.port.target?.value.trim();
}

function clash(earlier: Published, later: Published): boolean {
  if (!bindingsConflict(earlier.binding, later.binding)) return false;
  if (earlier.service === later.service) return !sameMapping(earlier.binding, later.binding);
  return mayRunTogether(earlier.service.profiles, later.service.profiles);
}

export default defineRule({
  meta: {
    id: 'compose/unique-host-ports',
    description: 'No host port is published twice in a project on the same protocol and a host address both would bind',
    severity: 'error',
    tags: ['reliability', 'networking'],
    references: {
      urls: ['https://docs.docker.com/reference/compose-file/services/#ports'],
    },
  },
  create: (context) => ({
    project(project) {
      const seen = new BindingIndex<Published>();
      for (const service of project.services) {
        if (!PUBLISHING.has(networkModeOf(service).kind)) continue;
        for (const port of service.ports) {
          const binding = hostBindingOf(port);
          if (!binding) continue;
          const current = { service, binding };
          const earlier = seen.overlapping(binding).filter((other) => clash(other, current));
          seen.add(binding, current);
          if (earlier.length === 0) continue;
          const others = [...new Set(earlier.map((e) => e.service.name))].filter((name) => name !== service.name).map((name) => `"${name}"`);
          const names = others.length > 1 ? `${others.slice(0, -1).join(', ')} and ${others.at(-1)}` : others.join('');
          const again = others.length === 0 ? ' twice' : `, which ${others.length === 1 ? 'service' : 'services'} ${names} ${others.length === 1 ? 'publishes' : 'publish'} too`;
          const fails = others.length === 0 ? 'the container fails to start' : 'the container started second fails';
          context.report({
            at: portPlace(port),
            message: `service "${service.name}" publishes ${describeHostBinding(binding)}${again}; the engine binds a host port once, and ${fails} ("port is already allocated")`,
            related: earlier.map(({ service: owner, binding: first }) => {
              const { file, range } = portPlace(first.port).origin;
              return { message: `service "${owner.name}" publishes ${describeHostBinding(first)} here`, file, range };
            }),
          });
        }
      }
    },
  }),
});
