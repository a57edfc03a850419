/**
 * What counts as a plaintext secret, on plain strings. The rule maps the offsets these functions
 * return back to the file and decides, with the model, which characters were written in the file.
 */

/** A part of a string: value[start, end). */
export interface Slice {
  start: number;
  end: number;
}

/** The words of a name: `POSTGRES_PASSWORD`, `com.example.token`, `api-key`, `dbPassword` → lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Words that name a secret on their own. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'pw', 'passphrase', 'secret', 'token', 'apikey',
  'credential', 'credentials', 'creds', 'salt', 'requirepass', 'masterauth',
]);
/** Endings of joined words that name a secret: `PGPASSWORD`, `clientSecret`, `authtoken`, `ROOTPASS`. */
const SECRET_ENDINGS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'pass'];
/** Joined words with such an ending that are not secrets. */
const NOT_SECRET_WORDS = new Set(['htpasswd', 'bypass', 'compass', 'encompass', 'overpass', 'underpass', 'surpass', 'trespass']);
/** `key` names a secret after one of these: `API_KEY`, `PRIVATE_KEY`, `SESSION_KEY`, `APP_KEY`. */
const KEY_KINDS = new Set([
  'api', 'private', 'access', 'secret', 'session', 'cookie', 'encryption', 'encrypt', 'signing', 'sign', 'master', 'hmac', 'jwt', 'app', 'auth',
]);
/** After the secret word, these make the name about a secret, not the secret: `TOKEN_TTL`, `PASSWORD_FILE`. */
const ABOUT_WORDS = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'directory', 'folder', 'location', 'mount',
  'length', 'len', 'size', 'min', 'max', 'minimum', 'maximum', 'limit', 'count', 'rounds', 'round', 'iterations', 'cost',
  'expiry', 'expires', 'expire', 'expiration', 'exp', 'ttl', 'lifetime', 'age', 'timeout', 'duration', 'validity', 'period', 'interval',
  'algorithm', 'algorithms', 'alg', 'algo', 'hash', 'hasher', 'hashing', 'encryption', 'cipher', 'digest', 'sha', 'sha2', 'sha256', 'sha512', 'bcrypt', 'md5',
  'policy', 'policies', 'strength', 'complexity', 'rules', 'pattern', 'regex',
  'require', 'required', 'requires', 'uppercase', 'lowercase', 'digits', 'numbers', 'symbols', 'special',
  'enabled', 'enable', 'disabled', 'disable', 'flag', 'mode', 'type', 'kind', 'method', 'scheme', 'format', 'encoding',
  'header', 'name', 'names', 'user', 'username', 'login', 'host', 'hostname', 'port', 'url', 'uri', 'endpoint', 'server', 'address', 'addr',
  'id', 'ids', 'kid', 'arn', 'ref', 'issuer', 'audience', 'prefix', 'suffix', 'env', 'var', 'variable',
  'provider', 'backend', 'store', 'source', 'engine', 'manager', 'version', 'cache', 'reset', 'history', 'field', 'param',
  'stdin', 'prompt', 'command', 'cmd', 'script', 'label', 'alias', 'generator', 'realm', 'service',
]);
/** Names that look like a secret's and are not: etcd's cluster token is a cluster name. */
const NOT_SECRETS = new Set(['initial cluster token']);
/** Anywhere in the name, these make it a switch or a public value: `MYSQL_ALLOW_EMPTY_PASSWORD`, `NEXT_PUBLIC_API_KEY`. */
const SWITCH_WORDS = new Set(['allow', 'empty', 'random', 'generate', 'skip', 'use', 'no', 'without', 'public', 'publishable', 'ask', 'show', 'hide', 'mask']);

