import type { NginxConfig, NginxDirective } from '../parse/nginx.js';
import type { NginxContext } from '../parse/nginx-tree.js';

/**
 * The access lists of nginx's access module (`allow`, `deny`): nginx checks them in order and the
 * first that matches the client decides; a client no rule matches is allowed. A block with any
 * `allow` or `deny` has its own list, and the lists of the blocks around it do not apply there at
 * all (they are inherited only by a block that has none).
 */

export const ACCESS_DIRECTIVES: ReadonlySet<string> = new Set(['allow', 'deny']);

/** The `allow` and `deny` directives written directly in a block (or at the top level), in order. */
export function accessRulesIn(context: NginxContext): NginxDirective[] {
  const children = 'directives' in context ? context.directives : (context.block ?? []);
  return children.filter((d) => ACCESS_DIRECTIVES.has(d.name.value));
}

/** The access list that applies in a block: that of the innermost level (the block, each enclosing block, the top level) that has one; empty when none does. */
export function effectiveAccessRules(config: NginxConfig, context: NginxDirective | undefined): NginxDirective[] {
  for (let c = context; c; c = c.parent) {
    const here = accessRulesIn(c);
    if (here.length > 0) return here;
  }
  return accessRulesIn(config);
}

/** True for a rule that matches every client: `deny all` / `allow all`. */
export function matchesEveryone(rule: NginxDirective): boolean {
  return rule.args.length === 1 && rule.args[0]!.value === 'all';
}
