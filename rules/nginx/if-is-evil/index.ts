import { blockLabel, defineRule, nginxRunOf, walkNginx, type NginxDirective } from '../../../src/engine/api.js';

/**
 * A `rewrite` that leaves the location when its pattern matches: `last`, `redirect` and `permanent` at
 * once, no flag once the rewrite directives are done (nginx searches the location of a changed URI
 * again); only `break` keeps the request where it is.
 */
function leavingRewrite(directive: NginxDirective): boolean {
  return directive.name.value === 'rewrite' && directive.args[2]?.value !== 'break';
}

/** `return …` or a rewrite that leaves the location: the only directives nginx's "If is evil" page calls safe inside an `if` of a location. */
function safeInIf(directive: NginxDirective): boolean {
  return directive.name.value === 'return' || leavingRewrite(directive);
}

/** `break`, or `rewrite … break`: stops the rewrite directives, so the request goes on in the `if` block. */
function stopsRewrites(directive: NginxDirective): boolean {
  return directive.name.value === 'break' || (directive.name.value === 'rewrite' && directive.args[2]?.value === 'break');
}

/**
 * True when a true condition always ends the request inside the block: the rewrite directives run in
 * order and one of them answers (`return`) or leaves the location (a `rewrite` other than `… break`) before any
 * `break` stops them. The other directives of such a block only shape the answer given there.
 */
function endsRequest(block: readonly NginxDirective[]): boolean {
  for (const directive of block) {
    if (stopsRewrites(directive)) return false;
    if (safeInIf(directive)) return true;
  }
  return false;
}

/** The rewrite module's directives: when the condition is true they run in order; any other directive configures the if block as a location of its own. */
const REWRITE_DIRECTIVES = new Set(['set', 'break', 'rewrite', 'return']);

/**
 * What a location has that the implicit location of its `if` does not get (nginx's "If is evil"
 * page): `try_files`, a `proxy_pass` with a URI part (which replaces the matched prefix), an `alias`
 * built from the captures of a regex location.
 */
function notCarried(location: NginxDirective): NginxDirective | undefined {
  const regex = ['~', '~*'].includes(location.args[0]?.value ?? '');
  return (location.block ?? []).find((d) => {
    const word = d.args[0];
    if (d.name.value === 'try_files') return true;
    if (d.name.value === 'proxy_pass') return word !== undefined && word.variables.length === 0 && /^[a-z]+:\/\/[^/]+\//i.test(word.value);
    return d.name.value === 'alias' && regex && (word?.variables.length ?? 0) > 0;
  });
}

/** The directives of an if block that configure it as a location: those of other modules than rewrite (includes stand for what they bring in). */
function configuring(block: readonly NginxDirective[]): NginxDirective[] {
  return block.filter((d) => !REWRITE_DIRECTIVES.has(d.name.value) && d.name.value !== 'include');
}

const SAFE = 'inside an if of a location, only "return" and "rewrite" (without "break") are safe';

export default defineRule({
  meta: {
    id: 'nginx/if-is-evil',
    description: "An if inside a location ends the request (return, rewrite), or nginx handles it with the if block's own configuration",
    severity: 'warning',
    tags: ['reliability', 'correctness'],
    references: {
      urls: [
        'https://github.com/nginxinc/nginx-wiki/blob/master/source/start/topics/depth/ifisevil.rst',
        'https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#if',
        'https://gixy.getpagespeed.com/en/plugins/if_is_evil/',
      ],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      walkNginx(run.config, (ifBlock) => {
        const location = ifBlock.parent;
        if (ifBlock.name.value !== 'if' || !ifBlock.block || location?.name.value !== 'location') return;
        // an `include` stands for the directives it brings in, which follow it in the block
        const block = ifBlock.block.filter((d) => d.name.value !== 'include');
        if (endsRequest(block) || (block.length === 0 && ifBlock.block.length > 0)) return;
        const condition = ifBlock.args.map((a) => a.raw).join(' ').replace(/^\(\s*/, '(').replace(/\s*\)$/, ')');
        const where = `"if ${condition}" in ${blockLabel(location)}`;
        const unsafe = block.filter((d) => !safeInIf(d));
        const configures = configuring(block);
        const ifRelated = { message: 'the if', file: ifBlock.name.file, range: ifBlock.name.range };
        // the location's own rewrite directives after the if run next: when they always end the
        // request, the if block's configuration only shapes that answer, unless a later if that is
        // true too replaces it
        const after = (location.block ?? []).slice((location.block ?? []).indexOf(ifBlock) + 1);
        const ends = !block.some(stopsRewrites) && endsRequest(after.filter((d) => d.name.value !== 'if'));
        const laterConfigures = after.some((d) => d.name.value === 'if' && configuring(d.block ?? []).length > 0);
        if (configures.length > 0 && (!ends || laterConfigures)) {
          const [first, ...more] = configures;
          const others = more.length > 0 ? ` (and ${more.length} more directive${more.length > 1 ? 's' : ''})` : '';
          context.report({
            at: first!.name,
            message: `"${first!.name.value}"${others} inside ${where} configures the if block, where nginx handles the request as in a location of its own when the condition is true: the location's directives that are not inherited there (try_files, the URI part of proxy_pass) no longer apply, and of several true ifs only the last one's directives do; ${SAFE}`,
            related: [ifRelated, ...more.map((d) => ({ message: `"${d.name.value}" too`, file: d.name.file, range: d.name.range }))],
          });
          return;
        }
        // only rewrite directives that let the request go on (set, break), or none: harmful where the location has what the if block does not get
        const lost = configures.length === 0 && !ends ? notCarried(location) : undefined;
        if (!lost) return;
        const first = unsafe[0];
        const what = first ? `"${first.name.value}" inside ${where} does not end the request` : `${where} is empty and ends nothing`;
        context.report({
          at: (first ?? ifBlock).name,
          message: `${what}: when the condition is true, nginx handles the request in the if block as in a location of its own, which does not get the location's "${lost.name.value}"; compute the value with a map, or end the block with "return" or "rewrite"`,
          related: [...(first ? [ifRelated] : []), { message: `not applied when the condition is true`, file: lost.name.file, range: lost.name.range }],
        });
      });
    },
  }),
});
