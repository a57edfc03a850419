import { get, isMap, isSeq, makeMap, scalarString, type YNode } from '../parse/tree.js';

/**
 * The services Compose would start with these profiles active: a service without `profiles` always,
 * one with `profiles` only when one of them is active. With no profile list given, every service is
 * kept, since any profile can be switched on at deploy time. Other top-level keys are not affected.
 */
export function applyProfiles(tree: YNode, active: readonly string[] | undefined): YNode {
  if (active === undefined || !isMap(tree)) return tree;
  const services = get(tree, 'services');
  if (!isMap(services)) return tree;
  const on = new Set(active);
  const kept = services.entries.filter(({ value }) => {
    const profiles = get(value, 'profiles');
    if (!isSeq(profiles) || profiles.items.length === 0) return true;
    return profiles.items.some((item) => on.has(scalarString(item) ?? '') || on.has('*'));
  });
  if (kept.length === services.entries.length) return tree;
  return makeMap(
    tree.entries.map((entry) => (entry.value === services ? { key: entry.key, value: makeMap(kept, services.origin, services.tag) } : entry)),
    tree.origin,
    tree.tag,
  );
}

/**
 * True when two services can run at the same time in an ordinary deploy: one of them has no
 * `profiles` (it always starts) or they share a profile. Services only in different profiles are
 * alternatives (a `dev` and a `prod` variant), started together only when both profiles are.
 */
export function mayRunTogether(a: readonly string[], b: readonly string[]): boolean {
  const [x, y] = [a, b].map((list) => list.map((p) => p.trim()).filter((p) => p !== ''));
  return x!.length === 0 || y!.length === 0 || x!.some((p) => y!.includes(p));
}
