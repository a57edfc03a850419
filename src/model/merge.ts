/**
 * Merging compose trees: a later `-f` file over the earlier ones (compose-spec 13-merge), and a
 * service over the one it `extends` (05-services, `extends`). Same engine, two modes.
 *
 * The result is made of the input nodes themselves, so every value keeps the file and range it was
 * written at: a value the override sets is the override's node, one it leaves alone is the base's.
 * New nodes are only: the containers of merged values (a merged mapping or sequence, whose origin is
 * the override's node); the entries a list item stands for when the two files use different forms
 * (`- A=1` against `{A: 2}`), whose key and value are slices of the item (`sliceScalar`, exact
 * columns); a null (or, for `depends_on`, empty mapping) value for a list item that names something
 * without options, at that item; and the `context` key of a `build: ./dir` string merged with a
 * `build:` mapping, at the string.
 *
 * Rules, by path (`*` is any name). "Keyed": items with the same key are one; the override's item
 * takes the base item's place, others are appended. "List or string": a lone string is a one-item
 * list. "List or mapping": both forms normalized to a mapping when the two files differ, then merged
 * by name; when both are lists the list stays, keyed by name.
 *
 * | Path                                             | Rule                                                              | Source |
 * |--------------------------------------------------|-------------------------------------------------------------------|--------|
 * | any mapping                                      | merged by key: override's keys win, base's other keys kept        | spec   |
 * | any sequence                                     | appended: base items, then the override's                         | spec   |
 * | any scalar                                       | the override's                                                    | spec   |
 * | a value tagged `!reset`                          | the base value is removed; the reset node is kept in the result   | spec   |
 * |                                                  | (`withoutResets`/`toJS` drop it), also where the base has no value|        |
 * | a base value that is a reset node                | as if absent: the override's value as is                          | spec   |
 * | a value tagged `!override`                       | the override's value as is, not merged                            | spec   |
 * | an untagged null override (`key:`)               | the base value is kept (not in `replace` paths nor for the names  | v2     |
 * |                                                  | of list-or-mapping keys, where a null is a value)                 |        |
 * | two values of different kinds (map vs list…)     | the override's (Compose v2 refuses the file)                      | ours   |
 * | services.*.command, .entrypoint, .healthcheck.test | replaced                                                        | spec   |
 * | services.*.ulimits.*                             | replaced (a number or {soft, hard})                               | v2, v1 |
 * | services.*.ports                                 | keyed by {host ip (none = 0.0.0.0), published, target, protocol}, | spec   |
 * |                                                  | short and long syntax alike                                       |        |
 * | services.*.volumes                               | keyed by target (short `src:target:mode` or long `target:`)       | spec   |
 * | services.*.secrets                               | keyed by target; `- name` and no target: /run/secrets/name;       | spec   |
 * |                                                  | a relative target is under /run/secrets                           |        |
 * | services.*.configs                               | keyed by target; `- name` and no target: /name                    | spec   |
 * | services.*.devices                               | keyed by container path (`host:container[:perms]`, or the host    | 05, v2 |
 * |                                                  | path alone; long `target:`)                                       |        |
 * | services.*.cap_add, cap_drop, expose,            | list or string, keyed by value (duplicates removed; `80` = "80")  | v2, 05 |
 * |   external_links, links, security_opt, profiles, |                                                                   |        |
 * |   device_cgroup_rules, volumes_from, dns_opt,    |                                                                   |        |
 * |   build.tags, build.platforms,                   |                                                                   |        |
 * |   networks.*.aliases, networks.*.link_local_ips, |                                                                   |        |
 * |   deploy.placement.constraints, .preferences,    |                                                                   |        |
 * |   deploy.resources.reservations.generic_resources|                                                                   |        |
 * | services.*.dns, dns_search, tmpfs                | list or string, keyed by value; `extends`: appended, duplicates   | v2; 05 |
 * |                                                  | kept                                                              |        |
 * | services.*.env_file                              | list or string, keyed by path; `extends`: appended                | v2; 05 |
 * | services.*.label_file                            | list or string, appended                                          | v2     |
 * | services.*.environment, labels, annotations,     | list or mapping (`NAME=value`, `NAME` alone is null), merged by   | 05, v2 |
 * |   sysctls, build.args, build.labels,             | name: the override's value replaces (a null too)                  |        |
 * |   build.additional_contexts, deploy.labels,      |                                                                   |        |
 * |   {networks,volumes,secrets,configs}.*.labels    |                                                                   |        |
 * | services.*.extra_hosts, build.extra_hosts        | list (`host:ip` or `host=ip`) or mapping, merged by host name     | 05, v1 |
 * | services.*.depends_on                            | list or mapping, merged by service; a list item stands for the    | v2     |
 * |                                                  | defaults and so replaces the base's options for that service      |        |
 * | services.*.networks, services.*.models           | list or mapping, merged by name; a list item (no options) keeps   | v2     |
 * |                                                  | the base's options                                                |        |
 * | services.*.logging                               | merged when both name the same driver or one names none; else the | v2, v1 |
 * |                                                  | override's logging replaces the base's (options of another driver |        |
 * |                                                  | do not carry over)                                                |        |
 * | services.*.build                                 | a string is `{context: string}` before merging with a mapping     | v2     |
 * | services.*.blkio_config.device_{read,write}_{bps,iops} | `extends`: keyed by device path; files: appended             | 05; v2 |
 * | services.*.healthcheck (`extends` only)          | `disable: true` over a base healthcheck that is not disabled is   | 05     |
 * |                                                  | reported (the spec says Compose errors); the merge still happens  |        |
 * | networks.*.ipam.config                           | keyed by subnet, entries with the same subnet merged              | v2     |
 * | services, networks, volumes, secrets, configs,   | mappings: merged per name                                         | spec   |
 * |   models, x-* (top level and anywhere)           |                                                                   |        |
 * | name, version                                    | scalars: the override's                                           | spec   |
 * | include                                          | sequence: appended                                                | spec   |
 *
 * Decisions where the sources disagree (checked against docker-compose 1.29 `config`, and the
 * Compose v2 merge code's rules):
 * - Keyed items sharing a key: the spec says such entries are "merged"; Compose v2 and 1.29 both
 *   put the override's item in place of the base's whole (a long-syntax volume's `read_only: true`
 *   does not survive an override of the same target). We do the same: what Compose runs is what we
 *   lint. Only `ipam.config` entries are merged (Compose v2 does).
 * - `x-*` keys: Compose v2 replaces them wholesale; we merge them as mappings (nothing runs from
 *   them; anchors in them were resolved when each file was parsed).
 * - `extra_hosts`: Compose v2 appends both files' entries (a host can get two addresses); 1.29 and
 *   the `extends` text merge by host name. We merge by host name.
 * - `extends`: the spec calls every key not listed a scalar (replaced), but also says sequences are
 *   combined; Compose v2 merges a service with its base exactly as it merges files. We follow v2:
 *   the only differences of `extends` mode are the ones in the table. (1.29 replaces an unlisted
 *   list such as `group_add`, as that spec text says.)
 * - The `extends` healthcheck rule is only reported through `onProblem`: 1.29 accepts the file (it
 *   turns the test into `NONE`) and Compose v2 has no such check, so it is no reason to stop.
 * - 1.29 differs from v2 and the spec in ways we do not follow: `secrets` keyed by source, not
 *   target; `dns`/`tmpfs` duplicates kept when merging files. Like us it keys `ports` across short
 *   and long syntax, and a `depends_on` list item resets that service's condition to the default.
 * - Port ranges (`8000-8001:80-81`) are keyed as written, not expanded into one key per port.
 */
