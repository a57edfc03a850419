import path from 'node:path';
import { defaultFiles } from '../input/discover.js';
import { get, isMap, isReset, keyText, type YEntry, type YNode } from '../parse/tree.js';
import type { Service } from './service.js';

/**
 * Override files: a compose file whose services only add to or change services of another file
 * (`docker-compose.prod.yml` over `docker-compose.yml`). Such a service has neither `image` nor
 * `build`, and Compose refuses it on its own ("has neither an image nor a build context specified").
 */

/** True when `key` holds a value in the mapping: not absent, not null, not `!reset`. */
function sets(node: YNode, key: string): boolean {
  const value = get(node, key);
  return value !== undefined && !isReset(value) && !(value.kind === 'scalar' && value.value === null);
}

/**
 * A service of the effective project with neither `image` nor `build` (its `extends` already
 * resolved): Compose has nothing to run. The engine does not run the rules that report something
 * missing (`reportsAbsence`) on it, since the file it comes from was written to sit over another.
 */
export function isIncomplete(service: Service): boolean {
  return !sets(service.node, 'image') && !sets(service.node, 'build');
}

/** The services of a compose file as written that have none of `image`, `build` and `extends`. */
export function incompleteServices(root: YNode | undefined): YEntry[] {
  const services = get(root, 'services');
  if (!isMap(services)) return [];
  return services.entries.filter((e) => isMap(e.value) && !['image', 'build', 'extends'].some((key) => sets(e.value, key)));
}

/**
 * The file `file` overrides, when it has incomplete services and the base file of its folder (the
 * one `docker compose` without `-f` would load there) defines every one of them with an `image`,
 * `build` or `extends`. `tree` gives a compose file's tree as written, or undefined when it cannot
 * be read or parsed.
 */
export function overlayBase(file: string, tree: (file: string) => YNode | undefined): string | undefined {
  // The folder is looked at first: a file with no other base beside it is not parsed here.
  const base = defaultFiles(path.dirname(file)).base;
  if (base === undefined || base === file) return undefined;
  const incomplete = incompleteServices(tree(file));
  if (incomplete.length === 0) return undefined;
  const baseRoot = tree(base);
  const stillIncomplete = new Set(incompleteServices(baseRoot).map((e) => keyText(e.key)));
  const defined = get(baseRoot, 'services');
  const completes = (name: string) => isMap(get(defined, name)) && !stillIncomplete.has(name);
  return incomplete.every((e) => completes(keyText(e.key))) ? base : undefined;
}
