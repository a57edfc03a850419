import { LineIndex } from '../parse/position.js';
import { parseYaml } from '../parse/yaml.js';
import type { FileWrite, Fix, TextEdit } from './types.js';

/**
 * Applying fixes to file texts: each fix all or none, two fixes that touch the same text neither,
 * identical edits once, and a YAML file a fix would leave unreadable not changed by it.
 */

export interface FixConflict {
  readonly fixes: readonly [Fix, Fix];
  /** The file where they meet. */
  readonly file: string;
  readonly why: string;
}

export interface UnsafeFix {
  readonly fix: Fix;
  readonly why: string;
}

export interface AppliedFixes {
  /** Every file's text after the applied fixes (unchanged ones as given). */
  readonly texts: Map<string, string>;
  /** In the order given. */
  readonly applied: Fix[];
  readonly conflicts: FixConflict[];
  /** Fixes dropped on their own: an edit outside its file, edits of one fix that overlap, a YAML file left with new errors. */
  readonly unsafe: UnsafeFix[];
  /** The files the applied fixes write, each once (appends to one file merged, in order). */
  readonly writes: FileWrite[];
}

export interface ApplyOptions {
  /**
   * Why a file's new text is worse than its old one (an error it did not have), or undefined. The
   * default re-parses YAML files (`.yml`, `.yaml`) with `yamlCheck`; a caller can add the config parsers.
   */
  check?: (file: string, before: string, after: string) => string | undefined;
}

/** An edit in offsets of the original text. */
interface Placed {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly joinable: boolean;
}

/** The default check: a YAML file's first new parse error. */
export function yamlCheck(file: string, before: string, after: string): string | undefined {
  return /\.ya?ml$/i.test(file) ? newErrors(file, before, after) : undefined;
}

export function applyFixes(texts: ReadonlyMap<string, string>, fixes: readonly Fix[], options: ApplyOptions = {}): AppliedFixes {
  const check = options.check ?? yamlCheck;
  const lineIndexes = new Map<string, LineIndex>();
  const unsafe: UnsafeFix[] = [];
  const placed = new Map<Fix, Placed[]>();
  for (const fix of fixes) {
    const result = place(fix, texts, lineIndexes);
    if (typeof result === 'string') unsafe.push({ fix, why: result });
    else placed.set(fix, result);
  }
  const conflicts = findConflicts([...placed.keys()], placed);
  const conflicting = new Set(conflicts.flatMap((conflict) => conflict.fixes));
  let kept = [...placed.keys()].filter((fix) => !conflicting.has(fix));
  // Drop the fixes that leave a file with errors it did not have (`check`): those that do so alone, then,
  // if the file still has new errors, every fix that touches it. Until no changed file has new errors.
  let out = render(texts, kept, placed);
  for (let file = failing(texts, out, check); file !== undefined; file = failing(texts, out, check)) {
    const touching = kept.filter((fix) => placed.get(fix)!.some((edit) => edit.file === file));
    const before = texts.get(file)!;
    let dropped = touching.flatMap((fix) => {
      const why = check(file!, before, render(texts, [fix], placed).get(file!)!);
      return why ? [{ fix, why: `it leaves ${file} unreadable: ${why}` }] : [];
    });
    if (dropped.length === 0) dropped = touching.map((fix) => ({ fix, why: `with the other fixes of ${file} it leaves the file unreadable` }));
    unsafe.push(...dropped);
    kept = kept.filter((fix) => !dropped.some((d) => d.fix === fix));
    out = render(texts, kept, placed);
  }
  const applied = fixes.filter((fix) => kept.includes(fix));
  return { texts: out, applied, conflicts, unsafe, writes: mergeWrites(applied) };
}

/** A fix's edits in offsets, identical ones once; a reason when they cannot be applied as they are. */
function place(fix: Fix, texts: ReadonlyMap<string, string>, lineIndexes: Map<string, LineIndex>): Placed[] | string {
  const out: Placed[] = [];
  for (const edit of fix.edits) {
    const text = texts.get(edit.file);
    if (text === undefined) return `${edit.file} is not among the files read`;
    let lines = lineIndexes.get(edit.file);
    if (!lines) lineIndexes.set(edit.file, (lines = new LineIndex(text)));
    const start = lines.offset(edit.range.start);
    const end = lines.offset(edit.range.end);
    if (!(start <= end && end <= text.length) || !sameAt(lines, start, edit.range.start) || !sameAt(lines, end, edit.range.end)) {
      return `an edit is outside ${edit.file} as it is now`;
    }
    const next: Placed = { file: edit.file, start, end, text: edit.text, joinable: edit.joinable === true };
    if (out.some((other) => same(other, next))) continue;
    const clash = out.find((other) => clashes(other, next));
    if (clash) return `its own edits overlap in ${edit.file}`;
    out.push(next);
  }
  return out;
}

/** True when the offset is the position (a column past its line's end is not). */
function sameAt(lines: LineIndex, offset: number, position: TextEdit['range']['start']): boolean {
  const back = lines.position(offset);
  return back.line === position.line && back.column === position.column;
}

function same(a: Placed, b: Placed): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end && a.text === b.text;
}

