import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { decode, describeFsError, displayName } from '../input/source.js';
import { comparePositions, LineIndex, type Position, type Range } from '../parse/position.js';
import { parseYaml } from '../parse/yaml.js';
import { nodeAt, type PathSegment } from '../schema/paths.js';
import { precompiledValidator } from '../schema/precompiled.js';
import { collapse, type SchemaError } from '../schema/validate.js';

/**
 * Baselines (`--write-baseline FILE`, `--baseline FILE`): the findings a project has today, recorded
 * so that only new ones are reported. A finding is matched by its fingerprint, which does not name
 * its line, so edits elsewhere in a file that move it keep it matched; see docs/baselines.md.
 *
 * The fingerprint hashes the rule id, the file (relative to the baseline's folder), the message with
 * line numbers and cwd-relative file names taken out, and a SHA-256 of the finding's text with every
 * secret range (`Finding.redact`) masked; then `:n`, the finding's place among equal ones in its file.
 * The baseline file holds no source text, and no secret can be recovered from it.
 */

export const BASELINE_VERSION = 1;
export const BASELINE_TOOL = 'escashop-lint';

/** One accepted finding. Only `fingerprint` is matched; the rest tells a reader what it was. */
export interface BaselineEntry {
  ruleId: string;
  /** Relative to the baseline file's folder, with `/` separators. */
  file: string;
  /** The line when the baseline was written (informational). */
  line: number;
  message: string;
  fingerprint: string;
}

/** The contents of a baseline file, as `schemas/baseline.schema.json` describes them. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: typeof BASELINE_TOOL;
  findings: BaselineEntry[];
}

/** A baseline file that cannot be used: a one-line message naming the file (and line:column when known). */
export class BaselineError extends Error {}

export interface FingerprintOptions {
  /** Folder that findings' file names are relative to (`LintOptions.cwd`). */
  cwd: string;
  /** Folder of the baseline file: fingerprints and entries name files relative to it. */
  baseDir: string;
  /** The text of a file as findings name it, or undefined when it cannot be read (see `sourceTextReader`). */
  readText(file: string): string | undefined;
  /** Other findings whose secret ranges are masked too: those not reported, such as the ones inline directives suppressed. */
  unreported?: readonly Finding[];
}

/** What a baseline leaves of a lint's findings. */
export interface BaselineMatch {
  /** Findings the baseline does not hold: the ones to report. */
  findings: Finding[];
  /** Findings the baseline holds. */
  baselined: Finding[];
  /** Entries no finding matched: fixed, deleted, or changed since the baseline was written. */
  stale: BaselineEntry[];
  /** The baseline without its stale entries, with the baselined findings' current lines and messages. */
  pruned: Baseline;
}

/** Where a secret was, in hashed text: one mark whatever its length, so not even the length is hashed. */
const SECRET_MARK = '\u0000';

/**
 * Parts of messages that change when unrelated lines move: line numbers ("line 12", "lines 3-5",
 * "line 12, column 5"), byte offsets, and `file.ext:12:5` positions. Addresses such as
 * `0.0.0.0:9229` or `2222:22` are not file positions and are kept.
 */
const VOLATILE: readonly [RegExp, string][] = [
  [/\b(lines?) \d+(?:\s*(?:-|–|to|and)\s*\d+)?(?:,? col(?:umn)? \d+)?/gi, '$1 N'],
  [/\b(offset) \d+/gi, '$1 N'],
  [/(\.(?:ya?ml|conf|env|json|cnf|rc)):\d+(?::\d+)?\b/gi, '$1:N'],
];