import { isTrue } from './boolean.js';
import type { Origin } from '../parse/position.js';
import { get, isMap, isReset, isScalar, isSeq, keyText, makeMap, type YEntry, type YMap, type YNode, type YScalar, type YSeq } from '../parse/tree.js';
import {
  blkioDeviceKey,
  configKey,
  deviceKey,
  envFileKey,
  itemName,
  keyValueEntry,
  nameEntry,
  portKey,
  secretKey,
  subnetKey,
  valueKey,
  volumeKey,
  type ItemKey,
  type Separator,
} from './merge-keys.js';

/** `override`: a later compose file over an earlier one. `extends`: a service over the one it extends. */
export type MergeMode = 'override' | 'extends';

/** Something wrong found while merging; the merge still gives a result. */
export interface MergeProblem {
  readonly message: string;
  readonly origin: Origin;
}

export interface MergeOptions {
  /** Called for each problem found (only the `extends` healthcheck rule has any). */
  onProblem?: (problem: MergeProblem) => void;
  /** The service's name, for messages. */
  service?: string;
}

type Rule =
  /** The override's value, never merged. */
  | { kind: 'replace' }
  /** A list (or a lone string): items with the same key are one, the override's item in place of the base's. */
  | { kind: 'keyed'; key: ItemKey; items: 'replace' | 'merge' }
  /** A list (or a lone string): appended, duplicates kept. */
  | { kind: 'append' }
  /** A list of `NAME=value` or a mapping of name to value: merged by name, the override's value replacing. */
  | { kind: 'keyValue'; separator: Separator }
  /** A list of names or a mapping of name to options: merged by name. */
  | { kind: 'names'; listItem: 'defaults' | 'null' }
  | { kind: 'logging' }
  | { kind: 'build' };

