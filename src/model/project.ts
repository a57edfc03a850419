import type { Environment } from '../engine/meta.js';
import type { Origin } from '../parse/position.js';
import { isReset, makeMap, type YEntry, type YNode, type YScalar } from '../parse/tree.js';
import { hasInterpolation, interpolate, type InterpolationProblem, type Variables } from './interpolate.js';
import { Service, servicesOf } from './service.js';
import { Text } from './text.js';

/** A problem met while building the model, with where it is. */
export interface ModelProblem {
  readonly kind: InterpolationProblem['kind'];
  readonly variable?: string;
  readonly message: string;
  readonly origin: Origin;
}

/** The effective compose project that rules check. */
export interface ComposeProject {
  /** The compose files it was built from, in order. */
  readonly files: readonly string[];
  readonly environment: Environment;
  /** The effective tree, after interpolation. */
  readonly root: YNode;
  readonly services: readonly Service[];
  service(name: string): Service | undefined;
  readonly problems: readonly ModelProblem[];
}

export interface BuildOptions {
  files: readonly string[];
  environment: Environment;
  variables: Variables;
}

/** Builds the effective model of one parsed compose document. */
export function buildProject(root: YNode, options: BuildOptions): ComposeProject {
  const problems: ModelProblem[] = [];
  const effective = interpolateTree(root, options.variables, problems);
  const services = servicesOf(effective);
  const byName = new Map(services.map((s) => [s.name, s]));
  return {
    files: options.files,
    environment: options.environment,
    root: effective,
    services,
    service: (name) => byName.get(name),
    problems,
  };
}

/**
 * A copy of the tree as Compose sees it: values tagged `!reset` removed with their keys, every
 * string value interpolated. Keys are never interpolated. Unchanged subtrees are shared.
 */
function interpolateTree(node: YNode, variables: Variables, problems: ModelProblem[]): YNode {
  switch (node.kind) {
    case 'scalar':
      return interpolateScalar(node, variables, problems);
    case 'seq': {
      let changed = false;
      const items: YNode[] = [];
      for (const item of node.items) {
        if (isReset(item)) {
          changed = true;
          continue;
        }
        const next = interpolateTree(item, variables, problems);
        changed ||= next !== item;
        items.push(next);
      }
      return changed ? { ...node, items } : node;
    }
    case 'map': {
      let changed = false;
      const entries: YEntry[] = [];
      for (const entry of node.entries) {
        if (isReset(entry.value)) {
          changed = true;
          continue;
        }
        const value = interpolateTree(entry.value, variables, problems);
        changed ||= value !== entry.value;
        entries.push(value === entry.value ? entry : { key: entry.key, value });
      }
      return changed ? makeMap(entries, node.origin, node.tag) : node;
    }
  }
}

function interpolateScalar(node: YScalar, variables: Variables, problems: ModelProblem[]): YScalar {
  if (typeof node.value !== 'string' || !hasInterpolation(node.value)) return node;
  const result = interpolate(node.value, variables);
  const next: YScalar = { ...node, value: result.value, interpolation: { raw: node.value, spans: result.spans } };
  for (const problem of result.problems) {
    problems.push({
      kind: problem.kind,
      ...(problem.variable ? { variable: problem.variable } : {}),
      message: problem.message,
      origin: rawOrigin(node, problem.rawStart, problem.rawEnd),
    });
  }
  return next;
}

/** Origin of raw[start, end) of a scalar as written (before interpolation). */
function rawOrigin(node: YScalar, start: number, end: number): Origin {
  return Text.of(node).originOf(start, end);
}
