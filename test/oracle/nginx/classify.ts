import type { Context, NginxRun } from './run.js';

/**
 * What nginx's answers about one file mean for the parser: accepted, refused for a syntax reason
 * (then our parser must refuse it at the same line), or refused for another reason (then it must
 * parse without a syntax finding).
 */

/** Errors of nginx's configuration reader itself (and of the Lua module's block reader): what `core/nginx` checks. */
const SYNTAX: readonly RegExp[] = [
  /^unexpected "/, // unexpected "}", ";", "{", a character after a quote, end of file
  /^unexpected end of file/,
  /^too long parameter/,
  /^Lua code block missing the closing long bracket/,
  /^too long lua code block/,
  /^directive "[^"]+" has no opening "\{"$/,
  /^directive "[^"]+" is not terminated by ";"$/,
];

/**
 * nginx's message in the words the parser uses. Debian's Lua module (0.10.23) ends its long bracket
 * message with ", the inlined Lua code may be too long", which later versions of the module dropped
 * (the bracket is simply not closed); the parser uses the later wording.
 */
export function normalizeMessage(message: string): string {
  return message.replace(/^(Lua code block missing the closing long bracket "[^"]*"), the inlined Lua code may be too long$/, '$1');
}

export function isSyntaxError(message: string): boolean {
  return SYNTAX.some((p) => p.test(message));
}

/** Everything else nginx refuses, in groups: what the oracle summary counts. */
const OTHER: readonly (readonly [RegExp, string])[] = [
  [/^unknown directive/, 'a directive of a module Debian does not build (nginx Plus, third-party) or a template placeholder'],
  [/is not allowed here$/, 'a directive in a context other than the ones tried'],
  [/^invalid number of arguments/, 'a directive with the wrong number of arguments'],
  [/^host not found|could not be resolved|^no port in upstream/, 'a host name that does not resolve here (a compose service)'],
  [/^open\(\) ".*" failed|^BIO_new_file|^cannot load certificate|^SSL_CTX_use|^no "ssl_certificate"|^PEM_read|No such file or directory/, 'a file that is not here (certificate, include, html, log folder)'],
  [/^unknown ".*" variable$|^invalid variable name/, 'a variable defined elsewhere (a map in another file) or unknown to this nginx'],
  [/is duplicate$|duplicate (?:listen|location|upstream|default server|value)|^duplicate/, 'a duplicate definition (often two contexts or files meant for different servers)'],
  [/^no "events" section/, 'no events section (a fragment of a configuration)'],
  [/^getpwnam|^getgrnam/, 'a user or group that does not exist here'],
  [/^dlopen\(\)|^module ".*" is already loaded|^module ".*" version/, 'a module loaded by the file itself'],
];

export function otherReason(message: string): string {
  for (const [pattern, reason] of OTHER) if (pattern.test(message)) return reason;
  return 'another check of nginx (a value it does not accept)';
}

export type Verdict =
  | { kind: 'accepted'; context: Context }
  | { kind: 'syntax'; context: Context; message: string; file: string; line: number }
  | { kind: 'other'; context: Context; message: string; reason: string; file?: string; line?: number; complete: boolean };

/** How far into the file nginx read before it answered: the whole of it when it accepted or failed after reading. */
export function progress(run: NginxRun, id: string): number {
  if (run.ok || run.file === undefined) return Number.POSITIVE_INFINITY;
  // The wrapper itself failed (a module that cannot load): nothing of the file was read.
  if (run.file === '<wrapper>') return -1;
  if (run.file === id) return run.line ?? 0;
  // Inside a file it includes: at least as far as the include.
  return 0.5;
}

/** The answer of the context in which nginx read furthest into the file (the first listed among equals). */
export function verdictOf(id: string, runs: readonly NginxRun[]): Verdict {
  let best = runs[0]!;
  for (const run of runs) if (progress(run, id) > progress(best, id)) best = run;
  if (best.ok) return { kind: 'accepted', context: best.context };
  const message = normalizeMessage(best.message ?? '');
  if (isSyntaxError(message) && best.file && best.line !== undefined) return { kind: 'syntax', context: best.context, message, file: best.file, line: best.line };
  return { kind: 'other', context: best.context, message, reason: otherReason(message), file: best.file, line: best.line, complete: progress(best, id) === Number.POSITIVE_INFINITY };
}
