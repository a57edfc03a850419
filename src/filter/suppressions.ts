import path from 'node:path';
import { CORE_UNUSED_DIRECTIVE } from '../findings/core.js';
import type { Finding } from '../findings/finding.js';
import { displayName, type SourceFile } from '../input/source.js';
import { envFilesOf } from '../model/host-files.js';
import type { ComposeProject } from '../model/project.js';
import { comparePositions, type Range } from '../parse/position.js';
import { findComments, type CommentSyntax } from './directives-comments.js';
import { DIRECTIVE_CHECKS, directiveName, parseDirectives, type Directive, type DirectiveRule } from './directives.js';

/**
 * Applies the inline suppressions of each file to the findings in it (docs/suppressions.md): a
 * finding is suppressed when a directive in its file covers the line it starts on and names its
 * rule (or names none). Suppressed findings are kept apart with the directive that suppressed them,
 * for the reports that show them.
 */

/** Why a finding is not shown: the comment that suppressed it. */
export interface Suppression {
  /** SARIF's kind: the suppression is written in the file. */
  readonly kind: 'inSource';
  /** The directive's name, `escashop-lint-disable-next-line`. */
  readonly directive: string;
  /** Where the directive's name is written. */
  readonly file: string;
  readonly range: Range;
  /** The directive's reason (the text after ` -- `), when it gives one. */
  readonly justification?: string;
}

export interface SuppressedFinding {
  /** The finding as it would have been reported; its `redact` ranges still hold. */
  readonly finding: Finding;
  readonly suppression: Suppression;
}

/**
 * The files of a run whose comments may hold directives, each with its comment syntax: the compose
 * files (extended and included ones too), the env files the projects read, and the nginx, redis and
 * postgres files the services mount or that are linted on their own.
 */
export class DirectiveFiles {
  private readonly files = new Map<string, { syntax: CommentSyntax; read?: () => SourceFile | undefined }>();

  constructor(private readonly cwd: string) {}

  /** Compose files, absolute or as findings name them. */
  addCompose(files: readonly string[]): void {
    for (const file of files) this.files.set(this.name(file), { syntax: 'yaml' });
  }

  /** Everything a loaded project read: its compose files, env files and the configs of its services. */
  addProject(project: ComposeProject): void {
    this.addCompose(project.files);
    // The closure keeps the run's shared host files, not the project: a project's model is garbage once linted.
    const host = project.host;
    for (const absPath of envFilesOf(project)) this.files.set(this.name(absPath), { syntax: 'env', read: () => host.envFile(absPath)?.source });
    for (const configs of project.configs) {
      const add = (names: readonly string[], syntax: CommentSyntax) => names.forEach((name) => this.files.set(name, { syntax }));
      if (configs.nginx) add(configs.nginx.files, 'nginx');
      // The image's own nginx.conf is not a project file; the files it includes are.
      if (configs.nginxImageMain) add(configs.nginxImageMain.files.slice(1), 'nginx');
      if (configs.redis) add([configs.redis.file, ...configs.redis.includes.flatMap((i) => i.files)], 'redis');
      if (configs.postgresql) add([configs.postgresql.file, ...configs.postgresql.includes.flatMap((i) => i.files)], 'postgresql');
      if (configs.pgHba) add([configs.pgHba.file, ...configs.pgHba.includes.flatMap((i) => i.files)], 'pg_hba');
    }
  }

  /**
   * The source and syntax of each file whose directives apply: every file the loader read
   * (`loaderText` knows it), and a file it did not read (a service's env_file a rule read) when a
   * finding is in it.
   */
  sources(loaderText: (name: string) => SourceFile | undefined, known: ReadonlySet<string>, withFindings: ReadonlySet<string>): { source: SourceFile; syntax: CommentSyntax }[] {
    const out: { source: SourceFile; syntax: CommentSyntax }[] = [];
    for (const [name, { syntax, read }] of this.files) {
      const source = known.has(name) ? loaderText(name) : withFindings.has(name) ? read?.() : undefined;
      if (source) out.push({ source, syntax });
    }
    return out;
  }

  private name(file: string): string {
    return path.isAbsolute(file) ? displayName(file, this.cwd) : file;
  }
}

export interface SuppressionOptions {
  /** The check ids a directive may name: every rule and core check known. */
  ruleIds: readonly string[];
  /** Report each directive (or rule of one) that suppressed nothing as `core/unused-directive`. */
  reportUnused: boolean;
}

export interface SuppressionResult {
  /** The findings not suppressed. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** `core/directive` findings (bad directives) and, when asked, `core/unused-directive` ones. */
  directiveFindings: Finding[];
}

