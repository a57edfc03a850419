import { environmentOf } from './engine/environment.js';
import type { Rule } from './engine/rule.js';
import { runRules } from './engine/run.js';
import { compareFindings, type Finding } from './findings/finding.js';
import { readSource, type SourceFile } from './input/source.js';
import { buildProject } from './model/project.js';
import { parseYaml } from './parse/yaml.js';
import { validateCompose } from './schema/validate.js';
import { rules as builtinRules } from '../rules/index.js';

export interface LintOptions {
  /** Directory that relative paths and reported file names are taken from. */
  cwd?: string;
  /** The rules to run; defaults to every built-in rule. */
  rules?: readonly Rule[];
  /** Files larger than this are refused with a `core/input` finding. */
  maxBytes?: number;
}

export interface FileResult {
  /** The file's name as findings report it. */
  file: string;
  findings: Finding[];
}

export interface LintResult {
  files: FileResult[];
  /** Every finding of every file, sorted by file, line and column. */
  findings: Finding[];
}

/** Lints compose files: read, parse, validate, build the model, run the rules. Never throws for bad input. */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const rules = options.rules ?? builtinRules;
  const files: FileResult[] = [];
  for (const path of paths) {
    const read = readSource(path, { cwd, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
    if (!read.ok) {
      files.push({ file: read.finding.file, findings: [read.finding] });
      continue;
    }
    files.push({ file: read.file.name, findings: lintSource(read.file, rules) });
  }
  return { files, findings: files.flatMap((f) => f.findings).sort(compareFindings) };
}

/** Lints one compose file already in memory. */
export function lintSource(source: SourceFile, rules: readonly Rule[]): Finding[] {
  const parsed = parseYaml(source);
  const findings = [...parsed.findings];
  if (parsed.root === undefined) return findings.sort(compareFindings);
  findings.push(...validateCompose(parsed.root, source));
  if (parsed.findings.length === 0) {
    const project = buildProject(parsed.root, { files: [source.name], environment: environmentOf(source.name), variables: new Map() });
    findings.push(...runRules(project, rules));
  }
  return findings.sort(compareFindings);
}
