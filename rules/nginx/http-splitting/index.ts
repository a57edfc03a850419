import { defineRule, nginxRunOf, originRelated, redirectWord, walkNginx, wordOrigins, type NginxDirective, type NginxWord } from '../../../src/engine/api.js';

/** Where a line break in a directive's value ends up, and what a client gains by it. */
interface Sink {
  readonly words: readonly NginxWord[];
  readonly into: string;
  readonly splits: 'response' | 'request';
}

/** The words of a directive that nginx writes into an HTTP message unescaped. */
function sinkOf(directive: NginxDirective): Sink | undefined {
  const name = directive.name.value;
  const args = directive.args;
  if (name === 'add_header' || name === 'add_trailer') return { words: args.slice(0, 2), into: 'a response header', splits: 'response' };
  if (name === 'proxy_set_header') return { words: args.slice(0, 2), into: 'a header of the request to the upstream', splits: 'request' };
  if (name === 'proxy_pass') return { words: args.slice(0, 1), into: 'the request line sent to the upstream', splits: 'request' };
  const redirect = redirectWord(directive);
  return redirect ? { words: [redirect], into: 'the Location header', splits: 'response' } : undefined;
}

const EFFECT = {
  response: 'add headers, cookies or a body of its own to the response (HTTP response splitting)',
  request: 'add headers or a whole second request to what nginx sends the upstream (HTTP request splitting)',
} as const;

export default defineRule({
  meta: {
    id: 'nginx/http-splitting',
    description: 'Values that can hold a line break ($uri, some regex captures) stay out of headers, redirects and upstream requests',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 7.5,
    references: {
      semgrep: ['generic.nginx.security.header-injection.header-injection'],
      cwe: ['CWE-113'],
      urls: ['https://github.com/yandex/gixy/blob/master/docs/en/plugins/httpsplitting.md', 'https://nginx.org/en/docs/http/ngx_http_core_module.html#var_uri', 'https://owasp.org/www-community/attacks/HTTP_Response_Splitting'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        const sink = sinkOf(directive);
        if (!sink) return;
        const name = directive.name.value;
        for (const word of sink.words) {
          const seen = new Set<string>();
          for (const { variable, origin } of wordOrigins(run.config, directive, word)) {
            // a rewrite escapes its own numbered captures in a redirect (ngx_http_script_copy_capture_code)
            if (!origin.lineBreak || (name === 'rewrite' && /^[1-9]$/.test(variable.name)) || seen.has(`${variable.valueStart}`)) continue;
            seen.add(`${variable.valueStart}`);
            context.report({
              at: variable,
              message: `${name} writes $${variable.name} into ${sink.into}, and it can hold a line break (it comes from ${origin.what}): a client can ${EFFECT[sink.splits]}`,
              related: originRelated(origin),
            });
          }
        }
      });
    },
  }),
});