/** Each finding's fingerprint, in the order of `findings`. Pass every finding of the lint: their secret ranges are all masked. */
export function fingerprintFindings(findings: readonly Finding[], options: FingerprintOptions): string[] {
  const secrets = new Map<string, Range[]>();
  for (const f of [...findings, ...(options.unreported ?? [])]) {
    const list = secrets.get(f.file) ?? [];
    list.push(...(f.redact ?? []));
    secrets.set(f.file, list);
  }
  const files = new Map<string, HashedFile>();
  const fileOf = (name: string): HashedFile => {
    let file = files.get(name);
    if (!file) {
      file = hashedFile(options.readText(name), secrets.get(name) ?? []);
      files.set(name, file);
    }
    return file;
  };
  const rebase = baselinePath(options);
  const renames = fileRenames(findings, rebase);
  const keys = findings.map((f) => {
    const content = sha256(fileOf(f.file).textOf(f.range));
    return sha256([f.ruleId, rebase(f.file), stableMessage(f.message, renames), content].join('\u0000')).slice(0, 32);
  });
  // The n-th of equal keys in a file, in the order of position, so two identical lines are two entries.
  const order = findings.map((_, i) => i).sort((a, b) => comparePositions(findings[a]!.range.start, findings[b]!.range.start) || a - b);
  const seen = new Map<string, number>();
  const out: string[] = new Array<string>(findings.length);
  for (const i of order) {
    const n = (seen.get(keys[i]!) ?? 0) + 1;
    seen.set(keys[i]!, n);
    out[i] = `${keys[i]}:${n}`;
  }
  return out;
}

/** A baseline of `findings`: every one of them accepted. */
export function createBaseline(findings: readonly Finding[], options: FingerprintOptions): Baseline {
  return baselineOf(findings, fingerprintFindings(findings, options), baselinePath(options));
}

/**
 * Matches findings against a baseline's entries. Entries are used up as they match (a multiset), so
 * a third finding like two baselined ones is new. `linted`, the files this lint read (as findings
 * name them), limits which entries can be stale: an entry of a file the run did not read (a
 * pre-commit run lints only the files a commit changes) is neither matched nor stale, and the
 * pruned baseline keeps it. Without `linted`, every entry is in scope.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, options: FingerprintOptions, linted?: readonly string[]): BaselineMatch {
  const fingerprints = fingerprintFindings(findings, options);
  const rebase = baselinePath(options);
  const inScope = linted === undefined ? undefined : new Set([...linted, ...findings.map((f) => f.file)].map(rebase));
  const outOfScope = baseline.findings.filter((entry) => inScope !== undefined && !inScope.has(entry.file));
  const available = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.findings) {
    if (inScope !== undefined && !inScope.has(entry.file)) continue;
    const list = available.get(entry.fingerprint) ?? [];
    list.push(entry);
    available.set(entry.fingerprint, list);
  }
  const fresh: Finding[] = [];
  const baselined: Finding[] = [];
  const kept: string[] = [];
  findings.forEach((finding, i) => {
    const entry = available.get(fingerprints[i]!)?.shift();
    if (entry) {
      baselined.push(finding);
      kept.push(fingerprints[i]!);
    } else fresh.push(finding);
  });
  const stale = [...available.values()].flat().sort(compareEntries);
  const pruned = baselineOf(baselined, kept, rebase);
  return { findings: fresh, baselined, stale, pruned: { ...pruned, findings: [...pruned.findings, ...outOfScope].sort(compareEntries) } };
}

/** The baseline as its file holds it: sorted, two-space JSON, one newline at the end; the same findings give the same bytes. */
export function formatBaseline(baseline: Baseline): string {
  const findings = [...baseline.findings].sort(compareEntries).map(({ ruleId, file, line, message, fingerprint }) => ({ ruleId, file, line, message, fingerprint }));
  return `${JSON.stringify({ version: baseline.version, tool: baseline.tool, findings }, null, 2)}\n`;
}

/** Reads and checks a baseline file (`file` relative to `cwd`); throws `BaselineError`. */
export function readBaseline(file: string, cwd: string): Baseline {
  const abs = path.resolve(cwd, file);
  const name = displayName(abs, cwd);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(abs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BaselineError(`${name}: baseline file not found; create it with --write-baseline ${file}`);
    }
    throw new BaselineError(`${name}: cannot read the baseline: ${describeFsError(error)}`);
  }
  const read = decode(bytes, name, abs);
  if (!read.ok) {
    const { line, column } = read.finding.range.start;
    throw new BaselineError(`${name}:${line}:${column}: ${read.finding.message}`);
  }
  return parseBaseline(read.file.text, name);
}

