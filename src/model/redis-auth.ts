import type { ConfigWord } from '../parse/config-words.js';
import type { RedisDirective } from '../parse/redis.js';
import { redisSettings, type EffectiveSettings } from './config-settings.js';
import type { ServiceConfigFiles } from './configs.js';
import type { Text } from './text.js';

/**
 * What the redis images a compose file names do when nothing configures them. The official images
 * (`redis`, `valkey/valkey`, `eqalpha/keydb`) build the server with `protected-mode` off and keep the
 * compiled `bind * -::*`, and set no password: a server started from them without a config is open
 * to every network the container joins. Bitnami's images take the password from `REDIS_PASSWORD`
 * (`VALKEY_PASSWORD`, or the `_FILE` variants) and refuse to start without one unless
 * `ALLOW_EMPTY_PASSWORD=yes`.
 */
export type RedisImageKind = 'official' | 'bitnami';

/** The image family of a redis service, by image path; undefined for a built or unknown image. */
export function redisImageKind(configs: ServiceConfigFiles): RedisImageKind | undefined {
  const path = configs.setup.service?.imageReference?.path;
  if (path === undefined) return undefined;
  const parts = path.split('/');
  if (parts.some((p) => p.startsWith('bitnami'))) return 'bitnami';
  const name = parts.at(-1)!;
  return ['redis', 'valkey', 'keydb'].includes(name) ? 'official' : undefined;
}

/** A password a redis server is given: a `requirepass` value or an ACL `>password` rule. */
export interface RedisPassword {
  /** The password as written (the word, or the part of an ACL rule after `>`). */
  readonly word: ConfigWord;
  readonly directive: RedisDirective;
  /**
   * Read when the container starts rather than written in the project: a shell expansion in a
   * `sh -c` script (`"$(cat /run/secrets/redis)"`, `$REDIS_PASSWORD`), or a compose variable
   * whose value the project does not set.
   */
  readonly atStart: boolean;
  /** The compose command word it was written in, when it is on the command line (it knows its variables). */
  readonly text?: Text;
}

/**
 * Whether a redis server asks clients to authenticate, as far as the project says.
 * - `requirepass`: the default user has a password (`requirepass`, file or command line).
 * - `acl`: `user default ...` lines leave the default user off or without `nopass`.
 * - `aclfile`: the users come from an ACL file (not read here); counted as configured.
 * - `environment`: the image sets the password from the environment (Bitnami's `REDIS_PASSWORD`).
 * - `none`: the default user is on with `nopass`: anyone who reaches the port is in.
 * - `unknown`: the config file is not in the project (the image's own, or the deploy host's).
 */
export interface RedisAuth {
  readonly how: 'requirepass' | 'acl' | 'aclfile' | 'environment' | 'none' | 'unknown';
  /** The setting that decides it (the last one that changes the default user); absent for `none` from defaults. */
  readonly decidedBy?: RedisDirective;
  /** No config file and no setting on the command line: the image's defaults apply. */
  readonly imageDefault: boolean;
  /** Every password given, in order (strength checks); requirepass values and ACL `>` rules of any user. */
  readonly passwords: readonly RedisPassword[];
}

/** True when clients must authenticate (or an ACL file, which is not read, decides it). */
export function authConfigured(auth: RedisAuth): boolean {
  return auth.how !== 'none' && auth.how !== 'unknown';
}

