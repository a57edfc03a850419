import path from 'node:path';
import type { ComposeProject } from './project.js';
import { containerMounts, resolveContainerPath, type ContainerMount } from './container-files.js';
import type { KeyValue } from './keyvalues.js';
import { hostAnswers } from './service-dns.js';
import type { Service } from './service.js';
import type { Text } from './text.js';

/**
 * Where the password a server checks, and the one a client of it sends, come from, so that a rule can
 * tell whether the two are kept in one place (one secret file, one variable) and whether they can
 * differ. Values are compared, never returned for printing.
 */

/**
 * The source of a password or user name.
 * - `literal`: written in the compose file or a config file (`value` is it).
 * - `variables`: made (in part) of compose variables; `value` is what they give with the project's
 *   env file ("" when unset).
 * - `file`: read from a host file the container mounts (a secret, a config, a bind); `written` is the
 *   `file:` or bind source as the compose file writes it.
 * - `unknown`: the project does not say (an env_file, a shell expansion it cannot follow).
 */
export type CredentialSource =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'variables'; readonly names: readonly string[]; readonly value: string }
  | { readonly kind: 'file'; readonly hostPath: string; readonly written: string; readonly via: ContainerMount['via'] }
  | { readonly kind: 'unknown' };

/** The source of a text of the compose model: its variables, else the literal text. */
export function textSource(text: Text): CredentialSource {
  const names = text.variables;
  return names.length > 0 ? { kind: 'variables', names, value: text.value } : { kind: 'literal', value: text.value };
}

/** The source of an `environment` entry: its value, or (a name alone) the variable of the same name. */
export function entrySource(entry: KeyValue): CredentialSource {
  return entry.value ? textSource(entry.value) : { kind: 'variables', names: [entry.name.value], value: '' };
}

/** The source of a file a container reads, by its container path: the host file a mount gives it, else unknown. */
export function fileSource(mounts: readonly ContainerMount[], containerPath: string): CredentialSource {
  const resolved = resolveContainerPath(mounts, containerPath.trim());
  if (!resolved) return { kind: 'unknown' };
  const { mount, hostPath } = resolved;
  const written = hostPath === mount.hostPath ? mount.at.value.trim() : path.posix.join(mount.at.value.trim(), path.relative(mount.hostPath, hostPath).split(path.sep).join('/'));
  return { kind: 'file', hostPath, written, via: mount.via };
}

/** The source of a `<NAME>_FILE` entry's path, through the service's mounts. */
export function entryFileSource(mounts: readonly ContainerMount[], entry: KeyValue): CredentialSource {
  if (!entry.value || entry.value.value.trim() === '') return { kind: 'unknown' };
  return fileSource(mounts, entry.value.value);
}

/** Every host file or directory a service of the project sees in its container. */
export function mountsOf(project: ComposeProject, service: Service): ContainerMount[] {
  return containerMounts(service, project.root, project.directory);
}

/** The value a source gives when it is known when linting (a literal, or variables the env file sets); never print it. */
export function knownValue(source: CredentialSource): string | undefined {
  if (source.kind === 'literal') return source.value;
  if (source.kind === 'variables' && source.value !== '') return source.value;
  return undefined;
}

/**
 * Whether two sources give the same value: true when both read one file or one set of variables, or
 * when both values are known and equal; false when the values are known and differ, or when the
 * sources are of different places (a literal and a variable, two files, two variables); undefined
 * when either is unknown.
 */
export function sameSource(a: CredentialSource, b: CredentialSource): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  const [va, vb] = [knownValue(a), knownValue(b)];
  if (va !== undefined && vb !== undefined) return va === vb;
  if (a.kind === 'file' && b.kind === 'file') return a.hostPath === b.hostPath;
  if (a.kind === 'variables' && b.kind === 'variables') return a.names.length === b.names.length && a.names.every((n) => b.names.includes(n));
  return false;
}

/** A source in words, for a message; never a value. */
export function describeSource(source: CredentialSource): string {
  switch (source.kind) {
    case 'literal':
      return 'is written as a literal';
    case 'variables':
      return `comes from ${source.names.map((n) => `\${${n}}`).join(' and ')}`;
    case 'file':
      return `is read from ${source.via === 'secret' ? 'the secret file' : 'the file'} "${source.written}"`;
    case 'unknown':
      return 'comes from a place the project does not show';
  }
}

