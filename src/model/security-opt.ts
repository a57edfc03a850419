import { Text } from './text.js';

/**
 * One `security_opt` item taken apart the way Docker reads it: an option name, then `=` or (the
 * older spelling) `:`, then a value. When the item holds an `=`, Docker splits at the first `=`,
 * else at the first `:`; `no-new-privileges` may stand alone.
 */
export interface SecurityOpt {
  /** The whole item. */
  readonly item: Text;
  /** `no-new-privileges`, `seccomp`, `apparmor`, `label`, `systempaths`…, as written (Docker compares it exactly). */
  readonly name: Text;
  readonly separator?: '=' | ':';
  /** What follows the separator: `true`, `unconfined`, `disable`, `type:spc_t`, a profile path… */
  readonly value?: Text;
}

export function parseSecurityOpt(item: Text): SecurityOpt {
  const eq = item.value.indexOf('=');
  const at = eq !== -1 ? eq : item.value.indexOf(':');
  if (at === -1) return { item, name: item };
  return { item, name: item.slice(0, at), separator: item.value[at] as '=' | ':', value: item.slice(at + 1) };
}

/** The spellings Docker reads as a boolean for `no-new-privileges=<value>` (Go's `strconv.ParseBool`). */
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['1', 't', 'T', 'true', 'TRUE', 'True'].map((s) => [s, true] as const),
  ...['0', 'f', 'F', 'false', 'FALSE', 'False'].map((s) => [s, false] as const),
]);

/**
 * What an item sets no-new-privileges to: true for `no-new-privileges` alone or with a true value,
 * false for a false value, `invalid` for a value Docker refuses (the container does not start), and
 * undefined when the item is another option.
 */
export function noNewPrivilegesOf(opt: SecurityOpt): boolean | 'invalid' | undefined {
  if (opt.name.value !== 'no-new-privileges') return undefined;
  if (!opt.value) return true;
  return BOOLEANS.get(opt.value.value) ?? 'invalid';
}