/** Applies the directives of `files` to `findings` (each file's to the findings in it). */
export function applySuppressions(findings: readonly Finding[], files: readonly { source: SourceFile; syntax: CommentSyntax }[], options: SuppressionOptions): SuppressionResult {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const result: SuppressionResult = { findings: [], suppressed: [], directiveFindings: [] };
  const done = new Set<string>();
  for (const { source, syntax } of files) {
    if (done.has(source.name)) continue;
    done.add(source.name);
    const inFile = byFile.get(source.name) ?? [];
    byFile.delete(source.name);
    if (!source.text.includes('escashop-lint-')) {
      result.findings.push(...inFile);
      continue;
    }
    const parsed = parseDirectives(source, findComments(source, syntax), options.ruleIds);
    result.directiveFindings.push(...parsed.findings);
    const applied = applyDirectives(inFile, parsed.directives);
    result.findings.push(...applied.kept);
    result.suppressed.push(...applied.suppressed);
    if (options.reportUnused) result.directiveFindings.push(...applied.unused);
  }
  for (const rest of byFile.values()) result.findings.push(...rest);
  return result;
}

/** A directive, or one rule of its list, that a finding used. */
type Use = { directive: Directive; rule?: DirectiveRule };

/**
 * One file's findings against its directives. The most specific directive that covers a finding
 * suppresses it: one for its line, else a `disable` range, else `disable-file`.
 */
function applyDirectives(findings: readonly Finding[], directives: readonly Directive[]): { kept: Finding[]; suppressed: SuppressedFinding[]; unused: Finding[] } {
  const used = new Set<Directive | DirectiveRule>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const ranges = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  for (const finding of findings) {
    const use = DIRECTIVE_CHECKS.has(finding.ruleId) ? undefined : coveringDirective(finding, directives, ranges);
    if (!use) {
      kept.push(finding);
      continue;
    }
    used.add(use.rule ?? use.directive);
    const { directive } = use;
    suppressed.push({
      finding,
      suppression: { kind: 'inSource', directive: directiveName(directive.kind), file: directive.file, range: directive.range, ...(directive.reason === undefined ? {} : { justification: directive.reason }) },
    });
  }
  const unused: Finding[] = [];
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    const where = directive.kind === 'disable-file' ? 'in this file' : directive.kind === 'disable' ? 'in the lines it disables' : `on line ${targetLine(directive)}`;
    const say = (what: string, range: Range) =>
      unused.push({ ruleId: CORE_UNUSED_DIRECTIVE.id, severity: CORE_UNUSED_DIRECTIVE.severity, message: `unused ${directiveName(directive.kind)}: no ${what}finding ${where}`, file: directive.file, range, related: [] });
    if (directive.rules.length === 0) {
      if (!used.has(directive)) say('', directive.range);
      continue;
    }
    for (const rule of directive.rules) if (!used.has(rule)) say(`"${rule.id}" `, rule.range);
  }
  return { kept, suppressed, unused };
}

/** The line a line directive is about: its own, or the next one. */
function targetLine(directive: Directive): number {
  return directive.range.start.line + (directive.kind === 'disable-next-line' ? 1 : 0);
}

function covers(directive: Directive, ruleId: string): Use | undefined {
  if (directive.rules.length === 0) return { directive };
  const rule = directive.rules.find((r) => r.id === ruleId);
  return rule && { directive, rule };
}

/** The directive that suppresses a finding, reported where the finding starts, if any. */
function coveringDirective(finding: Finding, directives: readonly Directive[], ranges: readonly Directive[]): Use | undefined {
  const line = finding.range.start.line;
  const onLine = directives.filter((d) => (d.kind === 'disable-line' || d.kind === 'disable-next-line') && targetLine(d) === line);
  for (const directive of onLine) {
    const use = covers(directive, finding.ruleId);
    if (use) return use;
  }
  const inRange = rangeState(finding, ranges);
  if (inRange) return inRange;
  for (const directive of directives) {
    const use = directive.kind === 'disable-file' ? covers(directive, finding.ruleId) : undefined;
    if (use) return use;
  }
  return undefined;
}

/**
 * What the `disable` and `enable` comments before a finding leave disabled for its rule: the last
 * `disable` naming it, or a `disable` of every rule not followed by an `enable` of it.
 */
function rangeState(finding: Finding, ranges: readonly Directive[]): Use | undefined {
  let all: Directive | undefined;
  const reenabled = new Set<string>();
  const byRule = new Map<string, Use>();
  for (const directive of ranges) {
    if (comparePositions(directive.range.start, finding.range.start) > 0) break;
    if (directive.kind === 'disable') {
      if (directive.rules.length === 0) {
        all = directive;
        reenabled.clear();
      }
      for (const rule of directive.rules) {
        byRule.set(rule.id, { directive, rule });
        reenabled.delete(rule.id);
      }
    } else if (directive.rules.length === 0) {
      all = undefined;
      byRule.clear();
      reenabled.clear();
    } else {
      for (const rule of directive.rules) {
        byRule.delete(rule.id);
        reenabled.add(rule.id);
      }
    }
  }
  return byRule.get(finding.ruleId) ?? (all && !reenabled.has(finding.ruleId) ? { directive: all } : undefined);
}