/** Writes a baseline file (`file` relative to `cwd`); throws `BaselineError`. */
export function writeBaseline(file: string, baseline: Baseline, cwd: string): void {
  try {
    writeFileSync(path.resolve(cwd, file), formatBaseline(baseline));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : describeFsError(error);
    throw new BaselineError(`${displayName(path.resolve(cwd, file), cwd)}: cannot write the baseline: ${reason}`);
  }
}

/** Parses and checks a baseline file's text; `name` is the file as messages name it. Throws `BaselineError`. */
export function parseBaseline(text: string, name: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text, (error as Error).message);
    throw new BaselineError(`${name}:${line}:${column}: not valid JSON: ${jsonErrorReason((error as Error).message)}`);
  }
  // Where a value is (a scalar itself, a mapping or list at its key; or its key), as JSON is read as YAML.
  const where = (segments: PathSegment[], atKey = false): string => {
    const tree = parseYaml({ name, absPath: name, text }).root;
    if (!tree) return name;
    const found = nodeAt(tree, segments);
    const { line, column } = (found.node.kind === 'scalar' && !atKey ? found.node : (found.key ?? found.node)).origin.range.start;
    return `${name}:${line}:${column}`;
  };
  const version = isObject(data) ? data['version'] : undefined;
  if (isObject(data) && version !== BASELINE_VERSION) {
    const found = version === undefined ? 'has no "version"' : `is version ${JSON.stringify(version)}`;
    throw new BaselineError(`${where(version === undefined ? [] : ['version'])}: baseline ${found}; this escashop-lint reads version ${BASELINE_VERSION} (rewrite it with --write-baseline)`);
  }
  const validate = precompiledValidator('baseline');
  if (!validate(data)) {
    const error = collapse(validate.errors ?? [])[0]!;
    const segments: PathSegment[] = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const subject = segments.length === 0 ? 'the baseline' : `"${segments.join('.')}"`;
    const extra = error.keyword === 'additionalProperties' ? [String(error.params['additionalProperty'])] : [];
    throw new BaselineError(`${where([...segments, ...extra], extra.length > 0)}: ${subject} ${schemaProblem(error)}`);
  }
  return data as Baseline;
}

/**
 * A reader of reported files' text for fingerprints: the file as lint read it (decoded, its UTF-8
 * byte-order mark dropped), or the standard input's bytes for the file they stand for. Undefined
 * when the file cannot be read or is not text.
 */
export function sourceTextReader(cwd: string, stdin?: { path: string; bytes: Uint8Array }): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    const abs = path.resolve(cwd, file);
    if (!cache.has(abs)) {
      let bytes: Uint8Array | undefined;
      if (stdin && abs === path.resolve(cwd, stdin.path)) bytes = stdin.bytes;
      else {
        try {
          bytes = readFileSync(abs);
        } catch {
          bytes = undefined;
        }
      }
      const read = bytes === undefined ? undefined : decode(bytes, file, abs);
      cache.set(abs, read?.ok ? read.file.text : undefined);
    }
    return cache.get(abs);
  };
}

interface HashedFile {
  /** The text of `range`, secrets masked, whitespace collapsed. */
  textOf(range: Range): string;
}

function hashedFile(text: string | undefined, secrets: readonly Range[]): HashedFile {
  if (text === undefined) return { textOf: () => '' };
  const index = new LineIndex(text);
  const offset = (pos: Position): number => Math.min(text.length, index.offset(pos));
  const spans = secrets.map((r) => [offset(r.start), offset(r.end)] as const).sort((a, b) => a[0] - b[0]);
  return {
    textOf(range) {
      const from = offset(range.start);
      const to = Math.max(from, offset(range.end));
      let out = '';
      let cursor = from;
      for (const [start, end] of spans) {
        if (end <= cursor || start >= to) continue;
        out += text.slice(cursor, Math.max(cursor, start)) + SECRET_MARK;
        cursor = Math.min(to, Math.max(cursor, end));
      }
      out += text.slice(cursor, to);
      return out.replace(/\s+/g, ' ').trim();
    },
  };
}

