import type { ConfigWord } from '../parse/config-words.js';
import type { NginxConfig, NginxDirective, NginxWord } from '../parse/nginx.js';
import { directiveNamed, type NginxContext } from '../parse/nginx-tree.js';
import { FILE_START, type Origin, type Range } from '../parse/position.js';
import type { RedisConfig, RedisDirective } from '../parse/redis.js';
import type { FixSources, FixText } from './sources.js';
import { edits, refuse, type EditResult } from './types.js';

/**
 * Edits of the nginx, redis and pg_hba files services mount, made on their parsed trees: a word
 * replaced, a directive's arguments replaced, a directive added. Each lands in the file the directive
 * is written in (an included file too), and leaves comments and layout around it as they are.
 */

/** A word of any config parser: an nginx word (`file` and `range`) or a config word (`origin`). */
export type AnyWord = NginxWord | ConfigWord;

function placeOf(word: AnyWord): Origin {
  return 'origin' in word ? word.origin : { file: word.file, range: word.range };
}

function describe(origin: { file: string; range: Range }): string {
  return `${origin.file}:${origin.range.start.line}:${origin.range.start.column}`;
}

/** Replaces one word (`trust` → `scram-sha-256` in pg_hba.conf). No edit when it already reads so. */
export function replaceWord(word: AnyWord, text: string, sources: FixSources): EditResult {
  if (word.raw === text) return edits();
  const at = sources.locate(placeOf(word));
  if (typeof at === 'string') return refuse(at);
  return edits(at.text.edit(at.start, at.end, text));
}

/** A word as nginx and redis read it: quoted in double quotes when it holds a blank, a quote, `;`, `#`, a brace, or is empty. */
export function configWord(value: string): string {
  return value === '' || /[\s"'\\;#{}]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

/**
 * Replaces a directive's arguments (nginx: up to its `;` or `{`; redis: to the end of its line) with
 * `args`, each quoted as needed. No edit when they already read so.
 */
export function replaceArgs(directive: NginxDirective | RedisDirective, args: readonly string[], sources: FixSources): EditResult {
  const written = args.map(configWord);
  if (directive.args.map((arg) => arg.raw).join(' ') === written.join(' ')) return edits();
  const name = placeOf(directive.name);
  const at = sources.locate(name);
  if (typeof at === 'string') return refuse(at);
  const first = directive.args[0];
  const last = directive.args[directive.args.length - 1];
  if (!first || !last) return edits(at.text.edit(at.end, at.end, ` ${written.join(' ')}`));
  const from = sources.locate(placeOf(first));
  const to = sources.locate(placeOf(last));
  if (typeof from === 'string' || typeof to === 'string' || from.text !== at.text || to.text !== at.text) {
    return refuse(`the arguments of the directive at ${describe(name)} are not all written in its file`);
  }
  return edits(at.text.edit(from.start, to.end, written.join(' ')));
}

/**
 * Adds `name args;` at the end of an nginx block (after its last directive written in the block's own
 * file, at that directive's indent; in an empty block on a new line one step in from the block), or at
 * the end of the main file for the top level.
 */
export function addNginxDirective(context: NginxContext, name: string, args: readonly string[], sources: FixSources): EditResult {
  const line = `${[name, ...args].map(configWord).join(' ')};`;
  if ('directives' in context) return appendLine(context.file, line, sources);
  const at = sources.locate({ file: context.file, range: context.range });
  if (typeof at === 'string') return refuse(at);
  const { text } = at;
  const close = at.end - 1;
  if (text.text[close] !== '}') return refuse(`the block at ${describe(context)} does not end with "}"`);
  const own = (context.block ?? []).filter((child) => child.file === context.file);
  const last = own[own.length - 1];
  if (last) {
    const [, end] = text.offsets(last.range);
    // `http { a; }`: on the block's line, before its `}`.
    if (text.lineStart(end) === text.lineStart(close)) return edits(text.insert(end, ` ${line}`));
    const point = text.lineEnd(end);
    return edits(text.insert(point, `\n${' '.repeat(text.indentAt(end))}${line}`));
  }
  // An empty block: on its own line before the `}`, one step deeper than the block's line.
  const outer = text.indentAt(at.start);
  if (text.lineStart(close) === text.lineStart(at.start)) return edits(text.edit(close, close, `${/\s/.test(text.text[close - 1]!) ? '' : ' '}${line} `));
  return edits(text.insert(text.lineStart(close), `${' '.repeat(outer + nginxStep(text))}${line}\n`));
}

/** The indent step of an nginx file: the first directive indented below a `{` line, else 4. */
function nginxStep(text: FixText): number {
  const match = /\{[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( +)\S/.exec(text.text);
  if (!match) return 4;
  const brace = text.text.lastIndexOf('\n', match.index) + 1;
  return Math.max(1, match[1]!.length - text.indentAt(brace));
}

/** `name args` set in nginx block: its arguments replaced when it is there, else added. */
export function ensureNginxDirective(config: NginxConfig, context: NginxDirective | undefined, name: string, args: readonly string[], sources: FixSources): EditResult {
  const existing = directiveNamed(context ?? config, name);
  return existing ? replaceArgs(existing, args, sources) : addNginxDirective(context ?? config, name, args, sources);
}

/** `name args` set in a redis config: the line that takes effect changed when there is one, else a line added at the end of the main file. */
export function ensureRedisDirective(config: RedisConfig, name: string, args: readonly string[], sources: FixSources): EditResult {
  const existing = config.last(name);
  return existing ? replaceArgs(existing, args, sources) : appendLine(config.file, [name, ...args].map(configWord).join(' '), sources);
}

/** Adds a line at the end of a file, keeping whether it ends with a line break. */
export function appendLine(file: string, line: string, sources: FixSources): EditResult {
  const at = sources.locate({ file, range: FILE_START });
  if (typeof at === 'string') return refuse(at);
  const { text } = at;
  const end = text.text.length;
  if (end === 0) return edits(text.insert(0, `${line}\n`));
  return edits(text.insert(end, text.text.endsWith('\n') ? `${line}\n` : `\n${line}`));
}
