import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { isDirectory } from '../input/discover.js';
import { fileKindOf } from '../input/file-kind.js';
import { expandGlob } from '../input/globs.js';
import { decode, displayName, isInside, type SourceFile } from '../input/source.js';
import { writeAtomically } from '../input/write.js';
import { lint, type LintOptions, type LintResult, type LintTarget } from '../lint.js';
import { parseNginx } from '../parse/nginx.js';
import { parsePgHba } from '../parse/pg-hba.js';
import { parsePostgresConf } from '../parse/postgres-conf.js';
import { parseRedisConf } from '../parse/redis.js';
import { parseYaml } from '../parse/yaml.js';
import { applyFixes, firstNewError, joinLines, type AppliedFixes, type FixConflict } from './apply.js';
import type { FileWrite, Fix, TextEdit } from './types.js';
import { LineIndex, type Range } from '../parse/position.js';
import { mask } from '../report/sources.js';

/**
 * `--fix` and `--fix-dry-run` (docs/fixes.md): lint with fixes, apply the fixes of the findings the
 * report would show, and lint again on the fixed texts until a pass changes nothing.
 */

/** At most this many passes apply fixes; the run then lints once more for what remains. */
export const MAX_FIX_PASSES = 10;

export interface FixRunOptions {
  /** Apply in memory only (`--fix-dry-run`): nothing is written; `diff` says what would change. */
  dryRun: boolean;
  /** The kinds of fix to apply (`--fix-type`); `suggestion`s only when listed. */
  types: readonly Fix['kind'][];
  /** Only the fixes of these rules (`--rule`); all rules when absent. */
  rules?: readonly string[];
  /**
   * The findings the report shows (a baseline and `--quiet` leave some out): only theirs are fixed.
   * `readText` gives a file's text as this pass linted it, by the name findings use. Default: every finding.
   */
  select?: (result: LintResult, readText: (file: string) => string | undefined) => Finding[];
}

/** A fix not applied, with the finding it belongs to. */
export interface NotFixed {
  finding: Finding;
  /** One line, ready for stderr (without the `escashop-lint: ` prefix). */
  message: string;
}

export interface FixRunResult {
  /** The last lint: what remains once every pass was applied (in `dryRun`, of the fixed texts in memory). */
  result: LintResult;
  /** Passes that changed something. */
  passes: number;
  /** Findings whose fix was applied, over every pass. */
  fixed: number;
  /** Each file changed or written, by absolute path, with its text before (undefined: a new file) and after. */
  changes: FileChange[];
  /** Fixes of the last pass that were not applied: conflicts, unsafe fixes, refused writes. */
  notFixed: NotFixed[];
  /** A file's text as the last pass read it, by the name findings use (the fixed text in `dryRun`). */
  readText(file: string): string | undefined;
  /**
   * The change with every secret masked (`*`), for a diff: the ranges findings mark as secret (those
   * of the first lint in `before`, of the last in `after`, suppressed findings' too), and each such
   * value wherever else it appears in either text.
   */
  masked(change: FileChange): { before: string | undefined; after: string };
}

export interface FileChange {
  file: string;
  /** Undefined when the file is new. */
  before: string | undefined;
  after: string;
  /** A `FileWrite` (a secret's file, a `.gitignore` line), as opposed to an edited text. */
  write?: FileWrite;
}

const UTF8_BOM = '\ufeff';

/**
 * Lints `targets` with fixes and applies them, pass after pass (at most `MAX_FIX_PASSES`), until a
 * pass changes nothing. Without `dryRun` each pass writes its files (atomically, keeping their mode)
 * and the next one lints them from disk; with it, the next pass lints the fixed texts in memory
 * (`LintOptions.overlay`). Only files inside a project directory are written (see `projectRoots`).
 * The lint runs here, in one thread, never from the cache.
 */
