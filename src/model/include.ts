import path from 'node:path';
import type { RelatedLocation } from '../findings/finding.js';
import { CORE_INCLUDE } from '../findings/core.js';
import type { Origin } from '../parse/position.js';
import { isMap, isScalar, isSeq, keyText, makeMap, toJS, type YEntry, type YMap, type YNode, type YScalar } from '../parse/tree.js';
import type { Variable } from './env-file.js';
import type { LoadContext } from './load.js';
import { dedupeProblems, fileName, hasInterpolationProblem, isFile, isRemote, originOfScalar, reportReference } from './references.js';

/** The top-level sections an included project's definitions are copied from, with what one entry is called. */
const RESOURCES: readonly (readonly [section: string, singular: string])[] = [
  ['services', 'service'],
  ['networks', 'network'],
  ['volumes', 'volume'],
  ['secrets', 'secret'],
  ['configs', 'config'],
  ['models', 'model'],
];

/** Deepest nesting of `include` followed; a deeper one is reported rather than followed. */
export const MAX_INCLUDE_DEPTH = 32;

/** The project directory of each resource copied in from an included project. */
const projectDirs = new WeakMap<YNode, string>();

/**
 * The project directory a service (or network, volume, secret, config, model) was defined in, when
 * it came from an included project: its relative paths (`build`, `env_file`, bind mounts, `file:`)
 * start from there, not from the including project's directory. Undefined for the project's own.
 */
export function includedProjectDir(node: YNode): string | undefined {
  return projectDirs.get(node);
}

/** One `include` entry, short or long syntax, with the scalars that named each part. */
interface IncludeEntry {
  paths: YScalar[];
  projectDirectory?: YScalar;
  envFiles?: YScalar[];
}

/**
 * Loads the projects named by the top-level `include` (already interpolated) and copies their
 * resources into the tree, without the `include` key. Each is loaded as its own project: its files
 * merged in order, its own project directory (`project_directory`, else the first file's folder)
 * and env files (`env_file`, else the `.env` of that directory), with this project's variables
 * winning over its own. Paths of the entry start from this project's directory.
 *
 * A missing file, a cycle, or a resource defined both here and in the included project (Compose
 * refuses it, unless both definitions are the same) is a `core/include` finding; included files are
 * added to `files`. References Compose would fetch over the network are not followed.
 */
export function resolveIncludes(tree: YNode, context: LoadContext, files: string[]): YNode {
  if (!isMap(tree)) return tree;
  const include = tree.index.get('include');
  if (!include) return tree;
  const sections = new Sections(tree);
  // The files listed so far, as a set: looking each included file up stays linear in the number of includes.
  const listed = new Set(files);
  if (isSeq(include.value)) {
    for (const item of include.value.items) {
      const entry = entryOf(item);
      if (entry) includeOne(context, entry, sections, { files, listed });
    }
  }
  return sections.tree(include);
}

function entryOf(item: YNode): IncludeEntry | undefined {
  if (isScalar(item)) return typeof item.value === 'string' ? { paths: [item] } : undefined;
  if (!isMap(item)) return undefined;
  const paths = strings(item.index.get('path')?.value);
  if (!paths || paths.length === 0) return undefined;
  const entry: IncludeEntry = { paths };
  const projectDirectory = item.index.get('project_directory')?.value;
  if (isScalar(projectDirectory) && typeof projectDirectory.value === 'string') entry.projectDirectory = projectDirectory;
  const envFiles = strings(item.index.get('env_file')?.value);
  if (envFiles) entry.envFiles = envFiles;
  return entry;
}

/** A string or a list of strings, as the scalars that hold them; other shapes are schema findings. */
function strings(node: YNode | undefined): YScalar[] | undefined {
  if (isScalar(node)) return typeof node.value === 'string' ? [node] : undefined;
  if (!isSeq(node)) return undefined;
  const items = node.items.filter((item): item is YScalar => isScalar(item) && typeof item.value === 'string');
  return items.length === node.items.length ? items : undefined;
}

function includeOne(context: LoadContext, entry: IncludeEntry, sections: Sections, files: { files: string[]; listed: Set<string> }): void {
  const texts = entry.paths.map((p) => String(p.value));
  if (texts.some(isRemote)) return;
  const at = entry.paths[0]!;
  const existing: string[] = [];
  entry.paths.forEach((node, i) => {
    const absPath = path.resolve(context.projectDir, texts[i]!);
    if (isFile(absPath)) existing.push(absPath);
    else if (!hasInterpolationProblem(context, node)) reportReference(context, CORE_INCLUDE, originOfScalar(node), `included file "${texts[i]}" does not exist or is not a file`);
  });
  const main = path.resolve(context.projectDir, texts[0]!);
  if (existing[0] !== main) return;

  const chain = [...context.chain, ...context.spec.files.slice(0, 1)];
  const loop = chain.indexOf(main);
  if (loop !== -1) {
    const cycle = [...chain.slice(loop), main].map((f) => `"${fileName(context, f)}"`);
    reportReference(context, CORE_INCLUDE, originOfScalar(at), `"${texts[0]}" closes an include cycle: ${cycle.join(' → ')}`);
    return;
  }
  if (chain.length >= MAX_INCLUDE_DEPTH) {
    reportReference(context, CORE_INCLUDE, originOfScalar(at), `"${texts[0]}" is included more than ${MAX_INCLUDE_DEPTH} levels deep; it is not followed`);
    return;
  }

  const projectDir = entry.projectDirectory ? path.resolve(context.projectDir, String(entry.projectDirectory.value)) : path.dirname(main);
  let envFiles: string[] | undefined;
  if (entry.envFiles) {
    envFiles = [];
    for (const node of entry.envFiles) {
      const absPath = path.resolve(context.projectDir, String(node.value));
      if (isFile(absPath)) envFiles.push(absPath);
      else if (!hasInterpolationProblem(context, node)) reportReference(context, CORE_INCLUDE, originOfScalar(node), `env file "${String(node.value)}" of the included project does not exist or is not a file`);
    }
  }
  const inherited = new Map<string, Variable>();
  for (const [name, value] of context.variables) {
    const origin = context.variableOrigins.get(name);
    inherited.set(name, origin ? { value, origin } : { value });
  }
  const built = context.loader.tree(
    {
      files: existing,
      projectDir,
      ...(envFiles ? { envFiles } : {}),
      inherited,
      ...(context.spec.useProcessEnv === undefined ? {} : { useProcessEnv: context.spec.useProcessEnv }),
    },
    context.problems,
    chain,
  );
  // A project included twice (through two other includes) is interpolated twice.
  dedupeProblems(context.problems);
  if (!built) return;
  for (const file of built.files) {
    if (files.listed.has(file)) continue;
    files.listed.add(file);
    files.files.push(file);
  }
  for (const [name, origin] of built.variableOrigins) if (!context.variableOrigins.has(name)) context.variableOrigins.set(name, origin);
  sections.copy(context, built.tree, projectDir, originOfScalar(at), fileName(context, main));
}