const replace: Rule = { kind: 'replace' };
const byValue: Rule = { kind: 'keyed', key: valueKey, items: 'replace' };
const append: Rule = { kind: 'append' };
const keyValue: Rule = { kind: 'keyValue', separator: 'equals' };
const hosts: Rule = { kind: 'keyValue', separator: 'host' };
const keyed = (key: ItemKey): Rule => ({ kind: 'keyed', key, items: 'replace' });

/** The rules of the table above; `extends` when that mode differs (`null`: the default merge). */
const RULES: readonly { path: string; rule: Rule | null; extends?: Rule | null }[] = [
  { path: 'services.*.command', rule: replace },
  { path: 'services.*.entrypoint', rule: replace },
  { path: 'services.*.healthcheck.test', rule: replace },
  { path: 'services.*.ulimits.*', rule: replace },
  { path: 'services.*.ports', rule: keyed(portKey) },
  { path: 'services.*.volumes', rule: keyed(volumeKey) },
  { path: 'services.*.secrets', rule: keyed(secretKey) },
  { path: 'services.*.configs', rule: keyed(configKey) },
  { path: 'services.*.devices', rule: keyed(deviceKey) },
  ...[
    'cap_add',
    'cap_drop',
    'expose',
    'external_links',
    'links',
    'security_opt',
    'profiles',
    'device_cgroup_rules',
    'volumes_from',
    'dns_opt',
    'build.tags',
    'build.platforms',
    'networks.*.aliases',
    'networks.*.link_local_ips',
    'deploy.placement.constraints',
    'deploy.placement.preferences',
    'deploy.resources.reservations.generic_resources',
  ].map((key) => ({ path: `services.*.${key}`, rule: byValue })),
  ...['dns', 'dns_search', 'tmpfs'].map((key) => ({ path: `services.*.${key}`, rule: byValue, extends: append })),
  { path: 'services.*.env_file', rule: keyed(envFileKey), extends: append },
  { path: 'services.*.label_file', rule: append },
  ...[
    'services.*.environment',
    'services.*.labels',
    'services.*.annotations',
    'services.*.sysctls',
    'services.*.build.args',
    'services.*.build.labels',
    'services.*.build.additional_contexts',
    'services.*.deploy.labels',
    'networks.*.labels',
    'volumes.*.labels',
    'secrets.*.labels',
    'configs.*.labels',
  ].map((path) => ({ path, rule: keyValue })),
  { path: 'services.*.extra_hosts', rule: hosts },
  { path: 'services.*.build.extra_hosts', rule: hosts },
  { path: 'services.*.depends_on', rule: { kind: 'names', listItem: 'defaults' } },
  { path: 'services.*.networks', rule: { kind: 'names', listItem: 'null' } },
  { path: 'services.*.models', rule: { kind: 'names', listItem: 'null' } },
  { path: 'services.*.logging', rule: { kind: 'logging' } },
  { path: 'services.*.build', rule: { kind: 'build' } },
  ...['device_read_bps', 'device_read_iops', 'device_write_bps', 'device_write_iops'].map((key) => ({
    path: `services.*.blkio_config.${key}`,
    rule: null,
    extends: keyed(blkioDeviceKey),
  })),
  { path: 'networks.*.ipam.config', rule: { kind: 'keyed', key: subnetKey, items: 'merge' } },
];

const PATTERNS = RULES.map((r) => ({ ...r, segments: r.path.split('.') }));

