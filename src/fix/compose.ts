import { parsePort } from '../model/ports.js';
import { isScalar, isSeq, type YEntry, type YMap } from '../parse/tree.js';
import type { FixSources } from './sources.js';
import { combine, refuse, type EditResult } from './types.js';
import { where } from './yaml-layout.js';
import { addMapEntry, appendSeqItem, ensureSeqItem, removeEntry, removeSeqItem, renameKey, replaceNode, setEntryValue, setScalar } from './yaml.js';

/**
 * Fixes of compose files made of the YAML edits: what several of the listed fixes share.
 */

/**
 * Turns a service's published ports into `expose:` (the ports other services reach without publishing
 * them on the host): `ports:` renamed to `expose:` with each item its container port (`8080:80` →
 * `80`, `53:53/udp` → `53/udp`), or, when the service has `expose:`, the ports added to it and
 * `ports:` removed. A port item written with a variable, or items of `ports:` written in several
 * files, are refused.
 */
export function portsToExpose(ports: YEntry, expose: YEntry | undefined, sources: FixSources): EditResult {
  const list = ports.value;
  if (!isSeq(list)) return refuse(`"ports" at ${where(ports.key)} is not a list`);
  if (list.items.some((item) => item.origin.file !== ports.key.origin.file)) return refuse(`the ports of "${where(ports.key)}" are set in several files`);
  const targets: string[] = [];
  for (const item of list.items) {
    const port = parsePort(item);
    if (!port?.target || !port.target.isLiteral() || port.target.value === '') return refuse(`the port at ${where(item)} has no container port written in the file`);
    targets.push(port.protocol === 'tcp' ? port.target.value : `${port.target.value}/${port.protocol}`);
  }
  if (expose) {
    if (!isSeq(expose.value)) return refuse(`"expose" at ${where(expose.key)} is not a list`);
    const have = new Set(expose.value.items.map((item) => (item.kind === 'scalar' ? String(item.value) : '')));
    const added = [...new Set(targets)].filter((target) => !have.has(target)).map((target) => appendSeqItem(expose.value as typeof list, target, sources));
    return combine([...added, removeEntry(ports, sources)]);
  }
  const seen = new Set<string>();
  const items = list.items.map((item, i) => {
    const target = targets[i]!;
    if (seen.has(target)) return removeSeqItem(item, sources);
    seen.add(target);
    return item.kind === 'scalar' ? setScalar(item, target, sources) : replaceNode(item, target, sources);
  });
  return combine([renameKey(ports, 'expose', sources), ...items]);
}

/**
 * Makes the list under `key` hold `item` (`cap_drop: [ALL]`, `security_opt: [no-new-privileges:true]`):
 * appended to the list, the empty key given a list, or the key added with it. No edit when the list
 * holds it already.
 */
export function ensureListItem(map: YMap, key: string, item: string, sources: FixSources): EditResult {
  const entry = map.index.get(key);
  if (!entry) return addMapEntry(map, key, [item], sources);
  if (isSeq(entry.value)) return ensureSeqItem(entry.value, item, sources);
  if (isScalar(entry.value) && entry.value.value === null) return setEntryValue(entry, [item], sources);
  return refuse(`"${key}" at ${where(entry.key)} is not a list`);
}
