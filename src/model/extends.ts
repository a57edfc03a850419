import path from 'node:path';
import { CORE_EXTENDS } from '../findings/core.js';
import { get, isMap, isScalar, keyText, makeMap, type YEntry, type YMap, type YNode, type YScalar } from '../parse/tree.js';
import type { LoadContext } from './load.js';
import { extendService } from './merge.js';
import { interpolateTree } from './project.js';
import { dedupeProblems, fileName, hasInterpolationProblem, isFile, isRemote, originOfScalar, reportReference } from './references.js';

/** Longest chain of `extends` followed; a longer one is reported rather than followed. */
export const MAX_EXTENDS_DEPTH = 32;

/** A compose file as `extends` sees it: its interpolated tree, and the folder its `extends.file` paths start from. */
interface Place {
  file: string;
  dir: string;
}

/** What one project's `extends` resolution keeps between files: each file interpolated once, each service resolved once. */
interface State {
  trees: Map<string, YNode | undefined>;
  resolved: Map<string, YMap>;
}

const states = new WeakMap<LoadContext, State>();

function stateOf(context: LoadContext): State {
  let state = states.get(context);
  if (!state) {
    state = { trees: new Map(), resolved: new Map() };
    states.set(context, state);
  }
  return state;
}

/**
 * Resolves `extends` in every service of one of the project's compose files (already interpolated):
 * each service that extends another becomes the base merged with it, as the compose-spec `extends`
 * rules say, without the `extends` key. Values from the base keep their own file and position.
 *
 * `extends.file` is read the way Compose v2 reads it: relative to the project directory in the
 * project's own files, relative to the extended file's folder in a file reached through `extends`.
 * Such a file is read through the loader (its YAML and schema findings are reported once) and
 * interpolated with the project's variables. A missing file or service, a cycle, or a chain deeper
 * than `MAX_EXTENDS_DEPTH` is a `core/extends` finding at the reference, and the service is used
 * without that base.
 */
export function resolveExtends(tree: YNode, file: string, context: LoadContext): YNode {
  const state = stateOf(context);
  if (state.trees.has(file) && state.trees.get(file) !== tree) {
    // The file was already read as the target of an `extends`: its interpolation problems are in twice.
    dedupeProblems(context.problems);
    for (const key of [...state.resolved.keys()]) if (key.startsWith(`${file}\0`)) state.resolved.delete(key);
  }
  state.trees.set(file, tree);
  const services = get(tree, 'services');
  if (!isMap(tree) || !isMap(services)) return tree;
  const place: Place = { file, dir: context.projectDir };
  let changed = false;
  const entries = services.entries.map((entry): YEntry => {
    if (!isMap(entry.value) || !entry.value.index.has('extends')) return entry;
    changed = true;
    return { key: entry.key, value: resolveService(context, place, keyText(entry.key), [])! };
  });
  if (!changed) return tree;
  const resolvedServices = makeMap(entries, services.origin, services.tag);
  return makeMap(
    tree.entries.map((entry) => (entry.value === services ? { key: entry.key, value: resolvedServices } : entry)),
    tree.origin,
    tree.tag,
  );
}

/** A service of a file with its `extends` resolved; undefined when the file has no such service (or it is not a mapping). */
function resolveService(context: LoadContext, place: Place, name: string, stack: readonly string[]): YMap | undefined {
  const state = stateOf(context);
  const id = `${place.file}\0${name}`;
  const memoKey = `${id}\0${place.dir}`;
  const done = state.resolved.get(memoKey);
  if (done) return done;
  const node = get(get(state.trees.get(place.file), 'services'), name);
  if (!isMap(node)) return undefined;
  const result = extendOne(context, place, name, node, [...stack, id]);
  state.resolved.set(memoKey, result);
  return result;
}

function extendOne(context: LoadContext, place: Place, name: string, node: YMap, stack: readonly string[]): YMap {
  const entry = node.index.get('extends');
  if (!entry) return node;
  const own = makeMap(
    node.entries.filter((e) => e !== entry),
    node.origin,
    node.tag,
  );
  const reference = referenceOf(entry.value);
  // Any other shape is a schema finding already.
  if (!reference) return own;
  const { service, file } = reference;
  const baseName = scalarText(service);
  const at = originOfScalar(service);
  let basePlace = place;
  if (file) {
    const target = scalarText(file);
    if (isRemote(target)) return own;
    const absPath = path.resolve(place.dir, target);
    if (!isFile(absPath)) {
      if (!hasInterpolationProblem(context, file)) reportReference(context, CORE_EXTENDS, originOfScalar(file), `service "${name}" extends a service of "${target}", which does not exist or is not a file`);
      return own;
    }
    // A file that cannot be read or parsed is reported by the loader itself.
    if (!treeOf(context, absPath)) return own;
    basePlace = { file: absPath, dir: path.dirname(absPath) };
  }
  const baseId = `${basePlace.file}\0${baseName}`;
  const loop = stack.indexOf(baseId);
  if (loop !== -1) {
    const cycle = [...stack.slice(loop), baseId].map((id) => describe(context, id, stack));
    reportReference(context, CORE_EXTENDS, at, `service "${name}" extends "${baseName}", which closes a cycle: ${cycle.join(' → ')}`);
    return own;
  }
  if (stack.length >= MAX_EXTENDS_DEPTH) {
    reportReference(context, CORE_EXTENDS, at, `service "${name}" is at the end of a chain of more than ${MAX_EXTENDS_DEPTH} "extends"; the rest is not followed`);
    return own;
  }
  const base = resolveService(context, basePlace, baseName, stack);
  if (!base) {
    if (hasInterpolationProblem(context, service)) return own;
    const where = file ? `"${fileName(context, basePlace.file)}"` : 'this file';
    reportReference(context, CORE_EXTENDS, at, `service "${name}" extends "${baseName}", which is not a service of ${where}`);
    return own;
  }
  return extendService(base, own, {
    service: name,
    onProblem: (problem) => reportReference(context, CORE_EXTENDS, problem.origin, problem.message),
  });
}

/** `extends: name` or `extends: {service: name, file: path}`. */
function referenceOf(value: YNode): { service: YScalar; file?: YScalar } | undefined {
  if (isScalar(value)) return typeof value.value === 'string' ? { service: value } : undefined;
  if (!isMap(value)) return undefined;
  const service = get(value, 'service');
  const file = get(value, 'file');
  if (!isScalar(service) || typeof service.value !== 'string') return undefined;
  if (file === undefined || (isScalar(file) && file.value === null)) return { service };
  return isScalar(file) && typeof file.value === 'string' ? { service, file } : undefined;
}

function scalarText(node: YScalar): string {
  return node.value === null ? '' : String(node.value);
}

/** The interpolated tree of a file reached through `extends`, read and interpolated once per project. */
function treeOf(context: LoadContext, absPath: string): YNode | undefined {
  const state = stateOf(context);
  if (!state.trees.has(absPath)) {
    const root = context.loader.document(absPath)?.root;
    if (root !== undefined && !context.files.includes(absPath)) context.files.push(absPath);
    state.trees.set(absPath, root === undefined ? undefined : interpolateTree(root, context.variables, context.problems));
    dedupeProblems(context.problems);
  }
  return state.trees.get(absPath);
}

/** A service of a cycle, named with its file when the cycle crosses files. */
function describe(context: LoadContext, id: string, stack: readonly string[]): string {
  const [file, name] = id.split('\0') as [string, string];
  const oneFile = stack.every((other) => other.startsWith(`${file}\0`));
  return oneFile ? `"${name}"` : `"${name}" (${fileName(context, file)})`;
}
