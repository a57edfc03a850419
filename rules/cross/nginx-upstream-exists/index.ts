import {
  declaredContainerPorts,
  declaresPort,
  defineRule,
  hasExtraHost,
  hostAnswers,
  joinedNetworks,
  networkDeclaration,
  nginxRunOf,
  nginxTargets,
  upstreamNames,
  type HostAnswer,
  type NginxTarget,
} from '../../../src/engine/api.js';
import { related } from '../_shared/related.js';


/** `network "app"` or `networks "edge", "app"`. */
function networkList(keys: readonly string[]): string {
  return keys.length === 1 ? `network "${keys[0]}"` : `networks ${keys.map((k) => `"${k}"`).join(', ')}`;
}

/** Hosts that are not compose services: loopback, IP literals, and names with a dot (outside the project). */
function isOutsideCompose(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower.includes('.') || /^[\d.]+$/.test(lower);
}

/** What the directive does with the address, for the message. */
function describe(target: NginxTarget): string {
  const name = target.directive.name.value;
  const how = name === 'server' ? 'upstream server' : name;
  return target.through ? `${how} (through "set ${target.through.args[0]!.value}")` : how;
}

const AS: Record<HostAnswer['as'], string> = {
  service: 'service',
  container_name: 'the container_name of service',
  alias: 'a network alias of service',
  replica: 'a container of service',
  link: 'a link alias of service',
};

export default defineRule({
  meta: {
    id: 'cross/nginx-upstream-exists',
    description: 'Every host nginx passes requests to is a compose service on a network nginx shares, on a port the service declares',
    severity: 'error',
    tags: ['reliability', 'networking'],
    references: {
      urls: [
        'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass',
        'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#server',
        'https://docs.docker.com/compose/how-tos/networking/',
        'https://docs.docker.com/reference/compose-file/services/#aliases',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const nginx = nginxRunOf(configs)?.config;
      if (!nginx) return;
      const { project } = context;
      const client = configs.setup.service;
      if (!client) return;
      const joined = joinedNetworks(project, client);
      // host, bridge, none or container:x: Docker's DNS for the project's names is not what answers.
      if (joined.networks.length === 0) return;
      const upstreams = upstreamNames(nginx);
      const externalNetwork = joined.networks.some((n) => n.name !== 'default' && networkDeclaration(project, n.name).external);
      const serviceAt = related(client.key.origin, `service "${client.name}" runs this nginx`);
      for (const target of nginxTargets(nginx)) {
        const { host } = target;
        if (target.directive.name.value !== 'server' && upstreams.has(host)) continue;
        if (isOutsideCompose(host) || hasExtraHost(client, host)) continue;
        const answers = hostAnswers(project, client, host);
        const what = describe(target);
        if (answers.length === 0) {
          // A container of another project may answer on a network created outside this one.
          if (externalNetwork) continue;
          context.report({
            at: target.hostAt,
            message: `${what} names host "${host}", which is no service, container_name or network alias of the compose project, nor an upstream of the nginx configuration; ${
              target.through ? 'every request to it fails (502)' : 'nginx refuses to start ("host not found in upstream")'
            }`,
            related: [serviceAt],
          });
          continue;
        }
        if (answers.some((a) => a.networks === undefined)) continue;
        const reachable = answers.filter((a) => a.shared.length > 0);
        if (reachable.length === 0) {
          const first = answers[0]!;
          context.report({
            at: target.hostAt,
            message: `${what} names "${host}" (${AS[first.as]} "${first.service.name}"), which is on ${networkList(first.networks!)} while service "${client.name}" is on ${networkList(joined.networks.map((n) => n.name))}: they share no network, so nginx cannot reach it`,
            related: [serviceAt, related(first.service.key.origin, `service "${first.service.name}" is defined here`)],
          });
          continue;
        }
        if (target.port === undefined) continue;
        const port = target.port;
        const declared = reachable.map((a) => ({ service: a.service, ports: declaredContainerPorts(a.service) }));
        // Not checked when a service declares no container port: it may listen anywhere.
        if (declared.some((d) => d.ports.length === 0 || declaresPort(d.ports, port))) continue;
        const { service, ports } = declared[0]!;
        context.report({
          at: target.hostAt,
          message: `${what} sends to port ${port}${target.defaultPort ? ' (not written: the default)' : ''} of service "${service.name}", which declares container port${ports.length > 1 ? 's' : ''} ${ports.map((p) => p.text.value.trim()).join(', ')} only`,
          related: [serviceAt, related(ports[0]!.text.origin, `service "${service.name}" declares its ports here`)],
        });
      }
    },
  }),
});
