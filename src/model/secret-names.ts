import { nameGlobs, valuePatterns, type Policy } from './policy.js';

/**
 * Secret names and values that could be secrets: the one definition the secret rules share
 * (plaintext secrets in the compose file, literal defaults of secret variables, committed env files).
 * Rules ask through `secretTests(project.policy)`, which leaves out what the configuration's
 * `secrets` allowlists say is no secret.
 */

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

/** Which names and values are secrets under a project's policy: the built-in reading, less the policy's allowlists. */
export interface SecretTests {
  /** True when the name names a secret (`secretName`) and no glob of `secrets.allowNames` matches it. */
  name(name: string): boolean;
  /** True when the value could be a secret (`couldBeSecret`) and no pattern of `secrets.allowValues` matches it. */
  value(value: string): boolean;
  /** True when a pattern of `secrets.allowValues` matches the value (trimmed): a token or password the configuration says is no secret. */
  allowedValue(value: string): boolean;
}

const tests = new WeakMap<Policy['secrets'], SecretTests>();

/** The secret tests of a policy, made once per policy. */
export function secretTests(policy: Policy): SecretTests {
  let found = tests.get(policy.secrets);
  if (!found) {
    const allowedName = nameGlobs(policy.secrets.allowNames);
    const allowed = valuePatterns(policy.secrets.allowValues);
    const allowedValue = (value: string) => allowed(value.trim());
    found = {
      name: (name) => secretName(name) && !allowedName(name),
      value: (value) => couldBeSecret(value) && !allowedValue(value),
      allowedValue,
    };
    tests.set(policy.secrets, found);
  }
  return found;
}
