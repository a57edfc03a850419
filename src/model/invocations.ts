import { shellWords, type Command } from './command.js';
import type { Text } from './text.js';

/** One program run by a `command` or `entrypoint`: the program word and the words after it. */
export interface Invocation {
  readonly program: Text;
  /** The program's file name, lower case, without its folder: `./node_modules/.bin/nodemon` → `nodemon`. */
  readonly name: string;
  readonly args: readonly Text[];
  /** The interpreter word when the program is a module it runs: `python3` in `python3 -m uvicorn app:app`. */
  readonly interpreter?: Text;
}

/** Words that end one command and start the next. */
const OPERATORS = new Set(['&&', '||', ';', '|', '&']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
/** Wrappers whose first word after their own flags is the program they run. */
const RUNNERS = new Set(['exec', 'env', 'npx', 'pnpx', 'bunx', 'tini', 'dumb-init', 'nohup', 'time']);
/** Wrappers that take one argument (a user) before the program. */
const USER_RUNNERS = new Set(['gosu', 'su-exec']);
/** `<tool> <verb> <program>`: `bundle exec rails`, `poetry run uvicorn`, `npm exec nodemon`. */
const TOOL_RUNNERS: Readonly<Record<string, string>> = { bundle: 'exec', poetry: 'run', pipenv: 'run', uv: 'run', npm: 'exec', pnpm: 'exec', yarn: 'exec' };

/**
 * Every word of a command, with a word that holds spaces (the script of `sh -c "..."`, in either
 * form) split again into its own words, so a program started inside a shell string is seen too.
 */
export function commandWords(command: Command | undefined): Text[] {
  const out: Text[] = [];
  const add = (word: Text, depth: number) => {
    if (depth < 4 && /\s/.test(word.value)) for (const inner of shellWords(word)) add(inner, depth + 1);
    else out.push(word);
  };
  for (const word of command?.words ?? []) add(word, 0);
  return out;
}

/**
 * The programs a command runs, in order: split at `&&`, `||`, `;`, `|` and `&`, through `sh -c`,
 * and past wrappers that only start another program (`exec`, `env A=b`, `npx`, `tini --`,
 * `gosu user`, `bundle exec`, `poetry run`, `python -m <module>`), so `sh -c "cd /app && exec npx
 * nodemon src"` runs `cd` and `nodemon`. Leading `NAME=value` assignments are skipped.
 */
export function invocationsOf(command: Command | undefined): readonly Invocation[] {
  if (!command) return [];
  // Several rules and the config loader ask about the same command: it is split once.
  let found = invocationCache.get(command);
  if (!found) invocationCache.set(command, (found = splitInvocations(command)));
  return found;
}

const invocationCache = new WeakMap<Command, readonly Invocation[]>();

function splitInvocations(command: Command): Invocation[] {
  const segments: Text[][] = [[]];
  for (const word of commandWords(command)) {
    if (OPERATORS.has(word.value)) {
      segments.push([]);
    } else if (word.value.endsWith(';') && word.value.length > 1) {
      segments[segments.length - 1]!.push(word.slice(0, -1));
      segments.push([]);
    } else {
      segments[segments.length - 1]!.push(word);
    }
  }
  return segments.map(unwrap).filter((i): i is Invocation => i !== undefined);
}

function unwrap(words: readonly Text[]): Invocation | undefined {
  let i = 0;
  for (;;) {
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!.value)) i++;
    const word = words[i];
    if (!word) return undefined;
    const name = baseName(word.value);
    const next = words[i + 1]?.value;
    if (RUNNERS.has(name)) {
      i++;
      while (i < words.length && words[i]!.value.startsWith('-')) i++;
    } else if (USER_RUNNERS.has(name)) {
      i += 2;
    } else if (SHELLS.has(name) && next !== undefined && /^-[a-z]*c$/.test(next)) {
      i += 2;
    } else if (TOOL_RUNNERS[name] !== undefined && next === TOOL_RUNNERS[name]) {
      i += 2;
    } else if (/^python[0-9.]*$/.test(name) && next === '-m' && words[i + 2]) {
      return { program: words[i + 2]!, name: baseName(words[i + 2]!.value), args: words.slice(i + 3), interpreter: word };
    } else {
      return { program: word, name, args: words.slice(i + 1) };
    }
  }
}

/** A program word's file name, lower case, without its folder: `/usr/sbin/sshd` → `sshd`. */
export function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1).toLowerCase();
}
