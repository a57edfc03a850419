import { defineRule, nginxRunOf, walkNginx, type NginxDirective, type NginxWord } from '../../../src/engine/api.js';

/** The options of headers-more's directives that take a value of their own (`-s 404`, `-t text/html`). */
const MORE_OPTIONS = new Set(['-s', '-t']);

/** The words of a directive that become a header line: `add_header`'s and `add_trailer`'s value, each `Name: value` of `more_set_headers`. */
function headerWords(directive: NginxDirective): NginxWord[] {
  switch (directive.name.value) {
    case 'add_header':
    case 'add_trailer':
      return directive.args.slice(1, 2);
    case 'more_set_headers':
      return directive.args.filter((word, i) => !MORE_OPTIONS.has(word.value) && !MORE_OPTIONS.has(directive.args[i - 1]?.value ?? ''));
    default:
      return [];
  }
}

export default defineRule({
  meta: {
    id: 'nginx/add-header-multiline',
    description: 'A response header nginx adds (add_header, more_set_headers) fits on one line: no line break in its value',
    severity: 'info',
    tags: ['correctness'],
    references: {
      urls: ['https://www.rfc-editor.org/rfc/rfc9112#name-obsolete-line-folding', 'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header', 'https://gixy.getpagespeed.com/en/plugins/add_header_multiline/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (directive) => {
        for (const word of headerWords(directive)) {
          if (!/[\r\n]/.test(word.value)) continue;
          const field = directive.name.value === 'more_set_headers' ? word.value.split(':')[0]!.trim() : directive.args[0]!.value;
          // at the directive's name: a marker line right under the value's first line would sit inside the quotes
          context.report({
            at: directive.name,
            message: `the ${field} header that ${directive.name.value} sends has a line break in its value: nginx sends it as written, so the header continues on lines of its own, a folding HTTP/1.1 has deprecated and that browsers and proxies reject, drop or cut off (HTTP/2 refuses it outright); write the value on one line`,
            related: [{ message: 'the value', file: word.file, range: word.range }],
          });
        }
      });
    },
  }),
});
