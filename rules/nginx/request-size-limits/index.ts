import { defineRule, nginxRunOf, nginxSize, walkNginx, type NginxWord } from '../../../src/engine/api.js';

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * Buffers nginx allocates per connection or per request, and the size past which a value is no
 * longer a tuning choice but an invitation to exhaust memory (16 to 64 times nginx's default).
 */
const BUFFERS: ReadonlyMap<string, { size: (d: { args: NginxWord[] }) => NginxWord | undefined; limit: number; holds: string }> = new Map([
  ['client_body_buffer_size', { size: (d) => d.args[0], limit: 16 * MIB, holds: 'of each request body in memory (the default is 16k; a larger body goes to a temporary file, which is fine)' }],
  ['client_header_buffer_size', { size: (d) => d.args[0], limit: 64 * KIB, holds: 'per connection for its request headers (the default is 1k)' }],
  ['large_client_header_buffers', { size: (d) => d.args[1], limit: 64 * KIB, holds: 'for each long request line or header field (the default is 8k)' }],
]);

export default defineRule({
  meta: {
    id: 'nginx/request-size-limits',
    description: 'nginx keeps a limit on request bodies (client_max_body_size is not 0) and no request buffer is absurdly large',
    severity: 'info',
    environments: { dev: 'off', test: 'off' },
    tags: ['security', 'reliability'],
    securitySeverity: 3.7,
    references: {
      cwe: ['CWE-770'],
      urls: [
        'https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size',
        'https://nginx.org/en/docs/http/ngx_http_core_module.html#client_body_buffer_size',
        'https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      // These names exist in the http modules only, so the context needs no check.
      walkNginx(run.config, (directive) => {
        const name = directive.name.value;
        const value = directive.args[0];
        if (name === 'client_max_body_size' && value && nginxSize(value.value) === 0) {
          context.report({
            at: value,
            message: `"client_max_body_size ${value.value}" turns off nginx's limit on request bodies: any client can send a body of any size, which nginx writes to disk before the backend sees it; set the largest upload the application takes`,
          });
          return;
        }
        const buffer = BUFFERS.get(name);
        const size = buffer?.size(directive);
        const bytes = size ? nginxSize(size.value) : undefined;
        if (buffer && size && bytes !== undefined && bytes > buffer.limit) {
          context.report({
            at: size,
            message: `"${name} ${directive.args.map((a) => a.value).join(' ')}" lets nginx hold up to ${size.value} ${buffer.holds}: concurrent clients can exhaust nginx's memory`,
          });
        }
      });
    },
  }),
});