/** A message without its volatile parts, with cwd-relative file names named as the baseline names them. */
function stableMessage(message: string, renames: ReadonlyMap<string, string>): string {
  let out = renames.size === 0 ? message : message.replace(PATH_WORD, (word, name: string, tail: string) => (renames.has(name) ? renames.get(name)! + tail : word));
  for (const [pattern, replacement] of VOLATILE) out = out.replace(pattern, replacement);
  return out;
}

/** A word of a message that may be a file name: up to a space or quote, without the punctuation after it. */
const PATH_WORD = /(?<=^|[\s"'(])([^\s"'()]+?)([.,:;]*)(?=$|[\s"')])/g;

/**
 * Messages may name files as findings do, relative to the working directory: each file the findings
 * name whose baseline name differs, with that name.
 */
function fileRenames(findings: readonly Finding[], rebase: (file: string) => string): Map<string, string> {
  const renames = new Map<string, string>();
  for (const name of new Set(findings.flatMap((f) => [f.file, ...f.related.map((r) => r.file)]))) {
    if (rebase(name) !== name) renames.set(name, rebase(name));
  }
  return renames;
}

/** A reported file's name relative to the baseline's folder, with `/` separators. */
function baselinePath(options: Pick<FingerprintOptions, 'cwd' | 'baseDir'>): (file: string) => string {
  const base = path.resolve(options.cwd, options.baseDir);
  return (file) => {
    const rel = path.relative(base, path.resolve(options.cwd, file));
    return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
  };
}

function baselineOf(findings: readonly Finding[], fingerprints: readonly string[], rebase: (file: string) => string): Baseline {
  const entries = findings.map((f, i) => ({ ruleId: f.ruleId, file: rebase(f.file), line: f.range.start.line, message: f.message, fingerprint: fingerprints[i]! }));
  return { version: BASELINE_VERSION, tool: BASELINE_TOOL, findings: entries.sort(compareEntries) };
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareText(a.file, b.file) || a.line - b.line || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message) || compareText(a.fingerprint, b.fingerprint);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where JSON.parse stopped: the position its message names, or where a JSON reading of the text finds the first problem. */
function jsonErrorPosition(text: string, message: string): Position {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const at = /at position (\d+)/.exec(message);
  const index = new LineIndex(text);
  if (at) return index.position(Math.min(text.length, Number(at[1])));
  if (/end of JSON input/.test(message)) return index.position(text.length);
  const linePos = parseDocument(text, { schema: 'json' }).errors[0]?.linePos?.[0];
  return linePos ? { line: linePos.line, column: linePos.col } : { line: 1, column: 1 };
}

/** JSON.parse's reason, without the position and without the quote of the text some messages carry. */
function jsonErrorReason(message: string): string {
  const reason = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^(Unexpected token).*is not valid JSON$/s, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

function schemaProblem(error: SchemaError): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `has an unknown key "${String(params['additionalProperty'])}"`;
    case 'required':
      return `lacks "${String(params['missingProperty'])}"`;
    case 'const':
      return `must be ${JSON.stringify(params['allowedValue'])}`;
    case 'type':
      return `must be ${String(params['type']).replace('object', 'an object').replace('array', 'an array').replace('integer', 'a whole number').replace('string', 'a string')}`;
    case 'minimum':
      return `must be at least ${String(params['limit'])}`;
    case 'minLength':
      return 'must not be empty';
    case 'pattern':
      return 'is not a fingerprint escashop-lint writes (32 hex digits, ":" and a number)';
    default:
      return error.message ?? 'is invalid';
  }
}
