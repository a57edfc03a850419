import path from 'node:path';
import { defineRule, isMountedPath, nginxRunOf, officialNginxImage, walkNginx, type NginxDirective } from '../../../src/engine/api.js';
import { related } from '../_shared/related.js';

/** The directives that name a file nginx reads at start-up for TLS. */
const TLS_FILES = new Set(['ssl_certificate', 'ssl_certificate_key', 'ssl_dhparam', 'ssl_trusted_certificate', 'ssl_client_certificate']);
/** CA bundles: the image's own system bundle is a fine thing to trust. */
const CA_FILES = new Set(['ssl_trusted_certificate', 'ssl_client_certificate']);
const SYSTEM_CERTS = /^\/etc\/(ssl|pki)\//;

export default defineRule({
  meta: {
    id: 'cross/nginx-tls-files-mounted',
    description: 'Every certificate, key and dhparam file nginx reads is put in place by a volume, config or secret of its service',
    severity: 'error',
    tags: ['reliability', 'security'],
    securitySeverity: 3.0,
    references: {
      urls: ['https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_certificate', 'https://docs.docker.com/compose/how-tos/use-secrets/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      const { service, entries } = configs.setup;
      // A built or third-party image may hold the files itself.
      if (!run || !service || !officialNginxImage(service) || service.get('build') !== undefined) return;
      const prefix = path.posix.dirname(entries[0]?.containerPath ?? '/etc/nginx/nginx.conf');
      const started = [service.command, service.entrypoint].flatMap((c) => c?.words ?? []).map((w) => w.value);
      const unmounted = new Map<string, NginxDirective[]>();
      walkNginx(run.config, (d) => {
        const word = d.args[0];
        const name = d.name.value;
        if (!TLS_FILES.has(name) || !word || word.variables.length > 0 || /^(data|engine):/.test(word.value)) return;
        const file = path.posix.resolve(prefix, word.value);
        if (CA_FILES.has(name) && SYSTEM_CERTS.test(file)) return;
        // A command that names the file, or runs openssl, makes it at start.
        if (isMountedPath(service, file) || started.some((w) => w.includes(file) || /\bopenssl\b/.test(w))) return;
        unmounted.set(file, [...(unmounted.get(file) ?? []), d]);
      });
      for (const [file, directives] of unmounted) {
        const names = [...new Set(directives.map((d) => d.name.value))].join(', ');
        context.report({
          at: service.key,
          message: `nginx in service "${service.name}" reads ${file} (${names}), which no volume, config or secret of the service puts in its container: nginx cannot open it and refuses to start`,
          related: directives.map((d) => related(d.args[0]!, `${d.name.value} names it here`)),
        });
      }
    },
  }),
});
