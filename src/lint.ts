import path from 'node:path';
import { loadConfigFile, searchConfig, type LoadedConfig } from './config/load.js';
import { settingsFor, type FileSettings } from './config/resolve.js';
import { levelIn } from './engine/meta.js';
import type { Rule } from './engine/rule.js';
import { runRules } from './engine/run.js';
import { CORE_CHECKS } from './findings/core.js';
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
  /** An explicit configuration file; otherwise the nearest one is searched for from each file's folder. */
  config?: string;
  /** Set false to ignore configuration files altogether. */
  useConfig?: boolean;
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

/**
 * Lints compose files: read, parse, validate, build the model, run the rules. Bad input becomes
 * findings, never an exception; only a broken configuration throws (`ConfigError`).
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const rules = options.rules ?? builtinRules;
  const configFor = await configLookup(options, cwd, rules);
  const files: FileResult[] = [];
  for (const file of paths) {
    const read = readSource(file, { cwd, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
    const absPath = path.resolve(cwd, file);
    const settings = settingsFor(absPath, await configFor(path.dirname(absPath)));
    if (!read.ok) {
      files.push({ file: read.finding.file, findings: withCoreLevels([read.finding], settings) });
      continue;
    }
    files.push({ file: read.file.name, findings: lintSource(read.file, rules, settings) });
  }
  return { files, findings: files.flatMap((f) => f.findings).sort(compareFindings) };
}

/** How each folder finds its configuration: the explicit file, a cached search, or none. */
async function configLookup(options: LintOptions, cwd: string, rules: readonly Rule[]): Promise<(dir: string) => Promise<LoadedConfig | undefined>> {
  if (options.useConfig === false) return async () => undefined;
  const ids = new Set([...CORE_CHECKS, ...rules.map((r) => r.meta)].map((m) => m.id));
  if (options.config !== undefined) {
    const config = await loadConfigFile(options.config, cwd, ids);
    return async () => config;
  }
  const cache = new Map<string, Promise<LoadedConfig | undefined>>();
  return (dir) => {
    let found = cache.get(dir);
    if (!found) {
      found = searchConfig(dir, cwd, ids);
      cache.set(dir, found);
    }
    return found;
  };
}

/** Lints one compose file already in memory. */
export function lintSource(source: SourceFile, rules: readonly Rule[], settings: FileSettings = settingsFor(source.absPath, undefined)): Finding[] {
  const parsed = parseYaml(source);
  let findings = parsed.findings;
  // After a syntax error the tree is a guess: schema errors and rule findings on it would be noise.
  if (parsed.root !== undefined && parsed.wellFormed) {
    findings = findings.concat(validateCompose(parsed.root, source));
    const project = buildProject(parsed.root, { files: [source.name], environment: settings.environment, variables: new Map() });
    findings = findings.concat(runRules(project, rules, (meta) => settings.level(meta)));
  }
  return withCoreLevels(findings, settings).sort(compareFindings);
}

const CORE_BY_ID = new Map(CORE_CHECKS.map((meta) => [meta.id, meta]));

/**
 * The pipeline's own checks take their level from the configuration like any rule; where the
 * configuration leaves the default, each finding keeps its own severity (a redefined YAML anchor is
 * a warning, a syntax error an error).
 */
function withCoreLevels(findings: Finding[], settings: FileSettings): Finding[] {
  return findings.flatMap((finding) => {
    const meta = CORE_BY_ID.get(finding.ruleId);
    if (!meta) return [finding];
    const level = settings.level(meta);
    if (level === 'off') return [];
    return level === levelIn(meta, settings.environment) ? [finding] : [{ ...finding, severity: level }];
  });
}
