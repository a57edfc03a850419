import { addressScope, defineRule, DOCKER_DNS, networkModeOf, nginxRunOf, resolverAddresses, walkNginx, type NetworkMode } from '../../../src/engine/api.js';

/** The network modes whose containers have no embedded DNS server: Docker runs it only for containers on user-defined networks. */
const WITHOUT_DOCKER_DNS: ReadonlySet<NetworkMode['kind']> = new Set(['host', 'bridge', 'none']);

export default defineRule({
  meta: {
    id: 'nginx/resolver-external',
    description: `nginx's resolver is Docker's DNS (${DOCKER_DNS}) where the service has it, or a private nameserver, not a public one`,
    severity: 'warning',
    tags: ['security', 'reliability'],
    securitySeverity: 4.3,
    references: {
      cwe: ['CWE-350'],
      urls: [
        'https://nginx.org/en/docs/http/ngx_http_core_module.html#resolver',
        'https://docs.docker.com/engine/network/#dns-services',
        'https://gixy.getpagespeed.com/en/plugins/resolver_external/',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      const service = configs.setup.service;
      const mode = service ? networkModeOf(service) : undefined;
      walkNginx(run.config, (resolver) => {
        if (resolver.name.value !== 'resolver') return;
        const addresses = resolverAddresses(resolver);
        const withDocker = addresses.some((a) => a.host === DOCKER_DNS);
        for (const address of addresses) {
          if (address.host === DOCKER_DNS && service && mode && 'value' in mode && WITHOUT_DOCKER_DNS.has(mode.kind)) {
            context.report({
              at: address.hostAt,
              message: `the resolver ${DOCKER_DNS} is Docker's embedded DNS, which only containers on user-defined networks have: service "${service.name}" runs with "network_mode: ${String(mode.value.value).trim()}", so every lookup nginx makes fails; put the service on a compose network, or name a nameserver it can reach`,
              related: [{ message: 'the network mode', file: mode.value.origin.file, range: mode.value.origin.range }],
            });
            continue;
          }
          if (addressScope(address.host) !== 'public') continue;
          const mixed = withDocker ? `; nginx asks the nameservers of a resolver in turn, so beside ${DOCKER_DNS} some lookups of service names fail` : '';
          context.report({
            at: address.hostAt,
            message: `the resolver ${address.host} is a public nameserver: it cannot answer the names of compose services, and every name nginx looks up leaves the host, unencrypted, for it${mixed}; use Docker's embedded DNS, "resolver ${DOCKER_DNS}", which answers service names and forwards other names to the host's nameservers`,
          });
        }
      });
    },
  }),
});
