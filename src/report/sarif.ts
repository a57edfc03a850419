import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Invocation, Log, Region, ReportingDescriptor, Result, Run, Suppression as SarifSuppression } from 'sarif';
import { levelIn, type RuleMeta } from '../engine/meta.js';
import type { SuppressedFinding, Suppression } from '../filter/suppressions.js';
import { compareFindings, type Finding, type Severity } from '../findings/finding.js';
import type { Range } from '../parse/position.js';
import type { FormatContext, Formatter } from './formatter.js';
import { isDocsUrl, ruleReadme } from './rule-docs.js';
import { sarifFix } from '../fix/sarif.js';

/**
 * SARIF 2.1.0 for GitHub code scanning, `--format sarif`. docs/sarif.md explains each choice; the
 * output never holds source text (no snippets, no content hashes), so a secret a finding is about
 * cannot leak through it.
 */

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** GitHub refuses a run with more results than this. */
export const SARIF_MAX_RESULTS = 25_000;
/** GitHub keeps at most this many tags per rule. */
const MAX_TAGS = 10;
/** GitHub's limit for a rule's short and full description. */
const MAX_DESCRIPTION = 1024;

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<Severity, Result.level>;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface SarifOptions {
  /** Results kept in the run; the most severe first when there are more. */
  maxResults?: number;
}

export function sarifLog(result: { findings: readonly Finding[]; suppressed?: readonly SuppressedFinding[] }, context: FormatContext, options: SarifOptions = {}): Log {
  const maxResults = options.maxResults ?? SARIF_MAX_RESULTS;
  // With --sarif-include-suppressed, what inline directives suppressed is there too, marked as such.
  const suppressions = new Map(context.sarifIncludeSuppressed ? (result.suppressed ?? []).map((s) => [s.finding, s.suppression] as const) : []);
  const findings = suppressions.size === 0 ? result.findings : [...result.findings, ...suppressions.keys()].sort(compareFindings);
  const rules = uniqueRules(context.rules, findings);
  const ruleIndex = new Map(rules.map((meta, i) => [meta.id, i]));
  const occurrences = new Map<string, number>();
  const all = findings.map((finding) => {
    const uri = artifactUri(finding.file, context.cwd);
    const key = `${finding.ruleId}\u0000${uri}\u0000${finding.message}`;
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    const sarifResult = toResult(finding, uri, `${hash16(key)}:${n}`, ruleIndex.get(finding.ruleId)!, context.cwd);
    const suppression = suppressions.get(finding);
    if (suppression) sarifResult.suppressions = [inSource(suppression, context.cwd)];
    return sarifResult;
  });
  const kept = mostSevere(all, findings, maxResults);
  const invocation: Invocation = { executionSuccessful: true };
  const run: Run = {
    tool: {
      driver: {
        name: 'escashop-lint',
        version: context.version,
        semanticVersion: context.version,
        rules: rules.map((meta) => ruleDescriptor(meta, context.packageRoot)),
      },
    },
    invocations: [invocation],
    columnKind: 'utf16CodeUnits',
    results: kept,
  };
  if (context.sarifCategory !== undefined) run.automationDetails = { id: sarifAutomationId(context.sarifCategory) };
  if (kept.length < all.length) {
    const text = `${all.length} results are more than the ${maxResults} a SARIF run may hold for GitHub code scanning; kept the ${kept.length} most severe.`;
    invocation.toolExecutionNotifications = [{ level: 'warning', message: { text } }];
    run.properties = { resultsTruncated: true, totalResults: all.length, keptResults: kept.length };
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/**
 * The `automationDetails.id` of a run in `category`. GitHub code scanning reads the run's category
 * from the id up to its last `/` (what follows would name one run of it), so the id is the category
 * with a `/` at its end: the id upload-sarif gives a run from its `category` input.
 */
export function sarifAutomationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

export const formatSarif: Formatter = (result, context) => `${JSON.stringify(sarifLog(result, context), null, 2)}\n`;

function toResult(finding: Finding, uri: string, fingerprint: string, ruleIndex: number, cwd: string): Result {
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(finding.range) } }],
  };
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: { artifactLocation: { uri: artifactUri(r.file, cwd) }, region: region(r.range) },
      message: { text: r.message },
    }));
  }
  result.partialFingerprints = { primaryLocationLineHash: fingerprint };
  // The rule's fix as replacements (docs/fixes.md); the files a fix writes are not in it.
  if (finding.fix) result.fixes = [sarifFix(finding.fix, (file) => artifactUri(file, cwd))];
  return result;
}