/** A shell expansion the shell of `sh -c` replaces when the container starts: `$(...)`, `` `...` ``, `$NAME`, `${NAME}`. */
const SHELL_EXPANSION = /^(?:\$\(|`|\$\{?[A-Za-z_])/;

/** The command-line word (a compose `Text`) a config word of the command line was cut from. */
function argOf(configs: ServiceConfigFiles, word: ConfigWord): Text | undefined {
  const { start } = word.origin.range;
  return configs.setup.args.find((arg) => {
    const { range, file } = arg.origin;
    return file === word.origin.file && !before(start, range.start) && before(start, range.end);
  });
}

function before(a: { line: number; column: number }, b: { line: number; column: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Whether a password word is only known when the container starts. */
function readAtStart(configs: ServiceConfigFiles, word: ConfigWord): boolean {
  if (SHELL_EXPANSION.test(word.value)) return true;
  const arg = argOf(configs, word);
  return arg !== undefined && arg.variables.length > 0 && word.value === '';
}

/** The default user as redis starts it: on, no password needed. */
interface DefaultUser {
  on: boolean;
  nopass: boolean;
  passwords: number;
}

/** Applies the ACL rules of a `user` line (`on`, `off`, `nopass`, `>pw`, `#hash`, `<pw`, `!hash`, `resetpass`, `reset`) to a user. */
function applyAclRules(user: DefaultUser, rules: readonly ConfigWord[]): void {
  for (const { value } of rules) {
    const rule = value.toLowerCase();
    if (rule === 'on') user.on = true;
    else if (rule === 'off') user.on = false;
    else if (rule === 'nopass') Object.assign(user, { nopass: true, passwords: 0 });
    else if (rule === 'resetpass') Object.assign(user, { nopass: false, passwords: 0 });
    else if (rule === 'reset') Object.assign(user, { on: false, nopass: false, passwords: 0 });
    else if (value.startsWith('>') || value.startsWith('#')) Object.assign(user, { nopass: false, passwords: user.passwords + 1 });
    else if (value.startsWith('<') || value.startsWith('!')) user.passwords = Math.max(0, user.passwords - 1);
  }
}

function passwordOf(configs: ServiceConfigFiles, word: ConfigWord, directive: RedisDirective): RedisPassword {
  const arg = argOf(configs, word);
  // The whole command word when the password is all of it (so a finding also points at the variable's .env line).
  const text = arg && arg.value === word.value ? arg : undefined;
  return { word, directive, atStart: readAtStart(configs, word), ...(text ? { text } : {}) };
}

/** The passwords written in `requirepass` and ACL `>` rules, in order. */
function passwordsOf(configs: ServiceConfigFiles, settings: EffectiveSettings<RedisDirective>): RedisPassword[] {
  const out: RedisPassword[] = [];
  for (const directive of settings.all('requirepass')) {
    const word = directive.args[0];
    if (word && word.value !== '') out.push(passwordOf(configs, word, directive));
  }
  for (const directive of settings.all('user')) {
    for (const rule of directive.args.slice(1)) {
      if (!rule.value.startsWith('>') || rule.value.length < 2) continue;
      const word: ConfigWord = { ...rule, value: rule.value.slice(1), raw: rule.raw.slice(rule.raw.indexOf('>') + 1), origin: rule.quoted ? rule.origin : { ...rule.origin, range: { ...rule.origin.range, start: { ...rule.origin.range.start, column: rule.origin.range.start.column + 1 } } } };
      out.push(passwordOf(configs, word, directive));
    }
  }
  return out;
}

/** Bitnami's images: the password variables, and whether `ALLOW_EMPTY_PASSWORD=yes` lets the server start without one. */
function bitnamiAuth(configs: ServiceConfigFiles): RedisAuth['how'] {
  const service = configs.setup.service;
  if (!service) return 'none';
  const set = (name: string) => {
    const entry = service.environmentVariable(name);
    return entry !== undefined && (entry.value === undefined || entry.value.value.trim() !== '');
  };
  if (['REDIS_PASSWORD', 'REDIS_PASSWORD_FILE', 'VALKEY_PASSWORD', 'VALKEY_PASSWORD_FILE'].some(set)) return 'environment';
  const allowEmpty = service.environmentVariable('ALLOW_EMPTY_PASSWORD')?.value?.value.trim().toLowerCase();
  // Without a password and without ALLOW_EMPTY_PASSWORD=yes the image refuses to start.
  return allowEmpty === 'yes' ? 'none' : 'environment';
}

/**
 * How a redis service authenticates clients: its config file and command line (`redisSettings`),
 * then the image's defaults. Undefined for a service that does not run redis.
 */
export function redisAuth(configs: ServiceConfigFiles): RedisAuth | undefined {
  const settings = redisSettings(configs);
  if (!settings) return undefined;
  const passwords = passwordsOf(configs, settings);
  const fileUnread = configs.unread.length > 0;
  const commandSet = configs.setup.args.some((a) => a.value.startsWith('--'));
  const imageDefault = !configs.redis && !fileUnread && !commandSet;
  const aclfile = settings.last('aclfile');
  if (aclfile) return { how: 'aclfile', decidedBy: aclfile, imageDefault: false, passwords };
  const user: DefaultUser = { on: true, nopass: true, passwords: 0 };
  const requirepass = settings.last('requirepass');
  const given = requirepass?.args[0];
  let closedBy: RedisDirective | undefined;
  if (requirepass && given && (given.value !== '' || readAtStart(configs, given))) {
    Object.assign(user, { nopass: false, passwords: 1 });
    closedBy = requirepass;
  }
  // `user default ...` lines are applied after the other settings, requirepass included.
  let lastDefault: RedisDirective | undefined;
  for (const directive of settings.all('user')) {
    if (directive.args[0]?.value !== 'default') continue;
    const wasOpen = user.on && user.nopass;
    applyAclRules(user, directive.args.slice(1));
    if (user.on && user.nopass) closedBy = undefined;
    else if (wasOpen) closedBy = directive;
    lastDefault = directive;
  }
  const decidedBy = user.on && user.nopass ? lastDefault : (closedBy ?? lastDefault);
  const how: RedisAuth['how'] = closedBy === requirepass && closedBy ? 'requirepass' : 'acl';
  if (user.on && user.nopass) {
    if (fileUnread) return { how: 'unknown', imageDefault: false, passwords };
    if (!configs.redis && !decidedBy && redisImageKind(configs) === 'bitnami') return { how: bitnamiAuth(configs), imageDefault, passwords };
    return { how: 'none', ...(decidedBy ? { decidedBy } : {}), imageDefault, passwords };
  }
  return { how, ...(decidedBy ? { decidedBy } : {}), imageDefault, passwords };
}