export async function fixRun(targets: readonly LintTarget[], lintOptions: LintOptions, options: FixRunOptions): Promise<FixRunResult> {
  const cwd = lintOptions.cwd ?? process.cwd();
  const roots = projectRoots(targets, lintOptions, cwd);
  const real = resolver();
  const inside = new Map<string, boolean>();
  const inProject = (file: string) => {
    let known = inside.get(file);
    if (known === undefined) inside.set(file, (known = roots.some((root) => isInside(root, real(file)))));
    return known;
  };
  const stdin = lintOptions.stdin && { abs: path.resolve(cwd, lintOptions.stdin.path), bytes: lintOptions.stdin.bytes };
  const files = new FileState(stdin);
  const changes = new Map<string, FileChange>();
  let fixed = 0;
  let passes = 0;
  let first: Map<string, Range[]> | undefined;
  const masking = (last: LintResult) => maskingOf(first ?? secretRanges(last, cwd), secretRanges(last, cwd));
  for (;;) {
    const overlay = options.dryRun ? files.overlay() : undefined;
    const { cache: _cache, concurrency: _concurrency, ...rest } = lintOptions;
    const result = await lint(targets, { ...rest, fix: true, ...(overlay && overlay.size > 0 ? { overlay } : {}) });
    first ??= secretRanges(result, cwd);
    const readText = (name: string) => files.text(path.resolve(cwd, name));
    const shown = options.select ? options.select(result, readText) : result.findings;
    const chosen = shown.filter((f) => f.fix && options.types.includes(f.fix.kind) && (!options.rules || options.rules.includes(f.ruleId)));
    const owner = new Map<Fix, Finding>();
    const byKey = new Map<string, Fix>();
    const fixOf = new Map<Finding, Fix>();
    for (const finding of chosen) {
      // One fix shared by several findings (a project's secret move) is applied once; so is an identical copy.
      const key = fixKey(finding.fix!);
      const fix = byKey.get(key) ?? finding.fix!;
      byKey.set(key, fix);
      if (!owner.has(fix)) owner.set(fix, finding);
      fixOf.set(finding, fix);
    }
    const notFixed: NotFixed[] = [];
    const name = (abs: string) => displayName(abs, cwd);
    const where = (f: Finding) => `${f.ruleId} at ${f.file}:${f.range.start.line}:${f.range.start.column}`;
    const candidates: Fix[] = [];
    for (const [fix, finding] of owner) {
      const why = refusal(fix, inProject, files, name);
      if (why) notFixed.push({ finding, message: `not fixed: ${where(finding)}: ${why}` });
      else candidates.push(fix);
    }
    const texts = new Map<string, string>();
    for (const file of new Set(candidates.flatMap((fix) => fix.edits.map((edit) => edit.file)))) {
      const text = files.text(file);
      if (text !== undefined) texts.set(file, text);
    }
    const applied = applyInGroups(texts, candidates);
    // Messages name files as findings do.
    const named = (text: string) => text.replace(/\S+/g, (word) => (texts.has(word) ? name(word) : word));
    for (const conflict of applied.conflicts) {
      const [a, b] = conflict.fixes.map((fix) => owner.get(fix)!) as [Finding, Finding];
      notFixed.push({ finding: a, message: `not fixed: ${where(a)} and ${where(b)}: ${conflictPlace(conflict, name)} (${named(conflict.why)})` });
    }
    for (const unsafe of applied.unsafe) {
      const finding = owner.get(unsafe.fix)!;
      notFixed.push({ finding, message: `not fixed: ${where(finding)}: ${named(unsafe.why)}` });
    }
    const changed = [...applied.texts].filter(([file, text]) => texts.get(file) !== text);
    const writes = applied.writes.filter((write) => files.afterWrite(write) !== files.text(write.file));
    if (changed.length === 0 && writes.length === 0) {
      notFixed.sort((x, y) => compareByPlace(x.finding, y.finding));
      return { result, passes, fixed, changes: [...changes.values()].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0)), notFixed, readText, masked: masking(result) };
    }
    passes++;
    const done = new Set(applied.applied);
    fixed += chosen.filter((f) => done.has(fixOf.get(f)!)).length;
    for (const [file, text] of changed) {
      const before = changes.get(file)?.before ?? files.text(file);
      changes.set(file, { file, before, after: text });
      files.set(file, text, !options.dryRun);
    }
    for (const write of writes) {
      const after = files.afterWrite(write);
      const before = changes.get(write.file)?.before ?? files.text(write.file);
      changes.set(write.file, { file: write.file, before, after, write });
      files.set(write.file, after, !options.dryRun, write);
    }
    if (passes >= MAX_FIX_PASSES) {
      // The last lint, of what the passes left.
      const last = await lint(targets, { ...rest, fix: true, ...(options.dryRun ? { overlay: files.overlay() } : {}) });
      return { result: last, passes, fixed, changes: [...changes.values()], notFixed: [], readText, masked: masking(last) };
    }
  }
}