/** The top-level resource sections of the tree being built, with which names came from an include. */
class Sections {
  private readonly entries = new Map<string, YEntry[]>();
  /** The same entries by name, so that copying a project of many includes stays linear. */
  private readonly byName = new Map<string, Map<string, YEntry>>();
  /** Key and origin of each section, for a section only an included project has. */
  private readonly keys = new Map<string, { key: YScalar; origin: Origin }>();
  private readonly included = new Set<string>();

  constructor(private readonly root: YMap) {
    for (const [section] of RESOURCES) {
      const entry = root.index.get(section);
      if (!entry) continue;
      this.keys.set(section, { key: entry.key, origin: entry.value.origin });
      const entries = isMap(entry.value) ? [...entry.value.entries] : [];
      this.entries.set(section, entries);
      const names = new Map<string, YEntry>();
      for (const e of entries) if (!names.has(keyText(e.key))) names.set(keyText(e.key), e);
      this.byName.set(section, names);
    }
  }

  /** Copies an included project's resources in; a name defined on both sides is a finding, and this side's definition stays. */
  copy(context: LoadContext, tree: YNode, projectDir: string, includedAt: Origin, includedName: string): void {
    if (!isMap(tree)) return;
    for (const [section, singular] of RESOURCES) {
      const from = tree.index.get(section);
      if (!from || !isMap(from.value)) continue;
      if (!this.keys.has(section)) this.keys.set(section, { key: from.key, origin: from.value.origin });
      const entries = this.entries.get(section) ?? [];
      this.entries.set(section, entries);
      const names = this.byName.get(section) ?? new Map<string, YEntry>();
      this.byName.set(section, names);
      for (const entry of from.value.entries) {
        const name = keyText(entry.key);
        const mine = names.get(name);
        if (!mine) {
          if (!projectDirs.has(entry.value)) projectDirs.set(entry.value, projectDir);
          entries.push(entry);
          names.set(name, entry);
          this.included.add(`${section}\0${name}`);
          continue;
        }
        if (sameValue(toJS(mine.value), toJS(entry.value))) continue;
        const related: RelatedLocation[] = [{ message: `the ${singular} as the included project defines it`, file: entry.key.origin.file, range: entry.key.origin.range }];
        // The including project's own definition is the one to point at; one from an earlier include is not in this file.
        const fromInclude = this.included.has(`${section}\0${name}`);
        if (fromInclude) related.push({ message: `the ${singular} as an earlier include defines it`, file: mine.key.origin.file, range: mine.key.origin.range });
        const message = fromInclude
          ? `${singular} "${name}" of the included project "${includedName}" is already defined by an earlier include; Compose refuses the conflict`
          : `${singular} "${name}" is defined both here and in the included project "${includedName}"; Compose refuses the conflict`;
        reportReference(context, CORE_INCLUDE, fromInclude ? includedAt : mine.key.origin, message, related);
      }
    }
  }

  /** The tree with the resources copied in and without its `include` entry. */
  tree(include: YEntry): YMap {
    const out: YEntry[] = [];
    const placed = new Set<string>();
    for (const entry of this.root.entries) {
      if (entry === include) continue;
      const section = keyText(entry.key);
      const entries = this.entries.get(section);
      if (!entries) {
        out.push(entry);
        continue;
      }
      placed.add(section);
      const before = isMap(entry.value) ? entry.value.entries : [];
      const same = entries.length === before.length && entries.every((e, i) => e === before[i]);
      out.push(same ? entry : { key: entry.key, value: makeMap(entries, entry.value.origin, entry.value.tag) });
    }
    for (const [section] of RESOURCES) {
      const entries = this.entries.get(section);
      const known = this.keys.get(section);
      if (placed.has(section) || !entries || !known) continue;
      out.push({ key: known.key, value: makeMap(entries, known.origin) });
    }
    return makeMap(out, this.root.origin, this.root.tag);
  }
}

/** Two definitions Compose counts as the same: equal values, whatever the order of mapping keys. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  return ak.length === bk.length && ak.every((k) => k in b && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
