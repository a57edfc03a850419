import { couldBeSecret, secretName, type SecretTests } from '../../../src/engine/api.js';

/**
 * What counts as a plaintext secret, on plain strings; which names name a secret and which values
 * could be one is the model's (`src/model/secret-names.ts`): the rule passes the project policy's
 * `secretTests`, the functions default to the built-in reading. The rule maps the offsets these
 * functions return back to the file and decides, with the model, which characters were written in the file.
 */

/** The built-in reading of names and values, with no allowlist. */
const BUILT_IN: SecretTests = { name: secretName, value: couldBeSecret, allowedValue: () => false };

/** A part of a string: value[start, end). */
export interface Slice {
  start: number;
  end: number;
}

/** Well-known token formats, found in any value whatever its name; `hints` are text each match contains, to skip most values cheaply. */
const TOKEN_SHAPES: readonly { kind: string; hints: readonly string[]; pattern: RegExp }[] = [
  { kind: 'an AWS access key id', hints: ['AKIA', 'ASIA'], pattern: /\b(?:AKIA|ASIA)(?!\w*EXAMPLE)[0-9A-Z]{16}\b/g },
  { kind: 'a GitHub token', hints: ['_'], pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/g },
  { kind: 'a Slack token', hints: ['xox'], pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'a Stripe live secret key', hints: ['k_live_'], pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/g },
  { kind: 'a private key', hints: ['PRIVATE KEY'], pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g },
];

export interface TokenHit extends Slice {
  kind: string;
}

export function tokenShapes(value: string, secrets: SecretTests = BUILT_IN): TokenHit[] {
  const hits: TokenHit[] = [];
  for (const { kind, hints, pattern } of TOKEN_SHAPES) {
    if (!hints.some((hint) => value.includes(hint))) continue;
    for (const m of value.matchAll(pattern)) if (!secrets.allowedValue(m[0])) hits.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The password part of every `scheme://user:password@host` in a value. */
export function urlPasswords(value: string, secrets: SecretTests = BUILT_IN): Slice[] {
  const hits: Slice[] = [];
  if (!value.includes('://')) return hits;
  for (const m of value.matchAll(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s/?#'"]*)([/?#]?)/g)) {
    const authority = m[1]!;
    const at = authority.lastIndexOf('@');
    const colon = authority.indexOf(':');
    if (at === -1 || colon === -1 || colon > at) continue;
    // A host follows, or at least the path: not `maven://group:artifact:@version@`.
    if (at === authority.length - 1 && m[2] === '') continue;
    const start = m.index + m[0].length - m[2]!.length - authority.length + colon + 1;
    const password = authority.slice(colon + 1, at);
    if (secrets.value(password) && !/^\*+$/.test(password)) hits.push({ start, end: start + password.length });
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
function valueSlice(word: string, start: number, secrets: SecretTests): Slice | undefined {
  let s = start;
  let e = word.length;
  if (e > s && word[e - 1] === ';') e--;
  const q = word[s];
  if ((q === '"' || q === "'") && e - s >= 2 && word[e - 1] === q) {
    s++;
    e--;
  }
  return secrets.value(word.slice(s, e)) ? { start: s, end: e } : undefined;
}

/**
 * Secrets given to a command line: `--password=x`, `--requirepass x`, `-storage.password x`, `PGPASSWORD=x`,
 * and the short options of client tools that take one: `redis-cli -a x`, `mysql -px`, `mongosh -p x`, `curl -u user:x`.
 */
export function flagSecrets(words: readonly string[], secrets: SecretTests = BUILT_IN): FlagHit[] {
  const hits: FlagHit[] = [];
  let tool: (typeof TOOLS)[string] | undefined;
  const next = (i: number): string | undefined => {
    const w = words[i + 1];
    return w === undefined || w.startsWith('-') || SEPARATORS.has(w) ? undefined : w;
  };
  const add = (word: number, from: number, flag: string) => {
    const slice = valueSlice(words[word]!, from, secrets);
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
      if (option && secrets.name(option[2]!)) {
        const flag = option[1]! + option[2]!;
        if (option[3]) add(i, option[0].length, flag);
        else if (next(i) !== undefined) add(++i, 0, flag);
        continue;
      }
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(w);
      if (assignment && secrets.name(assignment[1]!)) add(i, assignment[0].length, assignment[1]!);
    }
  }
  return hits;
}

export interface AssignmentHit extends Slice {
  name: string;
}

/** `name = value`, `name: value` and `name value` lines of a config file's content whose name names a secret. */
export function assignedSecrets(content: string, secrets: SecretTests = BUILT_IN): AssignmentHit[] {
  const hits: AssignmentHit[] = [];
  let offset = 0;
  for (const line of content.split('\n')) {
    const m = /^(\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*(?:=|:|\s)\s*)(.*?)[\s,]*$/.exec(line);
    if (m && secrets.name(m[2]!)) {
      const slice = valueSlice(m[1]! + m[3]!, m[1]!.length, secrets);
      if (slice) hits.push({ name: m[2]!, start: offset + slice.start, end: offset + slice.end });
    }
    offset += line.length + 1;
  }
  return hits;
}