function ruleAt(path: readonly string[], mode: MergeMode): Rule | undefined {
  for (const r of PATTERNS) {
    if (r.segments.length !== path.length || !r.segments.every((s, i) => s === '*' || s === path[i])) continue;
    const rule = mode === 'extends' && r.extends !== undefined ? r.extends : r.rule;
    return rule ?? undefined;
  }
  return undefined;
}

interface Context extends MergeOptions {
  mode: MergeMode;
}

/** Merges an override compose document into a base one, as the compose-spec merge rules say (see the table above). */
export function mergeDocuments(base: YNode, override: YNode): YNode {
  return mergeAt([], base, override, { mode: 'override' });
}

/** One service of a later file merged over the same service of the earlier ones (`-f` order). */
export function mergeService(base: YMap, override: YMap, options: MergeOptions = {}): YMap {
  const merged = mergeAt(['services', '*'], base, override, { ...options, mode: 'override' });
  return isMap(merged) ? merged : override;
}

/**
 * A service merged over the service it extends (`base`, already resolved), by the `extends` rules:
 * base items first, the main service's values winning.
 */
export function extendService(base: YMap, main: YMap, options: MergeOptions = {}): YMap {
  const merged = mergeAt(['services', '*'], base, main, { ...options, mode: 'extends' });
  return isMap(merged) ? merged : main;
}

function isNull(node: YNode): boolean {
  return node.kind === 'scalar' && node.value === null && node.tag === undefined;
}

function mergeAt(path: readonly string[], base: YNode | undefined, over: YNode, ctx: Context): YNode {
  if (base === undefined || isReset(base) || isReset(over) || over.tag === '!override') return over;
  const rule = ruleAt(path, ctx.mode);
  if (rule?.kind === 'replace') return over;
  if (isNull(over)) return base;
  switch (rule?.kind) {
    case 'keyed':
      return mergeKeyed(path, base, over, rule, ctx);
    case 'append': {
      const items = listItems(base, over);
      return items ? makeSeq([...items[0], ...items[1]], over) : over;
    }
    case 'keyValue':
      return mergeKeyValues(path, base, over, rule.separator);
    case 'names':
      return mergeNames(path, base, over, rule.listItem, ctx);
    case 'logging': {
      const driver = (node: YNode) => scalarText(get(node, 'driver'));
      const [b, o] = [driver(base), driver(over)];
      if (isMap(base) && isMap(over) && b !== undefined && o !== undefined && b !== o) return over;
      break;
    }
    case 'build': {
      if (!isMap(base) && !isMap(over)) return over;
      const b = isScalar(base) && base.value !== null ? contextMap(base) : base;
      const o = isScalar(over) ? contextMap(over) : over;
      return isMap(b) && isMap(o) ? mergeMaps(path, b, o, ctx) : over;
    }
  }
  if (isMap(base) && isMap(over)) {
    if (ctx.mode === 'extends' && path.length === 3 && path[0] === 'services' && path[2] === 'healthcheck') checkDisable(base, over, ctx);
    return mergeMaps(path, base, over, ctx);
  }
  if (isSeq(base) && isSeq(over)) return makeSeq([...base.items, ...over.items], over);
  return over;
}

