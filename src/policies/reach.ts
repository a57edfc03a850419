import { imageSpans } from '../model/image.js';
import { keyValues } from '../model/keyvalues.js';
import type { Service } from '../model/service.js';
import { Text } from '../model/text.js';
import type { Target } from '../engine/rule.js';
import { isMap, isScalar, isSeq, type YMap, type YNode, type YSeq } from '../parse/tree.js';
import { pathKey, type PolicyPath, type Step } from './path.js';

/** Something a path reaches in a service: a key's value, a list item, a `KEY=value` entry or a part of `image`. */
export interface Reached {
  /** The path as it reached this, every `*` replaced: `environment.JWT_EXPIRES_IN`, `ports[1]`. */
  readonly path: string;
  /** Where it is named: its key (the variable's name in `- KEY=value` too), the list item, the service's key. */
  readonly key: Target;
  /** The last key on the way, for the secret test: `JWT_SECRET` of `environment.JWT_SECRET`. */
  readonly name?: string;
  /** The value's node, to go further down; absent for a part of a value and a `KEY=value` entry. */
  readonly node?: YNode;
  /** The value checks read: a text or a collection; absent for `KEY:` with no value and `- KEY` alone. */
  readonly value?: Value;
  /** The keys and indexes from the service to here. */
  readonly keys: readonly (string | number)[];
}

/** A value as checks read it: a text, or a mapping or list. */
export type Value = Text | YMap | YSeq;

/** Sections Compose takes as a list of `KEY=value` or as a mapping: both read the same here. */
const KEY_VALUE_SECTIONS = new Set(['environment', 'labels', 'annotations', 'sysctls', 'build.args', 'build.labels', 'deploy.labels']);

/** The parts of `image` a path may name. */
const IMAGE_PARTS = ['name', 'tag', 'digest'] as const;

export interface Reach {
  /** Everything the path reaches. */
  readonly found: readonly Reached[];
  /** Where the path stopped reaching anything: the first of the deepest things it reached (the service at worst). */
  readonly nearest: Reached;
}

/** What a path reaches in a service. */
export function reach(service: Service, path: PolicyPath): Reach {
  let frontier: Reached[] = [{ path: '', key: service.key, node: service.node, value: service.node, keys: [] }];
  for (const step of path.steps) {
    const next = frontier.flatMap((from) => children(from, step));
    if (next.length === 0) return { found: [], nearest: frontier[0]! };
    frontier = next;
  }
  return { found: frontier, nearest: frontier[0]! };
}

function children(from: Reached, step: Step): Reached[] {
  const section = from.keys.join('.');
  if (section === 'image' && from.value instanceof Text) return imageParts(from, from.value, step);
  const { node } = from;
  if (KEY_VALUE_SECTIONS.has(section) && (isMap(node) || isSeq(node))) return step.kind === 'index' ? [] : entries(from, node, step);
  if (isMap(node)) {
    const chosen = step.kind === 'any' ? node.entries : step.kind === 'key' && node.index.has(step.name) ? [node.index.get(step.name)!] : [];
    return chosen.map(({ key, value }) => entryOf(from, String(key.value ?? ''), key, value));
  }
  if (isSeq(node)) {
    const indexes = step.kind === 'any' ? node.items.map((_, i) => i) : step.kind === 'index' && step.index < node.items.length ? [step.index] : [];
    return indexes.map((i) => {
      const item = node.items[i]!;
      return { path: `${from.path}[${i}]`, key: item, node: item, keys: [...from.keys, i], ...nameOf(from), ...valueOf(item) };
    });
  }
  return [];
}

/** The `KEY=value` entries of a section, in either form; a key written twice is its last entry, as Compose keeps it. */
function entries(from: Reached, node: YNode, step: Step): Reached[] {
  const last = new Map(keyValues(node).map((kv) => [kv.name.value, kv]));
  const chosen = step.kind === 'any' ? [...last.values()] : step.kind === 'key' && last.has(step.name) ? [last.get(step.name)!] : [];
  return chosen.map((kv) => ({
    path: joined(from.path, kv.name.value),
    key: kv.name,
    name: kv.name.value,
    keys: [...from.keys, kv.name.value],
    ...(kv.value ? { value: kv.value } : {}),
  }));
}

/** `image.name`, `image.tag` and `image.digest`: the characters of that part of the reference. */
function imageParts(from: Reached, image: Text, step: Step): Reached[] {
  const spans = imageSpans(image.value);
  const parts = step.kind === 'any' ? IMAGE_PARTS : step.kind === 'key' ? IMAGE_PARTS.filter((p) => p === step.name) : [];
  return parts.flatMap((part) => {
    const span = spans[part];
    if (!span) return [];
    const text = image.slice(span[0], span[1]);
    return [{ path: `${from.path}.${part}`, key: text, name: 'image', value: text, keys: [...from.keys, part] }];
  });
}

function entryOf(from: Reached, name: string, key: Target, value: YNode): Reached {
  return { path: joined(from.path, name), key, name, node: value, keys: [...from.keys, name], ...valueOf(value) };
}

/** A node as checks read it; nothing for a null scalar (`KEY:`), which has no value to check. */
export function valueOf(node: YNode): { value?: Value } {
  if (isScalar(node)) return node.value === null ? {} : { value: Text.of(node) };
  return { value: node };
}

function nameOf(from: Reached): { name?: string } {
  return from.name === undefined ? {} : { name: from.name };
}

function joined(path: string, name: string): string {
  return path === '' ? pathKey(name) : `${path}.${pathKey(name)}`;
}