function isSecretWord(words: readonly string[], i: number): boolean {
  const w = words[i]!;
  // `GITLAB_SECRETS_DB_KEY_BASE` is a secret, `EDGEX_ADD_KNOWN_SECRETS` a list of secret names.
  if (w === 'secrets') return i < words.length - 1;
  // Confluent's `KAFKA_SSL_KEYSTORE_CREDENTIALS` names the file that holds the password.
  if (w === 'credentials' || w === 'creds') return !['keystore', 'truststore', 'key'].includes(words[i - 1] ?? '');
  if (SECRET_WORDS.has(w)) return true;
  if (NOT_SECRET_WORDS.has(w)) return false;
  if (SECRET_ENDINGS.some((e) => w.length > e.length && w.endsWith(e))) return true;
  return w === 'key' && i > 0 && KEY_KINDS.has(words[i - 1]!);
}

/** True when a name (of a variable, label, build argument or option) names a secret itself, not something about one. */
export function secretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 1 && (words[0] === 'pwd' || words[0] === 'oldpwd')) return false; // the shell's working directory
  if (NOT_SECRETS.has(words.join(' '))) return false;
  let last = -1;
  words.forEach((_, i) => {
    if (isSecretWord(words, i)) last = i;
  });
  if (last === -1) return false;
  if (words.some((w) => SWITCH_WORDS.has(w))) return false;
  return !words.slice(last + 1).some((w) => ABOUT_WORDS.has(w));
}

const BOOLEAN = /^(true|false|yes|no|on|off)$/i;
/**
 * A reference the container's shell or a template expands: `$DB_PASSWORD`, `${DB_PASSWORD}`, `$(cat /run/secrets/db)`,
 * `{{ .Env.X }}`. Compose has already replaced its own variables, so a `$` left at the start was written as `$$`.
 */
const REFERENCE = /^["']?(\$[({A-Za-z_]|`|\{\{)/;
/** A file path: `/run/secrets/db_password`, `./certs/key.pem`. */
const PATH = /^(\.{1,2}|~)?\/[\w.@%+\-/]*$/;
/** A template's blank to fill in: `<CLIENT_SECRET>`. Once filled in with the secret, the value is reported. */
const BLANK = /^<[^<>]+>$/;

/** True when a value written on a secret-named key could be the secret: not empty or punctuation, a switch, a reference, a path or a blank. */
export function couldBeSecret(value: string): boolean {
  const v = value.trim();
  return /[A-Za-z0-9]/.test(v) && ![BOOLEAN, REFERENCE, PATH, BLANK].some((re) => re.test(v));
}

/** Well-known token formats, found in any value whatever its name. */
const TOKEN_SHAPES: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)(?!\w*EXAMPLE)[0-9A-Z]{16}\b/g },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/g },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'a Stripe live secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/g },
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g },
];

export interface TokenHit extends Slice {
  kind: string;
}

