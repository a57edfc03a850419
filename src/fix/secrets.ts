import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gitignored, gitignorePatterns } from '../model/ignore-files.js';
import { Text } from '../model/text.js';
import { get, isMap, isScalar, isSeq, type YMap, type YNode } from '../parse/tree.js';
import type { FixSources } from './sources.js';
import { combine, isRefused, refuse, type EditResult, type FileWrite, type Fix } from './types.js';
import { where } from './yaml-layout.js';
import { addMapEntry, appendSeqItem, renameKey, setScalar } from './yaml.js';

/**
 * Moving plaintext secrets out of a compose file into Docker secrets: the value written to
 * `secrets/<name>.txt` (mode 0600, `secrets/` added to `.gitignore`), a top-level `secrets:` entry
 * for it, the service's `secrets:` list naming it, and the variable switched to its `*_FILE` form
 * reading `/run/secrets/<name>`. The value is never part of an edit, a description or a refusal.
 */

export interface SecretMove {
  /** The service's mapping in the effective model. */
  readonly service: YMap;
  /** The variable of its `environment` holding the plaintext value. */
  readonly variable: string;
  /** The variable the image reads the value's file from (`POSTGRES_PASSWORD_FILE`; see `fileVariable()`). */
  readonly fileVariable: string;
  /** The secret's name: its top-level key, its file `secrets/<name>.txt`, `/run/secrets/<name>` in the container. */
  readonly name: string;
}

const SECRET_NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * One fix for all the moves of a project (each secret defined once, each service's list appended
 * once: separate fixes would each add the top-level `secrets:` key). `root` is the effective tree,
 * `directory` the project directory, where `secrets/` and `.gitignore` are written; the `file:` of
 * each secret is relative to it, as Compose reads it in the project's compose files.
 */
export function moveToSecrets(root: YNode, moves: readonly SecretMove[], directory: string, sources: FixSources): Fix | { refused: string } {
  if (!isMap(root)) return { refused: 'the compose file is not a mapping' };
  const values = new Map<string, string>();
  const results: EditResult[] = [];
  for (const move of moves) {
    if (!SECRET_NAME.test(move.name)) return { refused: `"${move.name}" cannot name a secret` };
    const found = variableOf(move, sources);
    if (typeof found === 'string') return { refused: found };
    const known = values.get(move.name);
    if (known !== undefined && known !== found.value) return { refused: `two values would go to the secret "${move.name}"` };
    values.set(move.name, found.value);
    results.push(found.edit);
  }
  const names = [...values.keys()];
  results.push(defineSecrets(root, names, sources));
  const byService = new Map<YMap, string[]>();
  for (const move of moves) byService.set(move.service, [...new Set([...(byService.get(move.service) ?? []), move.name])]);
  for (const [service, list] of byService) results.push(mountSecrets(service, list, sources));
  const result = combine(results);
  if (isRefused(result)) return result;
  const files: FileWrite[] = [...values].map(([name, value]) => ({ file: path.join(directory, 'secrets', `${name}.txt`), text: value, mode: 0o600, secret: true }));
  const ignore = gitignoreLine(directory, [...values.keys()]);
  if (ignore) files.push(ignore);
  const what = moves.map((move) => `${move.variable} to the secret "${move.name}"`).join(', ');
  return { description: `move ${what}`, edits: result.edits, files, kind: 'fix' };
}

/** The plaintext value of the move's variable, and the edit switching it to the `*_FILE` form. */
function variableOf(move: SecretMove, sources: FixSources): { value: string; edit: EditResult } | string {
  const environment = get(move.service, 'environment');
  const target = `/run/secrets/${move.name}`;
  const has = (name: string) => (isMap(environment) ? environment.index.has(name) : isSeq(environment) && environment.items.some((item) => textOf(item)?.split('=')[0] === name));
  if (has(move.fileVariable)) return `the service at ${where(move.service)} already sets ${move.fileVariable}`;
  return isMap(environment) ? mapVariable(environment, move, target, sources) : listVariable(environment, move, target, sources);
}