/**
 * `applyFixes` on each group of fixes that share a file (edited or written), so that a run over
 * many projects compares only the fixes that can meet; the results merged.
 */
function applyInGroups(texts: ReadonlyMap<string, string>, fixes: readonly Fix[]): AppliedFixes {
  const parent = new Map<string, string>();
  const find = (file: string): string => {
    let root = file;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(file, root);
    return root;
  };
  const filesOf = (fix: Fix) => [...fix.edits.map((edit) => edit.file), ...(fix.files ?? []).map((write) => write.file)];
  for (const fix of fixes) {
    const [head, ...rest] = filesOf(fix).map(find);
    if (head === undefined) continue;
    parent.set(head, head);
    for (const other of rest) parent.set(other, head);
  }
  const groups = new Map<string, Fix[]>();
  for (const fix of fixes) {
    const key = find(filesOf(fix)[0] ?? '');
    groups.set(key, [...(groups.get(key) ?? []), fix]);
  }
  const out: AppliedFixes = { texts: new Map(texts), applied: [], conflicts: [], unsafe: [], writes: [] };
  for (const group of groups.values()) {
    const own = new Map([...new Set(group.flatMap((fix) => fix.edits.map((edit) => edit.file)))].filter((file) => texts.has(file)).map((file) => [file, texts.get(file)!]));
    const result = applyFixes(own, group, { check: fixCheck });
    for (const [file, text] of result.texts) out.texts.set(file, text);
    out.applied.push(...result.applied);
    out.conflicts.push(...result.conflicts);
    out.unsafe.push(...result.unsafe);
    out.writes.push(...result.writes);
  }
  // In the order the fixes were given, as applyFixes gives them.
  const order = new Map(fixes.map((fix, i) => [fix, i]));
  out.applied.sort((a, b) => order.get(a)! - order.get(b)!);
  return out;
}

/** The secret ranges of a lint's findings, suppressed ones too, by absolute path. */
function secretRanges(result: LintResult, cwd: string): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  for (const finding of [...result.findings, ...(result.suppressed ?? []).map((s) => s.finding)]) {
    if (!finding.redact?.length) continue;
    const file = path.resolve(cwd, finding.file);
    out.set(file, [...(out.get(file) ?? []), ...finding.redact]);
  }
  return out;
}

