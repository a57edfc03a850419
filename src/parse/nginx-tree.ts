import type { NginxConfig, NginxDirective } from './nginx.js';

/**
 * Walking an nginx configuration tree: directives by name in a context, the context chain
 * (`http > server > location`), and the value of an inherited directive as nginx computes it.
 */

/** A block to look in: the configuration's top level, or a block directive. */
export type NginxContext = NginxConfig | NginxDirective;

function childrenOf(context: NginxContext): readonly NginxDirective[] {
  return 'directives' in context ? context.directives : (context.block ?? []);
}

/** The directives named `name` written directly in a context (included files count as written there). */
export function directivesNamed(context: NginxContext, name: string): NginxDirective[] {
  return childrenOf(context).filter((d) => d.name.value === name);
}

/** The first directive named `name` directly in a context. */
export function directiveNamed(context: NginxContext, name: string): NginxDirective | undefined {
  return childrenOf(context).find((d) => d.name.value === name);
}

/** The block directives a directive sits in, outermost first. */
export function ancestorsOf(directive: NginxDirective): NginxDirective[] {
  const chain: NginxDirective[] = [];
  for (let p = directive.parent; p; p = p.parent) chain.unshift(p);
  return chain;
}

/** The names of the blocks a directive sits in, outermost first: `['http', 'server', 'location']`. */
export function contextOf(directive: NginxDirective): string[] {
  return ancestorsOf(directive).map((d) => d.name.value);
}

/** The innermost enclosing block directive named `name`, if any. */
export function enclosing(directive: NginxDirective, name: string): NginxDirective | undefined {
  for (let p = directive.parent; p; p = p.parent) if (p.name.value === name) return p;
  return undefined;
}

/**
 * Visits every directive depth-first in file order, with the block directives it sits in (outermost
 * first). Returning false from `visit` skips the directive's block.
 */
export function walkNginx(context: NginxContext, visit: (directive: NginxDirective, ancestors: readonly NginxDirective[]) => boolean | void): void {
  const ancestors: NginxDirective[] = 'directives' in context ? [] : [...ancestorsOf(context), context];
  const walk = (directives: readonly NginxDirective[]): void => {
    for (const directive of directives) {
      if (visit(directive, ancestors) === false || !directive.block) continue;
      ancestors.push(directive);
      walk(directive.block);
      ancestors.pop();
    }
  };
  walk(childrenOf(context));
}

/**
 * The directives named `name` that apply in a context, as nginx inherits them: those written in the
 * innermost block (the context itself, then each enclosing block outwards, then the top level) that
 * has any. An inner level replaces the outer ones entirely (so one `add_header` in a `location`
 * drops every `add_header` of its `server`). Empty when none is written anywhere: the default applies.
 */
export function effectiveDirectives(config: NginxConfig, context: NginxDirective | undefined, name: string): NginxDirective[] {
  for (let c: NginxDirective | undefined = context; c; c = c.parent) {
    const here = directivesNamed(c, name);
    if (here.length > 0) return here;
  }
  return directivesNamed(config, name);
}

/** The directive named `name` that applies in a context, for a directive that takes one value (nginx refuses a second one in a block as a duplicate, so the first counts). */
export function effectiveDirective(config: NginxConfig, context: NginxDirective | undefined, name: string): NginxDirective | undefined {
  return effectiveDirectives(config, context, name)[0];
}