function scalarText(node: YNode | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

function makeSeq(items: YNode[], over: YNode): YSeq {
  return { kind: 'seq', items, origin: over.origin };
}

/** Mappings merged by key: base keys in their order (merged with the override's), then the override's other keys. */
function mergeMaps(path: readonly string[], base: YMap, over: YMap, ctx: Context, value = (name: string, b: YNode, o: YNode) => mergeAt([...path, name], b, o, ctx)): YMap {
  const entries: YEntry[] = [];
  const done = new Set<string>();
  for (const entry of base.entries) {
    const name = keyText(entry.key);
    const o = over.index.get(name);
    if (!o || base.index.get(name) !== entry) {
      entries.push(entry);
      continue;
    }
    done.add(name);
    const merged = value(name, entry.value, o.value);
    // The key of whichever file gave the value; a value merged from both keeps the base's key.
    entries.push(merged === entry.value ? entry : merged === o.value ? o : { key: entry.key, value: merged });
  }
  for (const entry of over.entries) {
    const name = keyText(entry.key);
    if (!done.has(name) && over.index.get(name) === entry) entries.push(entry);
  }
  return makeMap(entries, over.origin);
}

/** Both sides as lists of items (a lone string is one item); undefined when either is something else. */
function listItems(base: YNode, over: YNode): [readonly YNode[], readonly YNode[]] | undefined {
  const items = (node: YNode) => (isSeq(node) ? node.items : isScalar(node) ? [node] : undefined);
  const b = items(base);
  const o = items(over);
  return b && o ? [b, o] : undefined;
}

function mergeKeyed(path: readonly string[], base: YNode, over: YNode, rule: Extract<Rule, { kind: 'keyed' }>, ctx: Context): YNode {
  const lists = listItems(base, over);
  if (!lists) return over;
  const items = [...lists[0]];
  const at = new Map<string, number>();
  items.forEach((item, i) => {
    const key = rule.key(item);
    if (key !== undefined) at.set(key, i);
  });
  for (const item of lists[1]) {
    const key = rule.key(item);
    const i = key === undefined ? undefined : at.get(key);
    if (i === undefined) {
      if (key !== undefined) at.set(key, items.length);
      items.push(item);
      continue;
    }
    const previous = items[i]!;
    items[i] = rule.items === 'merge' && isMap(previous) && isMap(item) ? mergeAt([...path, '*'], previous, item, ctx) : item;
  }
  return makeSeq(items, over);
}

/** A list of `NAME=value` (or of names) as the mapping it stands for, the new container at the list. */
function listAsMap(list: YSeq, entry: (item: YNode) => YEntry | undefined): YMap {
  const entries: YEntry[] = [];
  for (const item of list.items) {
    const e = entry(item);
    if (e) entries.push(e);
  }
  return makeMap(entries, list.origin);
}

function mergeKeyValues(path: readonly string[], base: YNode, over: YNode, separator: Separator): YNode {
  if (isSeq(base) && isSeq(over)) {
    return mergeKeyed(path, base, over, { kind: 'keyed', key: (item) => itemName(item, separator), items: 'replace' }, { mode: 'override' });
  }
  const asMap = (node: YNode) => (isSeq(node) ? listAsMap(node, (item) => keyValueEntry(item, separator)) : node);
  const b = asMap(base);
  const o = asMap(over);
  if (!isMap(b) || !isMap(o)) return over;
  // A name's value is the override's, a null one included: `NAME:` takes it from the environment.
  return mergeMaps(path, b, o, { mode: 'override' }, (_name, _base, value) => value);
}

function mergeNames(path: readonly string[], base: YNode, over: YNode, listItem: 'defaults' | 'null', ctx: Context): YNode {
  if (isSeq(base) && isSeq(over)) return mergeKeyed(path, base, over, { kind: 'keyed', key: valueKey, items: 'replace' }, ctx);
  const fromList = new Set<YNode>();
  const asMap = (node: YNode) => {
    if (!isSeq(node)) return node;
    const map = listAsMap(node, (item) => nameEntry(item, listItem));
    for (const entry of map.entries) fromList.add(entry.value);
    return map;
  };
  const b = asMap(base);
  const o = asMap(over);
  if (!isMap(b) || !isMap(o)) return over;
  return mergeMaps(path, b, o, ctx, (name, bv, ov) => (listItem === 'defaults' && fromList.has(ov) ? ov : mergeAt([...path, name], bv, ov, ctx)));
}

/** `build: ./dir` as the mapping `{context: ./dir}`, the key placed at the string. */
function contextMap(node: YScalar): YMap {
  const key: YScalar = { kind: 'scalar', value: 'context', style: 'plain', origin: node.origin };
  return makeMap([{ key, value: node }], node.origin);
}

/** 05-services: with `extends`, the main service may not disable a healthcheck its base does not disable. */
function checkDisable(base: YMap, over: YMap, ctx: Context): void {
  const disable = get(over, 'disable');
  if (!disable || !isTrue(disable) || isTrue(get(base, 'disable'))) return;
  const who = ctx.service === undefined ? 'a service' : `service "${ctx.service}"`;
  ctx.onProblem?.({
    message: `${who} sets healthcheck "disable: true" over the healthcheck of the service it extends, which Compose does not accept unless that one is disabled too`,
    origin: disable.origin,
  });
}
