import { accessRulesIn, blockLabel, defineRule, effectiveAccessRules, effectiveDirective, matchesEveryone, nginxRunOf, unreadIncludes, walkNginx, type NginxConfig, type NginxDirective } from '../../../src/engine/api.js';

/** The blocks that may hold an access list (the top level of a conf.d file is `http`, or `stream`). */
const ACCESS_BLOCKS = new Set(['http', 'server', 'location', 'limit_except', 'stream']);
const AUTH_DIRECTIVES = ['auth_basic', 'auth_request', 'auth_jwt'];

/** True when a list ends everyone it does not allow: a `deny all`, or a deny of every IPv4 and IPv6 address. */
function deniesTheRest(rules: readonly NginxDirective[]): boolean {
  const denied = new Set(rules.filter((r) => r.name.value === 'deny').map((r) => (matchesEveryone(r) ? 'all' : r.args[0]?.value)));
  return denied.has('all') || (denied.has('0.0.0.0/0') && denied.has('::/0'));
}

/**
 * The authentication that applies in a block under `satisfy any` (`auth_basic` other than off,
 * `auth_request`, `auth_jwt`): a client the access list does not name is then asked for credentials,
 * the intended "these addresses, or a password" pattern.
 */
function satisfyAnyAuth(config: NginxConfig, block: NginxDirective | undefined): NginxDirective | undefined {
  if (effectiveDirective(config, block, 'satisfy')?.args[0]?.value !== 'any') return undefined;
  return AUTH_DIRECTIVES.map((name) => effectiveDirective(config, block, name)).find((d) => d !== undefined && d.args[0]?.value !== 'off');
}

export default defineRule({
  meta: {
    id: 'nginx/allow-without-deny',
    description: 'A block that allows some clients (allow) ends its access list with "deny all", so that the others are refused',
    severity: 'error',
    tags: ['security'],
    securitySeverity: 7.5,
    references: {
      cwe: ['CWE-284'],
      urls: ['https://nginx.org/en/docs/http/ngx_http_access_module.html', 'https://gixy.getpagespeed.com/en/plugins/allow_without_deny/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const run = nginxRunOf(configs);
      if (!run) return;
      const check = (block: NginxDirective | undefined, rules: NginxDirective[]) => {
        const allows = rules.filter((r) => r.name.value === 'allow');
        // `allow all` says outright that everyone may come in (often to open one location of a closed server)
        if (allows.length === 0 || allows.some(matchesEveryone) || deniesTheRest(rules) || satisfyAnyAuth(run.config, block)) return;
        // an include the project does not have may hold the deny
        if (block && unreadIncludes(run.config, block).length > 0) return;
        const first = allows[0]!;
        const where = block ? blockLabel(block) : 'the top level';
        const outer = block ? effectiveAccessRules(run.config, block.parent) : [];
        const outerDeny = deniesTheRest(outer) ? outer.find((r) => r.name.value === 'deny') : undefined;
        const replaced = outerDeny ? `, and the "deny all" around it does not apply there (an allow or deny in a block replaces the whole access list of the blocks around it)` : '';
        context.report({
          at: first.name,
          message: `"allow ${first.args[0]?.value ?? ''}" in ${where} is not followed by "deny all", so every other client is allowed too${replaced}; end the list with "deny all"`,
          related: outerDeny ? [{ message: 'this deny does not apply there', file: outerDeny.name.file, range: outerDeny.name.range }] : [],
        });
      };
      check(undefined, accessRulesIn(run.config));
      walkNginx(run.config, (block) => {
        if (block.block && ACCESS_BLOCKS.has(block.name.value)) check(block, accessRulesIn(block));
      });
    },
  }),
});
