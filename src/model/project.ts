import { DEFAULT_POLICY, type Policy } from './policy.js';
import type { ServiceConfigFiles } from './configs.js';
import type { Environment } from '../engine/meta.js';
import type { Origin } from '../parse/position.js';
import { isReset, makeMap, type YEntry, type YNode, type YScalar } from '../parse/tree.js';
import { HostFiles } from './host-files.js';
import { hasInterpolation, interpolate, type InterpolationProblem, type Variables } from './interpolate.js';
import { Service, servicesOf } from './service.js';
import { Text } from './text.js';

/**
 * A problem met while building the model, with where it is: a variable expression that is unset,
 * required, or invalid, or (`key`) one written in a mapping key, where Compose never interpolates.
 */
export interface ModelProblem {
  readonly kind: InterpolationProblem['kind'] | 'key';
  readonly variable?: string;
  readonly message: string;
  readonly origin: Origin;
}

/** The effective compose project that rules check. */
export interface ComposeProject {
  /** The compose files it was built from, in order. */
  readonly files: readonly string[];
  /** The project directory, absolute: relative host paths (bind mounts, secret and config files) are taken from it. */
  readonly directory: string;
  /** The env files its variables were read from, absolute, in order (`.env` or `--env-file`s). */
  readonly envFiles: readonly string[];
  readonly environment: Environment;
  /** The effective tree, after interpolation. */
  readonly root: YNode;
  readonly services: readonly Service[];
  service(name: string): Service | undefined;
  readonly problems: readonly ModelProblem[];
  /** Where each variable's value was set (its env file line); findings on a value that came from one point there too. */
  readonly variableOrigins: ReadonlyMap<string, Origin>;
  /** Facts about files on this machine (secret files, git tracking, build contexts, env files), read lazily and once per run. */
  readonly host: HostFiles;
  /** The nginx, redis and postgres configuration files of its services, parsed (the loader reads them). */
  readonly configs: readonly ServiceConfigFiles[];
  /** What the configuration says about the stack (its ingress, secret allowlists); `DEFAULT_POLICY` without one. */
  readonly policy: Policy;
}

export interface BuildOptions {
  files: readonly string[];
  environment: Environment;
  variables: Variables;
}

/** Builds the effective model of one parsed compose document (no other file involved). */
export function buildProject(root: YNode, options: BuildOptions): ComposeProject {
  const problems: ModelProblem[] = [];
  const tree = withoutResets(interpolateTree(root, options.variables, problems));
  return makeProject(tree, { files: options.files, environment: options.environment, problems });
}

/** The typed project over an effective tree that is already interpolated, merged and reset. */
export function makeProject(
  tree: YNode,
  meta: {
    files: readonly string[];
    environment: Environment;
    problems: readonly ModelProblem[];
    variableOrigins?: ReadonlyMap<string, Origin>;
    directory?: string;
    envFiles?: readonly string[];
    host?: HostFiles;
    policy?: Policy;
  },
): ComposeProject {
  const services = servicesOf(tree);
  const byName = new Map(services.map((s) => [s.name, s]));
  return {
    files: meta.files,
    directory: meta.directory ?? process.cwd(),
    envFiles: meta.envFiles ?? [],
    environment: meta.environment,
    root: tree,
    services,
    service: (name) => byName.get(name),
    problems: meta.problems,
    variableOrigins: meta.variableOrigins ?? new Map(),
    host: meta.host ?? new HostFiles(),
    configs: [],
    policy: meta.policy ?? DEFAULT_POLICY,
  };
}

/** The tree without values tagged `!reset`, and without their keys: what is left after merging. */
export function withoutResets(node: YNode): YNode {
  switch (node.kind) {
    case 'scalar':
      return node;
    case 'seq': {
      const items = node.items.filter((item) => !isReset(item)).map(withoutResets);
      return items.length === node.items.length && items.every((item, i) => item === node.items[i]) ? node : { ...node, items };
    }
    case 'map': {
      const entries: YEntry[] = [];
      let changed = false;
      for (const entry of node.entries) {
        if (isReset(entry.value)) {
          changed = true;
          continue;
        }
        const value = withoutResets(entry.value);
        changed ||= value !== entry.value;
        entries.push(value === entry.value ? entry : { key: entry.key, value });
      }
      return changed ? makeMap(entries, node.origin, node.tag) : node;
    }
  }
}

/**
 * A copy of the tree with every string value interpolated; keys are never interpolated, and tags
 * (`!reset`, `!override`) are kept for merging. Unchanged subtrees are shared.
 */
export function interpolateTree(node: YNode, variables: Variables, problems: ModelProblem[]): YNode {
  switch (node.kind) {
    case 'scalar':
      return interpolateScalar(node, variables, problems);
    case 'seq': {
      let changed = false;
      const items = node.items.map((item) => {
        const next = interpolateTree(item, variables, problems);
        changed ||= next !== item;
        return next;
      });
      return changed ? { ...node, items } : node;
    }
    case 'map': {
      let changed = false;
      const entries = node.entries.map((entry) => {
        keyProblems(entry.key, problems);
        const value = interpolateTree(entry.value, variables, problems);
        if (value === entry.value) return entry;
        changed = true;
        return { key: entry.key, value };
      });
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

/** `${VAR}` and `$VAR` written in a key stay literal text: Compose interpolates values only. */
function keyProblems(key: YScalar, problems: ModelProblem[]): void {
  if (typeof key.value !== 'string' || !hasInterpolation(key.value)) return;
  for (const match of key.value.matchAll(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)?[^}]*\}?|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (match[0] === '$$') continue;
    const variable = match[1] ?? match[2];
    problems.push({
      kind: 'key',
      ...(variable ? { variable } : {}),
      message: `"${match[0]}" in a key is not interpolated`,
      origin: rawOrigin(key, match.index, match.index + match[0].length),
    });
  }
}

/** Origin of raw[start, end) of a scalar as written (before interpolation). */
function rawOrigin(node: YScalar, start: number, end: number): Origin {
  return Text.of(node).originOf(start, end);
}
