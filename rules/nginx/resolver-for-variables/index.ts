import { defineRule, DOCKER_DNS, effectiveDirective, nginxRunOf, runtimeLookups, unreadIncludes, type RelatedLocation } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'nginx/resolver-for-variables',
    description: 'A proxy_pass (or fastcgi_pass, grpc_pass, uwsgi_pass) with variables, which nginx resolves per request, has a resolver',
    severity: 'error',
    tags: ['reliability'],
    references: {
      urls: ['https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass', 'https://nginx.org/en/docs/http/ngx_http_core_module.html#resolver', 'https://docs.docker.com/engine/network/#dns-services'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      for (const lookup of runtimeLookups(run.config)) {
        const block = lookup.directive.parent;
        if (effectiveDirective(run.config, block, 'resolver')) continue;
        // an include the project does not have may set the resolver
        if (block && unreadIncludes(run.config, block, true).length > 0) continue;
        const related: RelatedLocation[] = lookup.through ? [{ message: `the variable is set to "${lookup.host}" here`, ...lookup.hostAt }] : [];
        context.report({
          at: lookup.through ? lookup.directive.args[0]! : lookup.hostAt,
          message: `"${lookup.directive.name.value}" names "${lookup.host}" with variables, so nginx resolves it when a request comes, and no resolver applies here: every such request fails with 502 ("no resolver defined to resolve ${lookup.host}"); add "resolver ${DOCKER_DNS} valid=10s;" (Docker's embedded DNS) to the server or http block`,
          related,
        });
      }
    },
  }),
});