/** Why two different edits cannot both be applied: they share text, or insert different text at one point. */
function clashes(a: Placed, b: Placed): string | undefined {
  if (a.file !== b.file || same(a, b)) return undefined;
  if (a.start === a.end && b.start === b.end) return a.start === b.start && !(a.joinable && b.joinable) ? 'they insert different text at the same place' : undefined;
  // An insertion strictly inside a replaced span.
  const inside = (point: Placed, span: Placed) => point.start === point.end && span.start < point.start && point.start < span.end;
  if (inside(a, b) || inside(b, a)) return 'one inserts inside text the other changes';
  return a.start < b.end && b.start < a.end ? 'they change the same text' : undefined;
}

function findConflicts(fixes: readonly Fix[], placed: Map<Fix, Placed[]>): FixConflict[] {
  const out: FixConflict[] = [];
  for (let i = 0; i < fixes.length; i++) {
    for (let j = i + 1; j < fixes.length; j++) {
      const conflict = conflictOf(fixes[i]!, fixes[j]!, placed);
      if (conflict) out.push(conflict);
    }
  }
  return out;
}

function conflictOf(a: Fix, b: Fix, placed: Map<Fix, Placed[]>): FixConflict | undefined {
  for (const x of placed.get(a)!) {
    for (const y of placed.get(b)!) {
      const why = clashes(x, y);
      if (why) return { fixes: [a, b], file: x.file, why };
    }
  }
  const writes = (fix: Fix) => (fix.files ?? []).filter((write) => !write.append);
  for (const x of writes(a)) {
    const y = writes(b).find((write) => write.file === x.file && (write.text !== x.text || write.mode !== x.mode));
    if (y) return { fixes: [a, b], file: x.file, why: 'they write the same file differently' };
  }
  return undefined;
}

/** The texts with the edits of `fixes` applied, each distinct edit once. */
function render(texts: ReadonlyMap<string, string>, fixes: readonly Fix[], placed: Map<Fix, Placed[]>): Map<string, string> {
  const perFile = new Map<string, Placed[]>();
  for (const fix of fixes) {
    for (const edit of placed.get(fix)!) {
      const list = perFile.get(edit.file) ?? [];
      if (!list.some((other) => same(other, edit))) list.push(edit);
      perFile.set(edit.file, list);
    }
  }
  const out = new Map(texts);
  for (const [file, list] of perFile) {
    // From the end, so earlier offsets stay valid. At one offset an insertion goes before a
    // replacement, and insertions go deepest first (an item added to a service's last list before a
    // key added to the service), then in the order of their fixes: the one to come first is applied last.
    const order = new Map(list.map((edit, i) => [edit, i]));
    list.sort((a, b) => b.start - a.start || (b.end - b.start) - (a.end - a.start) || depth(a) - depth(b) || order.get(b)! - order.get(a)!);
    let text = texts.get(file)!;
    for (const edit of list) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    out.set(file, text);
  }
  return out;
}

/** The indent of an insertion's first line: what it adds nests that deep. */
function depth(edit: Placed): number {
  return /^(?:\r?\n)?( *)/.exec(edit.text)![1]!.length;
}

/** A changed file the check finds worse, if any. */
function failing(texts: ReadonlyMap<string, string>, out: ReadonlyMap<string, string>, check: NonNullable<ApplyOptions['check']>): string | undefined {
  for (const [file, text] of out) if (text !== texts.get(file) && check(file, texts.get(file)!, text)) return file;
  return undefined;
}

/** The first YAML error the new text has that the old one did not, if any. */
function newErrors(file: string, before: string, after: string): string | undefined {
  return firstNewError(before, after, (text) => parseYaml({ name: file, absPath: file, text }).findings);
}

/** The first error message a parser gives for `after` that it did not give for `before` (counting repeats), if any. */
export function firstNewError(before: string, after: string, parse: (text: string) => readonly { severity: string; message: string }[]): string | undefined {
  const errors = (text: string) => parse(text).filter((f) => f.severity === 'error').map((f) => f.message);
  const old = errors(before);
  for (const message of errors(after)) {
    const at = old.indexOf(message);
    if (at === -1) return message;
    old.splice(at, 1);
  }
  return undefined;
}

/** The writes of the applied fixes: identical ones once, appends to one file as one write of their lines, in order. */
function mergeWrites(fixes: readonly Fix[]): FileWrite[] {
  const out: FileWrite[] = [];
  for (const write of fixes.flatMap((fix) => fix.files ?? [])) {
    const known = out.findIndex((other) => other.file === write.file && !!other.append === !!write.append);
    if (known === -1) out.push(write);
    else if (write.append) out[known] = { ...out[known]!, text: joinLines(out[known]!.text, write.text) };
  }
  return out;
}

/** Lines of `a`, then those of `b` that `a` does not have. */
export function joinLines(a: string, b: string): string {
  const have = new Set(a.split(/\r?\n/));
  const added = b.split(/\r?\n/).filter((line) => line !== '' && !have.has(line));
  if (added.length === 0) return a;
  return `${a}${a === '' || a.endsWith('\n') ? '' : '\n'}${added.join('\n')}\n`;
}