export function tokenShapes(value: string): TokenHit[] {
  const hits: TokenHit[] = [];
  for (const { kind, pattern } of TOKEN_SHAPES) {
    for (const m of value.matchAll(pattern)) hits.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The password part of every `scheme://user:password@host` in a value. */
export function urlPasswords(value: string): Slice[] {
  const hits: Slice[] = [];
  for (const m of value.matchAll(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s/?#'"]*)([/?#]?)/g)) {
    const authority = m[1]!;
    const at = authority.lastIndexOf('@');
    const colon = authority.indexOf(':');
    if (at === -1 || colon === -1 || colon > at) continue;
    // A host follows, or at least the path: not `maven://group:artifact:@version@`.
    if (at === authority.length - 1 && m[2] === '') continue;
    const start = m.index + m[0].length - m[2]!.length - authority.length + colon + 1;
    const password = authority.slice(colon + 1, at);
    if (couldBeSecret(password) && !/^\*+$/.test(password)) hits.push({ start, end: start + password.length });
  }
  return hits;
}

export interface FlagHit extends Slice {
  /** Index of the word that holds the secret. */
  word: number;
  /** The option or variable that takes it: `--requirepass`, `-a`, `PGPASSWORD`. */
  flag: string;
}

const SEPARATORS = new Set(['&&', '||', ';', '|', '&']);
/** Client tools whose short options take a password. */
const TOOLS: Record<string, 'redis' | 'mysql' | 'mongo' | 'curl'> = {
  'redis-cli': 'redis', 'valkey-cli': 'redis', 'keydb-cli': 'redis',
  mysql: 'mysql', mysqladmin: 'mysql', mysqldump: 'mysql', mysqlcheck: 'mysql', mysqlshow: 'mysql',
  mariadb: 'mysql', 'mariadb-admin': 'mysql', 'mariadb-dump': 'mysql', 'mariadb-check': 'mysql',
  mongo: 'mongo', mongosh: 'mongo', mongodump: 'mongo', mongorestore: 'mongo', mongoexport: 'mongo', mongoimport: 'mongo',
  curl: 'curl',
};

/** `value` of word[start, end) without surrounding quotes and a trailing `;`, as a slice of the word. */
function valueSlice(word: string, start: number): Slice | undefined {
  let s = start;
  let e = word.length;
  if (e > s && word[e - 1] === ';') e--;
  const q = word[s];
  if ((q === '"' || q === "'") && e - s >= 2 && word[e - 1] === q) {
    s++;
    e--;
  }
  return couldBeSecret(word.slice(s, e)) ? { start: s, end: e } : undefined;
}

/**
 * Secrets given to a command line: `--password=x`, `--requirepass x`, `-storage.password x`, `PGPASSWORD=x`,
 * and the short options of client tools that take one: `redis-cli -a x`, `mysql -px`, `mongosh -p x`, `curl -u user:x`.
 */
export function flagSecrets(words: readonly string[]): FlagHit[] {
  const hits: FlagHit[] = [];
  let tool: (typeof TOOLS)[string] | undefined;
  const next = (i: number): string | undefined => {
    const w = words[i + 1];
    return w === undefined || w.startsWith('-') || SEPARATORS.has(w) ? undefined : w;
  };
  const add = (word: number, from: number, flag: string) => {
    const slice = valueSlice(words[word]!, from);
    if (slice) hits.push({ word, flag, ...slice });
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SEPARATORS.has(w)) {
      tool = undefined;
      continue;
    }
    const base = w.slice(w.lastIndexOf('/') + 1);
    if (Object.hasOwn(TOOLS, base)) {
      tool = TOOLS[base];
      continue;
    }
    if (tool === 'redis' && w === '-a' && next(i) !== undefined) {
      add(++i, 0, '-a');
    } else if (tool === 'mysql' && /^-p[^-]/.test(w)) {
      add(i, 2, '-p');
    } else if (tool === 'mongo' && w === '-p' && next(i) !== undefined) {
      add(++i, 0, '-p');
    } else if (tool === 'curl' && (w === '-u' || w === '--user') && next(i) !== undefined) {
      const colon = words[i + 1]!.indexOf(':');
      if (colon !== -1) add(i + 1, colon + 1, w);
      i++;
    } else {
      const option = /^(--?)([A-Za-z][\w.-]+)(=?)/.exec(w);
      if (option && secretName(option[2]!)) {
        const flag = option[1]! + option[2]!;
        if (option[3]) add(i, option[0].length, flag);
        else if (next(i) !== undefined) add(++i, 0, flag);
        continue;
      }
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(w);
      if (assignment && secretName(assignment[1]!)) add(i, assignment[0].length, assignment[1]!);
    }
  }
  return hits;
}

export interface AssignmentHit extends Slice {
  name: string;
}

/** `name = value`, `name: value` and `name value` lines of a config file's content whose name names a secret. */
export function assignedSecrets(content: string): AssignmentHit[] {
  const hits: AssignmentHit[] = [];
  let offset = 0;
  for (const line of content.split('\n')) {
    const m = /^(\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*(?:=|:|\s)\s*)(.*?)[\s,]*$/.exec(line);
    if (m && secretName(m[2]!)) {
      const slice = valueSlice(m[1]! + m[3]!, m[1]!.length);
      if (slice) hits.push({ name: m[2]!, start: offset + slice.start, end: offset + slice.end });
    }
    offset += line.length + 1;
  }
  return hits;
}
