import { defineRule, directivesNamed, isRootUser, type Service } from '../../../src/engine/api.js';

/** nginx images whose master process runs as a non-root user unless compose says otherwise (from any registry). */
const NON_ROOT_NGINX_IMAGES = new Set(['nginxinc/nginx-unprivileged', 'bitnami/nginx', 'bitnami/openresty']);

/** True when nginx's master process runs as a non-root user, so that the main file's `user` directive is ignored. */
function masterRunsAsNonRoot(service: Service): boolean {
  const user = service.user?.value.trim();
  if (user) return !isRootUser(user);
  return NON_ROOT_NGINX_IMAGES.has(service.imageReference?.path ?? '');
}

export default defineRule({
  meta: {
    id: 'nginx/worker-user-non-root',
    description: 'The nginx.conf a root master process reads does not run the worker processes as root ("user root")',
    severity: 'warning',
    environments: { dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 6.3,
    references: {
      cwe: ['CWE-250'],
      urls: ['https://nginx.org/en/docs/ngx_core_module.html#user', 'https://github.com/dev-sec/nginx-baseline'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      // the main file only: the image's own nginx.conf says `user nginx`
      const config = configs.nginx;
      const service = configs.setup.service;
      if (!config || (service && masterRunsAsNonRoot(service))) return;
      for (const user of directivesNamed(config, 'user')) {
        const name = user.args[0];
        if (name?.value !== 'root') continue;
        context.report({
          at: name,
          message: `"user root" runs nginx's worker processes, which parse every request, as root: a flaw in nginx or one of its modules then gives an attacker root in the container; remove the directive (the workers then run as nginx's default user, "nginx" in the official image) or name an unprivileged user`,
        });
      }
    },
  }),
});