/** `FixRunResult.masked`: the texts of a change with the secrets `before` and `after` hold masked, each value also where else it appears. */
function maskingOf(before: Map<string, Range[]>, after: Map<string, Range[]>): FixRunResult['masked'] {
  return (change) => {
    const values = new Set<string>();
    const collect = (text: string | undefined, ranges: readonly Range[]) => {
      if (text === undefined) return;
      const lines = new LineIndex(text);
      for (const range of ranges) {
        const value = text.slice(lines.offset(range.start), lines.offset(range.end)).trim();
        // A value too short to be told from other text is masked by its range only.
        if (value.length >= 4) values.add(value);
      }
    };
    const ranges = { before: before.get(change.file) ?? [], after: after.get(change.file) ?? [] };
    collect(change.before, ranges.before);
    collect(change.after, ranges.after);
    const hide = (text: string, own: readonly Range[]) => {
      let out = mask(text, own);
      for (const value of [...values].sort((a, b) => b.length - a.length)) out = out.split(value).join('*'.repeat(value.length));
      return out;
    };
    return { before: change.before === undefined ? undefined : hide(change.before, ranges.before), after: change.write?.secret ? change.after : hide(change.after, ranges.after) };
  };
}

/** Why a fix is not tried at all: it edits or writes a file outside every project directory, or would overwrite a file. */
function refusal(fix: Fix, inProject: (file: string) => boolean, files: FileState, name: (abs: string) => string): string | undefined {
  const touched = [...new Set([...fix.edits.map((edit: TextEdit) => edit.file), ...(fix.files ?? []).map((write) => write.file)])];
  const outside = touched.find((file) => !inProject(file));
  if (outside !== undefined) return `it would change ${name(outside)}, which is outside the project directory`;
  for (const write of fix.files ?? []) {
    const existing = files.text(write.file);
    if (!write.append && existing !== undefined && existing !== write.text) return `it would overwrite ${name(write.file)}, which exists with other content`;
    if (existing === undefined && files.exists(write.file)) return `it would overwrite ${name(write.file)}, which is not a text file`;
  }
  return undefined;
}

/** `both change <file> lines a-b`: where two conflicting fixes meet. */
function conflictPlace(conflict: FixConflict, name: (abs: string) => string): string {
  const edits = conflict.fixes.flatMap((fix) => fix.edits.filter((edit) => edit.file === conflict.file));
  if (edits.length === 0) return `both write ${name(conflict.file)}`;
  const [a, b] = conflict.fixes.map((fix) => fix.edits.filter((edit) => edit.file === conflict.file)) as [TextEdit[], TextEdit[]];
  // The lines of the first pair of edits that meet, else of all their edits in the file.
  const meet = a.flatMap((x) => b.filter((y) => x.range.start.line <= y.range.end.line && y.range.start.line <= x.range.end.line).map((y) => [x, y]))[0] ?? edits;
  const from = Math.min(...meet.map((edit) => edit.range.start.line));
  const to = Math.max(...meet.map((edit) => edit.range.end.line));
  return `both change ${name(conflict.file)} ${from === to ? `line ${from}` : `lines ${from}-${to}`}`;
}

function compareByPlace(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column;
}

/** What makes two fixes the same fix: their kind, edits and writes (not the description). */
function fixKey(fix: Fix): string {
  return JSON.stringify([fix.kind, fix.edits, fix.files ?? []]);
}

/** The path with symbolic links resolved (its folder's, for a file that does not exist yet). */
function resolved(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const dir = path.dirname(file);
    return dir === file ? file : path.join(resolved(dir), path.basename(file));
  }
}

/** `resolved`, each path once per run (a run over many projects checks each file of each fix). */
function resolver(): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let out = known.get(file);
    if (out === undefined) known.set(file, (out = resolved(file)));
    return out;
  };
}

/**
 * The folders a fix may write in: each project's directory (`--project-directory`, a project
 * target's `projectDir`, else its first file's folder), a directory target itself, and the folders
 * of the files a glob matches; symbolic links resolved.
 */
