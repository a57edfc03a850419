import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { tempProject } from '../cli/run.js';

/** The worked example plugin, a package of its own. */
export const EXAMPLE = path.join(PACKAGE_ROOT, 'examples/escashop-plugin-example');

/**
 * A temporary project (removed after the test file) whose `node_modules` holds escashop-lint and the
 * example plugin, linked as `npm install` would place them; `files` are written into it.
 */
export function pluginProject(files: Record<string, string>): string {
  const dir = realpathSync(tempProject(files));
  for (const [name, target] of [['escashop-lint', PACKAGE_ROOT], ['escashop-plugin-example', EXAMPLE]] as const) {
    const link = path.join(dir, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  return dir;
}

/** A plugin module's source exporting `rules` (the text of a list or object), importing from escashop-lint. */
export function pluginSource(rules: string, imports = 'defineRule'): string {
  return `import { ${imports} } from 'escashop-lint';\nexport const rules = ${rules};\n`;
}

/** A rule definition's source: `defineRule({ meta: { id, … }, create })`, with `meta` keys over a valid default. */
export function ruleSource(id: string, extra = '', create = '() => ({})'): string {
  return `defineRule({ meta: { id: ${JSON.stringify(id)}, description: 'a team rule', severity: 'warning', tags: []${extra} }, create: ${create} })`;
}
