import { comparePositions, type Origin } from '../parse/position.js';
import { keyText, type YNode } from '../parse/tree.js';
import type { ComposeProject, ModelProblem } from './project.js';

/** Where a value sits in the project: the service it belongs to, if any, and its key path. */
export interface Place {
  readonly service?: string;
  /** Keys from the service (or from the top of the file) down to the value, joined by `.`; list positions are left out. */
  readonly key: string;
}

/** A model problem with the place of the value it is in, when that value is in the effective tree. */
export interface LocatedProblem extends ModelProblem {
  readonly place?: Place;
}

/**
 * The project's problems of the given kinds, each once (a value that YAML aliases copy is interpolated
 * once per copy, at the same place), with the place of the value each is in.
 */
export function problemsOf(project: ComposeProject, kinds: readonly ModelProblem['kind'][]): LocatedProblem[] {
  const seen = new Set<string>();
  const out: LocatedProblem[] = [];
  for (const problem of project.problems) {
    if (!kinds.includes(problem.kind)) continue;
    const { start, end } = problem.origin.range;
    const key = `${problem.kind}\0${problem.origin.file}\0${start.line}:${start.column}-${end.line}:${end.column}\0${problem.variable ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const place = placeOf(project.root, problem.origin);
    out.push(place ? { ...problem, place } : problem);
  }
  return out;
}

/** A place in words, for a message: `"image" of service "web"`, or `"networks.front.name"` outside services. */
export function describePlace(place: Place): string {
  return place.service === undefined ? `"${place.key}"` : `"${place.key}" of service "${place.service}"`;
}

/**
 * The place of the value written at `origin` (or of the value that contains it) in the effective
 * tree, found by the file and range it was written at; undefined when no value of the tree was
 * written there (it was overridden by a later file, reset, or left out by profiles).
 */
export function placeOf(root: YNode, origin: Origin): Place | undefined {
  const path = pathTo(root, origin, []);
  if (!path || path.length === 0) return undefined;
  if (path[0] === 'services' && path.length >= 3) return { service: path[1]!, key: path.slice(2).join('.') };
  return { key: path.join('.') };
}

function pathTo(node: YNode, origin: Origin, path: string[]): string[] | undefined {
  switch (node.kind) {
    case 'scalar':
      return contains(node.origin, origin) ? path : undefined;
    case 'seq':
      for (const item of node.items) {
        const found = pathTo(item, origin, path);
        if (found) return found;
      }
      return undefined;
    case 'map':
      for (const entry of node.entries) {
        const found = pathTo(entry.value, origin, [...path, keyText(entry.key)]);
        if (found) return found;
      }
      return undefined;
  }
}

function contains(outer: Origin, inner: Origin): boolean {
  return outer.file === inner.file && comparePositions(outer.range.start, inner.range.start) <= 0 && comparePositions(inner.range.end, outer.range.end) <= 0;
}