export function projectRoots(targets: readonly LintTarget[], options: LintOptions, cwd: string): string[] {
  const roots = new Set<string>();
  const add = (dir: string) => roots.add(resolved(path.resolve(cwd, dir)));
  for (const target of targets) {
    if (typeof target !== 'string') {
      const dir = target.projectDir ?? options.projectDir ?? (target.files[0] === undefined ? undefined : path.dirname(path.resolve(cwd, target.files[0])));
      if (dir !== undefined) add(dir);
      continue;
    }
    if (options.projectDir !== undefined) add(options.projectDir);
    const abs = path.resolve(cwd, target);
    const isStdin = options.stdin !== undefined && path.resolve(cwd, options.stdin.path) === abs;
    const matched = isStdin || existsSync(abs) ? undefined : expandGlob(target, cwd);
    if (matched) for (const file of matched) add(path.dirname(file));
    else add(!isStdin && isDirectory(abs) ? abs : path.dirname(abs));
  }
  return [...roots];
}

/**
 * The texts of the files a run fixes: as on disk (or standard input) until a pass changes them, then
 * as changed; written through to disk unless the run is a dry run. A UTF-8 byte-order mark a file
 * starts with is kept when it is written.
 */
class FileState {
  private readonly current = new Map<string, string | undefined>();
  private readonly bom = new Set<string>();
  private readonly changed = new Set<string>();
  /** Changed files the linter reads (not the files fixes write, such as a secret's): a dry run's next pass lints these in memory. */
  private readonly edited = new Set<string>();

  constructor(private readonly stdin: { abs: string; bytes: Uint8Array } | undefined) {}

  exists(file: string): boolean {
    return this.changed.has(file) || existsSync(file);
  }

  /** The file's text (its mark dropped), or undefined when it does not exist or is not text. */
  text(file: string): string | undefined {
    if (!this.current.has(file)) {
      let bytes: Uint8Array | undefined;
      if (this.stdin && file === this.stdin.abs) bytes = this.stdin.bytes;
      else {
        try {
          bytes = readFileSync(file);
        } catch {
          bytes = undefined;
        }
      }
      const read = bytes && decode(bytes, file, file);
      if (bytes && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.bom.add(file);
      this.current.set(file, read?.ok ? read.file.text : undefined);
    }
    return this.current.get(file);
  }

  /** What a write leaves in its file: an append's lines added to what is there, else its text. */
  afterWrite(write: FileWrite): string {
    return write.append ? joinLines(this.text(write.file) ?? '', write.text) : write.text;
  }

  /** Sets a file's text; `toDisk` writes it (a new file a `write` makes with its mode, its folder made when missing). */
  set(file: string, text: string, toDisk: boolean, write?: FileWrite): void {
    this.text(file);
    this.current.set(file, text);
    this.changed.add(file);
    if (!write) this.edited.add(file);
    if (!toDisk) return;
    const target = resolved(file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeAtomically(target, this.bytes(file), write?.mode);
  }

  /** The changed files' bytes, for a lint of the texts in memory. */
  overlay(): Map<string, Uint8Array> {
    return new Map([...this.edited].map((file) => [file, this.bytes(file)]));
  }

  private bytes(file: string): Uint8Array {
    return Buffer.from(`${this.bom.has(file) ? UTF8_BOM : ''}${this.current.get(file) ?? ''}`, 'utf8');
  }
}

/**
 * Why a fixed text is worse than before: an error its program's parser finds that it did not find
 * before (YAML for compose files, and the nginx, redis, postgresql and pg_hba parsers), or undefined.
 */
export function fixCheck(file: string, before: string, after: string): string | undefined {
  const kind = fileKindOf(file, () => before);
  const source = (text: string): SourceFile => ({ name: path.basename(file), absPath: file, text });
  const parse = (text: string): readonly Finding[] =>
    kind === 'nginx' ? parseNginx(source(text)).findings
    : kind === 'redis' ? parseRedisConf(source(text)).findings
    : kind === 'pg_hba' ? parsePgHba(source(text)).findings
    : kind === 'postgresql' ? parsePostgresConf(source(text)).findings
    : kind === 'compose' && /\.ya?ml$|^(?:docker-)?compose\b/i.test(path.basename(file)) ? parseYaml(source(text)).findings
    : [];
  return firstNewError(before, after, parse);
}