/** SARIF's suppression (§3.35) of a finding an inline directive suppressed: the comment's place and reason. */
function inSource(suppression: Suppression, cwd: string): SarifSuppression {
  return {
    kind: 'inSource',
    status: 'accepted',
    ...(suppression.justification === undefined ? {} : { justification: suppression.justification }),
    location: { physicalLocation: { artifactLocation: { uri: artifactUri(suppression.file, cwd) }, region: region(suppression.range) } },
  };
}

function region(range: Range): Region {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** The `limit` most severe results, in their original (file, line) order. */
function mostSevere(results: Result[], findings: readonly Finding[], limit: number): Result[] {
  if (results.length <= limit) return results;
  const order = results.map((_, i) => i).sort((a, b) => RANK[findings[a]!.severity] - RANK[findings[b]!.severity] || a - b);
  const keep = new Set(order.slice(0, limit));
  return results.filter((_, i) => keep.has(i));
}

/**
 * A file's URI as GitHub matches it against the repository: relative to the working directory with
 * `/` separators, or an absolute `file://` URI for a file outside it.
 */
export function artifactUri(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return pathToFileURL(abs).href;
  return rel.split(path.sep).map(encodeSegment).join('/');
}

/** Percent-encodes what a URI path segment cannot hold; keeps `:` encoded so a name never reads as a scheme. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(24|26|2B|2C|3B|3D|40)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function hash16(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Every rule known, in the given order, plus a bare descriptor for any result whose rule is unknown. */
function uniqueRules(known: readonly RuleMeta[], findings: readonly Finding[]): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const meta of known) if (!byId.has(meta.id)) byId.set(meta.id, meta);
  for (const f of findings) {
    if (!byId.has(f.ruleId)) byId.set(f.ruleId, { id: f.ruleId, description: f.ruleId, severity: f.severity, tags: [], docs: '' });
  }
  return [...byId.values()];
}

export function ruleDescriptor(meta: RuleMeta, packageRoot: string): ReportingDescriptor {
  const readme = ruleReadme(meta, packageRoot);
  const short = sentence(meta.description);
  const prod = levelIn(meta, 'prod');
  const tags = [...new Set([...meta.tags, ...(meta.references?.cwe ?? []).map((cwe) => `external/cwe/${cwe.toLowerCase()}`)])].slice(0, MAX_TAGS);
  const properties: Record<string, unknown> = { tags, precision: 'high' };
  if (meta.securitySeverity !== undefined) properties['security-severity'] = meta.securitySeverity.toFixed(1);
  return {
    id: meta.id,
    name: friendlyName(meta.id),
    shortDescription: { text: clip(short) },
    fullDescription: { text: clip(readme === undefined ? short : (whyItMatters(readme) ?? short)) },
    help: readme === undefined ? { text: short } : { text: readme, markdown: readme },
    // A policy's or plugin rule's documentation link.
    ...(isDocsUrl(meta.docs) ? { helpUri: meta.docs } : {}),
    // A rule's options, at their defaults, are its configuration parameters (reportingConfiguration.parameters).
    defaultConfiguration: { level: LEVEL[prod === 'off' ? meta.severity : prod], ...(meta.options ? { parameters: { ...meta.options.defaults } } : {}) },
    properties,
  };
}

/** The first paragraph under `## Why it matters in production`, as plain text. */
function whyItMatters(readme: string): string | undefined {
  const heading = '\n## Why it matters in production\n';
  const at = readme.indexOf(heading);
  if (at === -1) return undefined;
  const paragraph = readme.slice(at + heading.length).trimStart().split(/\n\s*\n|\n#/)[0]!;
  const text = paragraph
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? undefined : text;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Cuts at a word boundary to GitHub's length limit. */
function clip(text: string): string {
  if (text.length <= MAX_DESCRIPTION) return text;
  const cut = text.slice(0, MAX_DESCRIPTION - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_DESCRIPTION / 2 ? cut.slice(0, space) : cut}…`;
}

/** `compose/no-privileged` → `ComposeNoPrivileged`. */
function friendlyName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
