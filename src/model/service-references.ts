import { get, isMap, isScalar, isSeq, keyText, type YNode } from '../parse/tree.js';
import type { Service } from './service.js';
import { Text } from './text.js';

/** A top-level section a service can refer to by name; `services` for another service of the project. */
export type ReferencedSection = 'services' | 'networks' | 'volumes' | 'secrets' | 'configs';

/** A name a service uses that must be defined in a top-level section of the project. */
export interface ServiceReference {
  readonly section: ReferencedSection;
  /** The service key the reference is written under: `networks`, `depends_on`, `network_mode`, … */
  readonly key: string;
  /** The name, exactly where it is written (inside `service:db`, `db:alias`, `data:/var/lib/data`). */
  readonly name: Text;
}

/** The value without surrounding blanks, still mapped to its place in the file. */
function trimmed(text: Text): Text {
  return text.slice(text.value.length - text.value.trimStart().length, text.value.trimEnd().length);
}

/** Names of a list (`[a, b]`) or of a mapping's keys (`{a: …, b: …}`), with `keep` deciding per mapping entry. */
function names(node: YNode | undefined, keep: (value: YNode) => boolean = () => true): Text[] {
  if (isSeq(node)) return node.items.filter(isScalar).filter((n) => n.value !== null).map((n) => Text.of(n));
  if (isMap(node)) return node.entries.filter((e) => keep(e.value)).map((e) => Text.of(e.key));
  return [];
}

/** `secrets:` and `configs:` items: a name, or a mapping whose `source` names it. */
function sources(node: YNode | undefined): Text[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((item) => {
    const name = isMap(item) ? get(item, 'source') : item;
    return isScalar(name) && name.value !== null ? [Text.of(name)] : [];
  });
}

/** YAML `false`, or a string that reads `false`. */
function isFalse(node: YNode | undefined): boolean {
  return isScalar(node) && (node.value === false || String(node.value).toLowerCase() === 'false');
}

/** The part before the first `:` (`db:alias` → `db`). */
function beforeColon(text: Text): Text {
  const colon = text.value.indexOf(':');
  return colon === -1 ? text : text.slice(0, colon);
}

/**
 * Every name the service refers to that the project must define: networks, named volumes (not binds,
 * not anonymous volumes), secrets, configs, and other services (`depends_on` unless `required: false`,
 * `links`, `volumes_from`, and `service:x` in `network_mode`, `ipc` and `pid`). Names a variable
 * left empty are left out.
 */
export function referencesOf(service: Service): ServiceReference[] {
  const out: ServiceReference[] = [];
  const add = (section: ReferencedSection, key: string, name: Text) => {
    const word = trimmed(name);
    if (word.value !== '') out.push({ section, key, name: word });
  };
  for (const name of names(service.get('networks'))) add('networks', 'networks', name);
  for (const volume of service.volumes) if (volume.type === 'volume' && volume.source) add('volumes', 'volumes', volume.source);
  for (const name of sources(service.get('secrets'))) add('secrets', 'secrets', name);
  for (const name of sources(service.get('configs'))) add('configs', 'configs', name);
  for (const name of names(service.get('depends_on'), (entry) => !isFalse(get(entry, 'required')))) add('services', 'depends_on', name);
  for (const link of service.list('links')) add('services', 'links', beforeColon(link));
  for (const from of service.list('volumes_from')) if (!from.value.trim().startsWith('container:')) add('services', 'volumes_from', beforeColon(trimmed(from)));
  for (const key of ['network_mode', 'ipc', 'pid']) {
    const value = service.text(key);
    const word = value && trimmed(value);
    if (word?.value.startsWith('service:')) add('services', key, word.slice('service:'.length));
  }
  return out;
}

/** The names a top-level section of the effective project defines (`networks:` → `front`, `back`). */
export function definedNames(root: YNode, section: ReferencedSection): Set<string> {
  const node = get(root, section);
  return new Set(isMap(node) ? node.entries.map((e) => keyText(e.key)) : []);
}

/** One `depends_on` entry: the service waited for, and how. */
export interface Dependency {
  /** The target's name, where it is written: the list item, or the key of the long form. */
  readonly name: Text;
  /** `condition:` of the long form, when written; Compose's default is `service_started`. */
  readonly condition?: Text;
  /** False when the long form says `required: false`. */
  readonly required: boolean;
}

/** The `depends_on` entries of a service, short (list) or long (mapping) form. */
export function dependenciesOf(service: Service): Dependency[] {
  const node = service.get('depends_on');
  if (isSeq(node)) return names(node).map((name) => ({ name: trimmed(name), required: true }));
  if (!isMap(node)) return [];
  return node.entries.map((entry) => {
    const condition = get(entry.value, 'condition');
    return {
      name: Text.of(entry.key),
      ...(isScalar(condition) && condition.value !== null ? { condition: trimmed(Text.of(condition)) } : {}),
      required: !isFalse(get(entry.value, 'required')),
    };
  });
}