/** A connection URL (`redis://:pw@cache:6379/0`, `postgresql://app:pw@db/app`, `jdbc:postgresql://db/app?password=pw`) taken apart. */
export interface ConnectionUrl {
  readonly text: Text;
  readonly scheme: string;
  readonly host: Text;
  /** The user part; absent when the URL has none. */
  readonly user?: Text;
  /** The password part (of the user info, else a `password=` query parameter); absent when the URL has none. */
  readonly password?: Text;
}

const URL_SHAPE = /^\s*(?:jdbc:)?([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i;

/** Takes a URL apart, keeping the place of each part; undefined for a value that is not `scheme://authority`. */
export function parseConnectionUrl(text: Text): ConnectionUrl | undefined {
  const m = URL_SHAPE.exec(text.value);
  if (!m) return undefined;
  const authorityStart = m[0].length - m[2]!.length;
  const authority = m[2]!;
  const at = authority.lastIndexOf('@');
  const hostStart = authorityStart + at + 1;
  const hostPart = authority.slice(at + 1).split(',')[0]!;
  const hostLength = hostPart.startsWith('[') ? hostPart.indexOf(']') + 1 : hostPart.split(':')[0]!.length;
  const host = text.slice(hostStart, hostStart + hostLength);
  let user: Text | undefined;
  let password: Text | undefined;
  if (at >= 0) {
    const info = authority.slice(0, at);
    const colon = info.indexOf(':');
    user = text.slice(authorityStart, authorityStart + (colon === -1 ? info.length : colon));
    if (colon !== -1) password = text.slice(authorityStart + colon + 1, authorityStart + at);
  }
  const query = text.value.indexOf('?', m[0].length);
  if (query !== -1) {
    const rest = text.value.slice(query + 1);
    const param = (name: string) => {
      const p = new RegExp(`(?:^|&)${name}=([^&#]*)`).exec(rest);
      return p ? text.slice(query + 1 + p.index + p[0].length - p[1]!.length, query + 1 + p.index + p[0].length) : undefined;
    };
    user ??= param('user');
    password ??= param('password');
  }
  return { text, scheme: m[1]!.toLowerCase(), host, ...(user && user.value !== '' ? { user } : {}), ...(password ? { password } : {}) };
}

/** What a variable of a client's environment is to a connection. */
export interface ConnectionVariable {
  /** Variables of one group describe one connection: `CACHE_REDIS_HOST` and `CACHE_REDIS_PASSWORD`. */
  readonly group: string;
  readonly role: 'url' | 'host' | 'password' | 'user';
  /** A `_FILE` variable: its value is the path of a file that holds the value. */
  readonly file: boolean;
}

/** How a kind of server's clients name it in their environment. */
export interface ConnectionNaming {
  /** The URL schemes of the server's connection URLs. */
  readonly schemes: RegExp;
  /** A variable name's part in a connection; undefined for a name that is not one. */
  variable(name: string): ConnectionVariable | undefined;
}

/** The words that end a connection variable's name, by role: `DB_HOST`, `REDIS_URL`, `PGPASSWORD`, `DB_USERNAME`. */
const ROLE_WORDS: Readonly<Record<string, ConnectionVariable['role']>> = {
  URL: 'url', URI: 'url', HOST: 'host', HOSTNAME: 'host', SERVER: 'host',
  PASSWORD: 'password', PASS: 'password', PASSWD: 'password', USER: 'user', USERNAME: 'user',
};

/**
 * A naming whose variables match `pattern`: group 1 is the group (the text before the stem), group 2
 * a role word of `ROLE_WORDS`, group 3 an optional `_FILE`. A `_FILE` URL or host is no variable of a
 * connection (its file is not read).
 */
export function connectionNaming(schemes: RegExp, pattern: RegExp): ConnectionNaming {
  return {
    schemes,
    variable(name) {
      const m = pattern.exec(name);
      const role = m && ROLE_WORDS[m[2]!.toUpperCase()];
      if (!m || !role || (m[3] && (role === 'url' || role === 'host'))) return undefined;
      return { group: m[1]!.toUpperCase(), role, file: m[3] !== undefined };
    },
  };
}

/** A password or user a client gives, with where it is written. */
export interface ClientCredential {
  readonly source: CredentialSource;
  /** Where it is written: the part of the URL, or the variable's name. */
  readonly at: Text;
  /** The text that holds the value when it is written in the compose file (to redact). */
  readonly value?: Text;
  readonly entry: KeyValue;
  readonly inUrl: boolean;
}

/** One connection of a client service to a server, as its environment describes it. */
export interface ClientConnection {
  readonly client: Service;
  /** The environment entry whose URL or host names the server. */
  readonly naming: KeyValue;
  readonly url?: ConnectionUrl;
  /** The passwords the connection gives (a URL's, or its group's password variables); empty when it gives none. */
  readonly passwords: readonly ClientCredential[];
  readonly users: readonly ClientCredential[];
  /**
   * True when the client may get a password the compose file does not show: an `env_file`, a
   * password variable of another connection group it might use, or a URL with a user part alone.
   */
  readonly mayHaveOther: boolean;
}

function credential(mounts: () => readonly ContainerMount[], entry: KeyValue, file: boolean): ClientCredential {
  const source = file ? entryFileSource(mounts(), entry) : entrySource(entry);
  return { source, at: entry.name, ...(entry.value && !file ? { value: entry.value } : {}), entry, inUrl: false };
}

function urlCredential(part: Text, entry: KeyValue): ClientCredential {
  return { source: textSource(part), at: part, value: part, entry, inUrl: true };
}

/** True when `host` (a host name, maybe with `:port`) answers to `server` from `client`. */
function names(project: ComposeProject, client: Service, server: Service, host: string): boolean {
  const name = host.trim().replace(/:\d+$/, '');
  return name !== '' && hostAnswers(project, client, name).some((a) => a.service === server);
}

/**
 * The connections other services of the project make to `server`: each environment value that is a
 * URL of the server's scheme whose host answers to the server, and each host variable of a group
 * (`DB_HOST`, `CACHE_REDIS_HOST`) that names it, with the group's passwords and users.
 */
export function clientConnections(project: ComposeProject, server: Service, naming: ConnectionNaming): ClientConnection[] {
  const out: ClientConnection[] = [];
  for (const client of project.services) {
    if (client === server) continue;
    const groups = new Map<string, { entry: KeyValue; variable: ConnectionVariable }[]>();
    for (const entry of client.environment) {
      const variable = naming.variable(entry.name.value);
      if (variable) groups.set(variable.group, [...(groups.get(variable.group) ?? []), { entry, variable }]);
    }
    const passwordGroups = new Set([...groups].filter(([, vars]) => vars.some((v) => v.variable.role === 'password')).map(([g]) => g));
    const hasEnvFile = client.get('env_file') !== undefined;
    let mounts: ContainerMount[] | undefined;
    const clientMounts = () => (mounts ??= mountsOf(project, client));
    const seen = new Set<string>();
    // A group's URL first: it says more than its host variable.
    const urlFirst = [...client.environment].sort((a, b) => Number(naming.variable(b.name.value)?.role === 'url') - Number(naming.variable(a.name.value)?.role === 'url'));
    for (const entry of urlFirst) {
      const variable = naming.variable(entry.name.value);
      const value = entry.value;
      if (!value || (variable && seen.has(variable.group))) continue;
      const url = parseConnectionUrl(value);
      const isUrl = url !== undefined && naming.schemes.test(url.scheme);
      const isHost = !isUrl && variable?.role === 'host';
      if (!(isUrl || isHost) || !names(project, client, server, isUrl ? url!.host.value : value.value)) continue;
      const members = variable ? (groups.get(variable.group) ?? []) : [];
      if (variable) seen.add(variable.group);
      // A host variable alone is no client of this check: it needs a URL or a password to say how it signs in.
      if (isHost && !members.some((m) => m.variable.role === 'password' || m.variable.role === 'url')) continue;
      const of = (role: ConnectionVariable['role']) => members.filter((m) => m.variable.role === role).map((m) => credential(clientMounts, m.entry, m.variable.file));
      const inUrl = isUrl && url!.password && (url!.password.value !== '' || url!.password.variables.length > 0) ? url!.password : undefined;
      const passwords = inUrl ? [urlCredential(inUrl, entry)] : of('password');
      const users = isUrl && url!.user ? [urlCredential(url!.user, entry)] : of('user');
      const otherGroups = [...passwordGroups].some((g) => g !== variable?.group);
      // `redis://secret@cache`, `postgres://app@db`: some clients take a lone user part as the password, libpq looks in ~/.pgpass.
      const userOnly = isUrl && url!.user !== undefined && url!.password === undefined;
      out.push({ client, naming: entry, ...(isUrl ? { url: url! } : {}), passwords, users, mayHaveOther: hasEnvFile || otherGroups || userOnly });
    }
  }
  return out;
}
