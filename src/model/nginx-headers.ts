import type { NginxDirective } from '../parse/nginx.js';
import { directivesNamed, effectiveDirective } from '../parse/nginx-tree.js';
import type { NginxConfig } from '../parse/nginx.js';

/**
 * The response headers nginx adds in a block (`add_header`), as its headers module inherits them:
 * a block with no `add_header` of its own gets its parent's; one `add_header` replaces them all,
 * unless `add_header_inherit merge` (nginx 1.29.3) keeps them, or `add_header_inherit off` drops
 * them even from a block with none.
 */

/** How a block inherits its parent's `add_header`s: `add_header_inherit` as it applies there (itself inherited the usual way), `on` by default. */
export function headerInheritance(config: NginxConfig, block: NginxDirective): 'on' | 'off' | 'merge' {
  const value = effectiveDirective(config, block, 'add_header_inherit')?.args[0]?.value;
  return value === 'off' || value === 'merge' ? value : 'on';
}

/** The `add_header` directives in effect in a block (a `server`, `location` or `if` of the `http` block, or `http` itself), outer ones first. */
export function effectiveHeaders(config: NginxConfig, block: NginxDirective): NginxDirective[] {
  const here = directivesNamed(block, 'add_header');
  const outer = block.parent ? effectiveHeaders(config, block.parent) : [];
  switch (headerInheritance(config, block)) {
    case 'off':
      return here;
    case 'merge':
      return [...outer, ...here];
    default:
      return here.length > 0 ? here : outer;
  }
}

/** The header field an `add_header` sets, lower case (field names are case-insensitive). */
export function headerField(directive: NginxDirective): string {
  return directive.args[0]?.value.toLowerCase() ?? '';
}

/** True when an `add_header` has the `always` parameter, so it is also sent on error responses (4xx, 5xx). */
export function headerAlways(directive: NginxDirective): boolean {
  return directive.args[2]?.value === 'always';
}

/**
 * The `add_header`s of the enclosing levels that a block's own `add_header`s replace: those in effect
 * around it whose field the block does not set again. Empty when the block sets none, merges or
 * turns inheritance off on purpose.
 */
export function droppedHeaders(config: NginxConfig, block: NginxDirective): NginxDirective[] {
  const here = directivesNamed(block, 'add_header');
  if (here.length === 0 || !block.parent || headerInheritance(config, block) !== 'on') return [];
  const set = new Set(here.map(headerField));
  return effectiveHeaders(config, block.parent).filter((d) => !set.has(headerField(d)));
}

/**
 * The `add_header`s a block is meant to send: its own and those of every level around it, up to a
 * level that turns inheritance off (`add_header_inherit off`), as if nginx merged them. Where nginx
 * drops the outer ones (a block with its own `add_header`), `droppedHeaders` says so; a rule that
 * asks whether a header is set at all reads this, so as not to report that trap a second time.
 */
export function intendedHeaders(config: NginxConfig, block: NginxDirective): NginxDirective[] {
  const here = directivesNamed(block, 'add_header');
  if (!block.parent || headerInheritance(config, block) === 'off') return here;
  return [...intendedHeaders(config, block.parent), ...here];
}