function mapVariable(environment: YMap, move: SecretMove, target: string, sources: FixSources): { value: string; edit: EditResult } | string {
  const entry = environment.index.get(move.variable);
  if (!entry || !isScalar(entry.value) || entry.value.value === null) return `${move.variable} has no value in the service at ${where(move.service)}`;
  const text = Text.of(entry.value);
  if (!text.isLiteral()) return `${move.variable} at ${where(entry.key)} is not written in the file`;
  return { value: text.value, edit: combine([renameKey(entry, move.fileVariable, sources), setScalar(entry.value, target, sources)]) };
}

function listVariable(environment: YNode | undefined, move: SecretMove, target: string, sources: FixSources): { value: string; edit: EditResult } | string {
  const items = isSeq(environment) ? environment.items : [];
  const item = items.filter((node) => textOf(node)?.startsWith(`${move.variable}=`)).at(-1);
  if (!item || !isScalar(item)) return `${move.variable} has no value in the service at ${where(move.service)}`;
  const text = Text.of(item);
  if (!text.isLiteral()) return `${move.variable} at ${where(item)} is not written in the file`;
  return { value: text.value.slice(move.variable.length + 1), edit: setScalar(item, `${move.fileVariable}=${target}`, sources) };
}

/** Top-level `secrets:` entries for the names it lacks. */
function defineSecrets(root: YMap, names: readonly string[], sources: FixSources): EditResult {
  const definition = (name: string) => ({ file: `./secrets/${name}.txt` });
  const secrets = root.index.get('secrets');
  if (!secrets) return addMapEntry(root, 'secrets', Object.fromEntries(names.map((name) => [name, definition(name)])), sources);
  if (!isMap(secrets.value)) return refuse(`"secrets" at ${where(secrets.key)} is not a mapping`);
  const map = secrets.value;
  const results: EditResult[] = [];
  for (const name of names) {
    const existing = map.index.get(name);
    if (!existing) {
      results.push(addMapEntry(map, name, definition(name), sources));
      continue;
    }
    if (!isSecretFile(existing.value, name)) return refuse(`a secret "${name}" is already defined at ${where(existing.key)}`);
  }
  return combine(results);
}

/** Whether a top-level secret's definition is the file a move of `name` writes (`file: ./secrets/<name>.txt`): such a secret is used as it is. */
export function isSecretFile(definition: YNode | undefined, name: string): boolean {
  const file = textOf(get(definition, 'file'));
  return file !== undefined && path.posix.normalize(file) === `secrets/${name}.txt`;
}

/** The service's `secrets:` list naming each secret (short syntax), added when it has none. */
function mountSecrets(service: YMap, names: readonly string[], sources: FixSources): EditResult {
  const list = service.index.get('secrets');
  if (!list) return addMapEntry(service, 'secrets', [...names], sources);
  if (!isSeq(list.value)) return refuse(`"secrets" at ${where(list.key)} is not a list`);
  const seq = list.value;
  // `- name`, or the long syntax's `source: name`.
  const mounted = (name: string) => seq.items.some((item) => (textOf(item) ?? textOf(get(item, 'source'))) === name);
  return combine(names.filter((name) => !mounted(name)).map((name) => appendSeqItem(seq, name, sources)));
}

/** A scalar's text as Compose reads it; undefined for anything else. */
function textOf(node: YNode | undefined): string | undefined {
  return isScalar(node) ? Text.of(node).value : undefined;
}

/**
 * `secrets/` for the project's `.gitignore`, unless the patterns it has already leave out every
 * secret file (`secrets/*.txt`, `*.txt`): the line would only repeat them.
 */
function gitignoreLine(directory: string, names: readonly string[]): FileWrite | undefined {
  const file = path.join(directory, '.gitignore');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // no .gitignore yet: the write makes one
  }
  const ignores = [{ dir: '', patterns: gitignorePatterns(text) }];
  if (names.every((name) => gitignored(ignores, `secrets/${name}.txt`))) return undefined;
  return { file, text: 'secrets/\n', append: true };
}
