import path from 'node:path';
import type { CustomRule } from './config/custom.js';
import { clearConfigCaches, loadConfigFile, searchConfig, type LoadedConfig } from './config/load.js';
import { configuredProjects, ignoredBy, settingsFor, type FileSettings } from './config/resolve.js';
import type { Environment } from './engine/meta.js';
import { levelIn, type Level, type RuleMeta } from './engine/meta.js';
import type { Rule } from './engine/rule.js';
import { runRules } from './engine/run.js';
import { CORE_CHECKS, CORE_IGNORED, CORE_IMAGE_OR_BUILD, CORE_INPUT, CORE_OVERLAY } from './findings/core.js';
import { ruleErrorFinding } from './plugins/rule-error.js';
import { FixSources } from './fix/sources.js';
import { fileKindOf, type FileKind } from './input/file-kind.js';
import type { ConfigKind } from './model/service-configs.js';
import { compareFindings, SEVERITIES, type Finding } from './findings/finding.js';
import { displayName, type SourceFile } from './input/source.js';
import { defaultFiles, findComposeFiles, isDirectory, NoComposeFilesError } from './input/discover.js';
import { expandGlob } from './input/globs.js';
import { ProjectLoader, type ProjectSpec } from './model/load.js';
import { applySuppressions, DirectiveFiles, type SuppressedFinding } from './filter/suppressions.js';
import { isIncomplete, overlayBase } from './model/overlay.js';
import type { ComposeProject } from './model/project.js';
import { FILE_START, type Range } from './parse/position.js';
import { rules as builtinRules } from '../rules/index.js';
import type { CacheStatus } from './cache/index.js';
import { concurrencyOf, type Concurrency } from './parallel/concurrency.js';

/** One project given as its compose files, merged in order (`docker compose -f a.yml -f b.yml`). */
export interface ProjectTarget {
  /** Compose files, relative to `cwd` or absolute; later ones override earlier ones. An empty list lints nothing. */
  files: readonly string[];
  /** Overrides `LintOptions.projectDir` for this project. */
  projectDir?: string;
  /** Overrides `LintOptions.envFiles` for this project. */
  envFiles?: readonly string[];
  /** Overrides `LintOptions.profiles` for this project. */
  profiles?: readonly string[];
}

/**
 * What to lint: a path (a compose file, its own project; or a directory, searched for compose
 * files, each its own project; or a glob such as `deploy/**\/compose*.yml`, each file it matches as
 * if named, see `expandGlob`) or a project of several files merged. Without `-f`, an override file
 * is linted over its base where the linter finds one (see `projectSpecs`).
 */
export type LintTarget = string | ProjectTarget;

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
  /**
   * Let rules propose fixes: each finding a rule can fix gets `fix`, edits of the files it was read
   * from (`--fix`, `--fix-dry-run`, and the JSON and SARIF reports). Off by default.
   */
  fix?: boolean;
  /** Set false to lint files the configuration's `ignore` globs leave out (`--no-ignore`). */
  ignore?: boolean;
  /** Every project's directory (`--project-directory`); by default each project's first file's folder. */
  projectDir?: string;
  /** Env files for every project (`--env-file`), in order, instead of the project directory's `.env`. */
  envFiles?: readonly string[];
  /** Active profiles (`--profile`); by default every service is linted, whatever its profiles. */
  profiles?: readonly string[];
  /** Let the process environment set variables (`--use-process-env`); off so that a lint is reproducible. */
  useProcessEnv?: boolean;
  /**
   * What every file given as a path is (`--kind`): a compose file, or an nginx, redis, postgresql or
   * pg_hba config file linted on its own. By default each file's name, or else its text, says.
   */
  kind?: FileKind;
  /**
   * A file's text given rather than read (`-` on the command line, with `--stdin-filename`): `path`
   * is the file it stands for, which a target must name; its folder is the project's, as for a file
   * on disk, and the file itself is never read.
   */
  stdin?: { path: string; bytes: Uint8Array };
  /**
   * Files' bytes to use instead of what is on disk, by absolute path (`--fix-dry-run` lints the fixed
   * texts in memory, src/fix/run.ts): each is checked as a file read from disk is. Never cached, never
   * shared among threads.
   */
  overlay?: ReadonlyMap<string, Uint8Array>;
  /** Called after each project (or config file linted on its own) with how many of how many are done: for a progress display. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Report each `escashop-lint-disable…` directive (or rule of its list) that suppressed nothing, as a
   * `core/unused-directive` warning (`--report-unused-disable-directives`).
   */
  reportUnusedDisableDirectives?: boolean;
  /**
   * Serve the result of an earlier identical run when nothing it depends on changed, and store this
   * one (`--cache`, docs/cache.md); built-in rules only, standard input never cached.
   */
  cache?: boolean;
  /** The cache file, or a folder for it (`--cache-location`); default `node_modules/.cache/escashop-lint/` of the nearest package. */
  cacheLocation?: string;
  /**
   * How many threads the run may use (`--concurrency`): a count, `'auto'` (one per 400 files and
   * per 2 cores) or `'off'` (the default); the result is the same (docs/performance.md).
   */
  concurrency?: Concurrency;
}

export interface FileResult {
  /** The file's name as findings report it. */
  file: string;
  findings: Finding[];
}

export interface LintResult {
  /**
   * Every file read, in the order first read (compose, env, extended and included files), with its
   * findings; in threads (`concurrency`), each thread's files in turn (docs/performance.md).
   */
  files: FileResult[];
  /** Every finding of every file, sorted by file, line and column. */
  findings: Finding[];
  /**
   * The findings an inline directive suppressed (not in `findings`), with the directive, sorted like
   * `findings`; `lint()` always sets it, a result built by hand may leave it out.
   */
  suppressed?: SuppressedFinding[];
  /** With `cache`: whether the result came from the cache, and the cache file (a warning when it cannot be written). */
  cache?: CacheStatus;
  /**
   * The metadata of the rules the configuration defines (its policies and its plugins' rules) that
   * ran, in id order, for reports that describe each rule (SARIF); absent when none did.
   */
  rules?: RuleMeta[];
}

/**
 * Lints compose projects: each target is loaded as the project Compose would run (interpolated,
 * extended, merged, included, filtered by profile) and the rules run on it. Every file is read once
 * per call, and findings about it are reported once, however many projects use it, at the highest
 * severity any of them gives. Bad input becomes findings, never an exception; only a broken
 * configuration (`ConfigError`) or a directory without compose files (`NoComposeFilesError`; a glob
 * that matches no file, its subclass `NoMatchingFilesError`) throws.
 */
export async function lint(targets: readonly LintTarget[], options: LintOptions = {}): Promise<LintResult> {
  // A run on texts in memory is not cached (its files are not what the disk holds).
  if (options.cache && !options.overlay) {
    if (options.rules !== undefined && options.rules !== builtinRules) throw new TypeError('cache: results are cached for the built-in rules only; leave out rules');
    return (await import('./cache/index.js')).cachedLint(targets, options, lint);
  }
  // Several targets may be shared among worker threads (src/parallel/); undefined: they are linted here.
  if (concurrencyOf(options) !== 'off' && targets.length > 1) {
    const threaded = await (await import('./parallel/index.js')).lintInParallel(targets, options, lint);
    if (threaded) return threaded;
  }
  const cwd = options.cwd ?? process.cwd();
  const rules = options.rules ?? builtinRules;
  const configFor = await configLookup(options, cwd, rules);
  const loader = new ProjectLoader({ cwd, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
  const reported = new Map<string, Finding>();
  const directiveFiles = new DirectiveFiles(cwd);
  const fixSources = options.fix ? new FixSources((name) => loader.text(path.resolve(cwd, name))) : undefined;
  const checker = new RuleRunner(rules, cwd, fixSources);
  if (options.stdin) loader.addBytes(path.resolve(cwd, options.stdin.path), options.stdin.bytes);
  for (const [absPath, bytes] of options.overlay ?? []) loader.addBytes(absPath, bytes);
  const planned = await projectSpecs(targets, options, cwd, loader, ignoreCheck(options, configFor));
  const total = planned.configs.length + planned.projects.length;
  let done = 0;
  // Between projects the event loop gets a turn, so that a progress display (a spinner's timer) runs.
  const progress = async () => {
    if (!options.onProgress) return;
    options.onProgress(++done, total);
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const { file, kind } of planned.configs) {
    const settings = await projectSettings([file], configFor);
    const { project } = loader.loadConfig(file, kind, settings.environment, settings.policy);
    if (project) directiveFiles.addProject(project);
    if (project) for (const finding of checker.run(project, settings, displayName(file, cwd))) report(reported, finding, cwd);
    await progress();
  }
  // How many projects still to lint use each file: a tree no later project names is let go once linted.
  const uses = new Map<string, number>();
  for (const { spec } of planned.projects) for (const file of spec.files) uses.set(file, (uses.get(file) ?? 0) + 1);
  const stillUsed = (file: string) => (uses.get(file) ?? 0) > 0;
  for (const { spec, overlay } of planned.projects) {
    for (const file of spec.files) uses.set(file, uses.get(file)! - 1);
    // An override file linted over its base is in the environment its own name or configuration gives.
    const settings = overlay ? settingsFor(overlay.file, await configFor(path.dirname(overlay.file))) : await projectSettings(spec.files, configFor);
    const { project } = loader.load(spec, settings.environment, settings.policy);
    directiveFiles.addCompose(spec.files);
    if (project) directiveFiles.addProject(project);
    await progress();
    // A project missing one of its files is not what Compose would run (Compose refuses it): its
    // files' own findings say why, rule findings on the rest would mislead.
    if (project && spec.files.every((file) => loader.document(file)?.root !== undefined)) {
      const notes = withCoreLevels(overlayFindings(project, overlay, loader), settings);
      // A file shared by projects (a base, an extended or included file) gets each finding once.
      for (const finding of notes.concat(checker.run(project, settings, displayName(spec.files[0]!, cwd)))) report(reported, finding, cwd);
    }
    loader.release(stillUsed);
  }
  // Findings about files (and about directives) take the levels their own file's configuration gives.
  const atFileLevels = async (findings: readonly Finding[]) => {
    const levelled: Finding[] = [];
    for (const finding of findings) {
      const absPath = path.resolve(cwd, finding.file);
      levelled.push(...withCoreLevels([finding], settingsFor(absPath, await configFor(path.dirname(absPath)))));
    }
    return levelled;
  };
  const fileFindings = await atFileLevels([...loader.findings, ...planned.unknown, ...planned.ignored]);
  const all = fileFindings.concat([...reported.values()], checker.failures());
  // Inline suppressions, in every file read: each file's directives apply to the findings in it.
  const known = new Set(loader.filesRead());
  const sources = directiveFiles.sources((name) => loader.text(path.resolve(cwd, name)), known, new Set(all.map((f) => f.file)));
  const ruleIds = [...new Set([...CORE_CHECKS, ...builtinRules.map((r) => r.meta), ...rules.map((r) => r.meta), ...checker.customMetas()].map((m) => m.id))];
  const applied = applySuppressions(all, sources, { ruleIds, reportUnused: options.reportUnusedDisableDirectives ?? false });
  const suppressed = applied.suppressed.sort((a, b) => compareFindings(a.finding, b.finding));
  const custom = checker.customMetas();
  return { ...grouped(loader.filesRead(), applied.findings.concat(await atFileLevels(applied.directiveFindings))), suppressed, ...(custom.length === 0 ? {} : { rules: custom }) };
}

/**
 * Runs the rules on each project: the given ones and those its configuration defines (policies,
 * plugin rules). A rule that throws does not stop the run: it is one `core/rule-error` finding per
 * run, at the configuration entry that defines the rule (a built-in one at the project's first file).
 */
class RuleRunner {
  private readonly custom = new Map<string, CustomRule>();
  private readonly failed = new Map<string, Finding>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly cwd: string,
    private readonly fixSources?: FixSources,
  ) {}

  run(project: ComposeProject, settings: FileSettings, projectFile: string): Finding[] {
    for (const c of settings.custom) this.custom.set(c.rule.meta.id, c);
    const rules = settings.custom.length === 0 ? this.rules : [...this.rules, ...settings.custom.map((c) => c.rule)];
    return runRules(project, rules, (meta) => settings.level(meta), (meta) => settings.options(meta), (rule, error) => {
      if (this.failed.has(rule.meta.id)) return;
      const custom = settings.custom.find((c) => c.rule === rule);
      const at = custom ? { file: displayName(custom.file, this.cwd), range: custom.range } : { file: projectFile, range: FILE_START };
      this.failed.set(rule.meta.id, ruleErrorFinding(rule, error, at, custom?.plugin));
    }, this.fixSources);
  }

  /** One finding per rule that threw. */
  failures(): Finding[] {
    return [...this.failed.values()];
  }

  /** The metadata of every custom rule a project ran with, in id order. */
  customMetas(): RuleMeta[] {
    return [...this.custom.values()].map((c) => c.rule.meta).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/** An override file linted over the base file it overrides, which the linter chose itself. */
interface Overlay {
  file: string;
  base: string;
  /** Compose's own pair: the default base and override files of a directory, loaded without `-f`. */
  byDefault: boolean;
}

interface PlannedProject {
  spec: ProjectSpec;
  overlay?: Overlay;
}

/** What a lint call reads: compose projects, config files on their own, and files of no kind it knows (a `core/input` finding each). */
interface Plan {
  projects: PlannedProject[];
  configs: { file: string; kind: ConfigKind }[];
  unknown: Finding[];
  /** Files named as targets that the configuration's `ignore` leaves out: a `core/ignored` note each. */
  ignored: Finding[];
}

/** The `ignore` glob that leaves a file out, and the configuration file it is in; undefined when none does. */
type IgnoreCheck = (absPath: string) => Promise<{ glob: string; config: string } | undefined>;

function ignoreCheck(options: LintOptions, configFor: (dir: string) => Promise<LoadedConfig | undefined>): IgnoreCheck {
  if (options.ignore === false) return async () => undefined;
  return async (absPath) => ignoredBy(absPath, await configFor(path.dirname(absPath)));
}

/**
 * What the linter says about the files it chose: that an override file was linted over its base
 * (`core/overlay`), and each service of the project with neither image nor build, which the rules
 * about missing settings skipped (`core/image-or-build`).
 */
function overlayFindings(project: ComposeProject, overlay: Overlay | undefined, loader: ProjectLoader): Finding[] {
  const findings: Finding[] = [];
  if (overlay) {
    const how = overlay.byDefault ? ', as docker compose does without -f' : '';
    const file = loader.document(overlay.file)?.source.name ?? overlay.file;
    findings.push(coreFinding(CORE_OVERLAY, file, FILE_START, `linted as an override of ${path.basename(overlay.base)}${how}; pass -f to choose the files`));
  }
  for (const service of project.services.filter(isIncomplete)) {
    // Said of the file the service is written in, whatever the project, so that it is reported once.
    const { file, range } = service.origin;
    const advice = `this file looks like an override; lint it with its base (-f <base file> -f ${path.posix.basename(file)})`;
    findings.push(coreFinding(CORE_IMAGE_OR_BUILD, file, range, `service "${service.name}" has neither image nor build: ${advice}`));
  }
  return findings;
}

function coreFinding(meta: RuleMeta, file: string, range: Range, message: string): Finding {
  return { ruleId: meta.id, severity: meta.severity, message, file, range, related: [] };
}

/** Keeps one finding per place and message: the first, or a later one of higher severity (a base linted in prod and under a dev override). */
function report(reported: Map<string, Finding>, finding: Finding, cwd: string): void {
  const key = findingKey(finding);
  const before = reported.get(key);
  if (!before) {
    reported.set(key, finding);
    return;
  }
  const winner = SEVERITIES.indexOf(finding.severity) < SEVERITIES.indexOf(before.severity) ? finding : before;
  const fix = betterFix(before, finding, path.resolve(cwd, finding.file));
  reported.set(key, winner.fix === fix ? winner : withFix(winner, fix));
}

/**
 * Of two projects' fixes for one finding (a base file linted alone and under an override), the one
 * made in the finding's own file: it holds for every project that uses the file, where an edit of
 * one override holds for that project only.
 */
function betterFix(a: Finding, b: Finding, file: string): Finding['fix'] {
  const inFile = (f: Finding) => f.fix !== undefined && f.fix.edits.every((edit) => edit.file === file);
  return inFile(a) || !inFile(b) ? (a.fix ?? b.fix) : b.fix;
}

function withFix(finding: Finding, fix: Finding['fix']): Finding {
  const { fix: _old, ...rest } = finding;
  return fix ? { ...rest, fix } : rest;
}

/**
 * The projects to load: a project target as given; a file as its own project, or, when it is an
 * override file whose base sits beside it (`overlayBase`), over that base; a directory as one project
 * per compose file found in it, except that a folder's default base and override files (those
 * `docker compose` without `-f` loads) are also one project, base then override. The same project
 * given twice is loaded once.
 */
async function projectSpecs(targets: readonly LintTarget[], options: LintOptions, cwd: string, loader: ProjectLoader, ignoredBy: IgnoreCheck): Promise<Plan> {
  const resolve = (file: string) => path.resolve(cwd, file);
  const specs = new Map<string, PlannedProject>();
  const configs = new Map<string, ConfigKind>();
  const unknown: Finding[] = [];
  const ignored: Finding[] = [];
  // Files a directory search or a glob finds are skipped when ignored; see also `ignored` below.
  const unignored = async (files: readonly string[]) => {
    const skip = await Promise.all(files.map(ignoredBy));
    return files.filter((_, i) => skip[i] === undefined);
  };
  const add = (files: string[], target: Partial<ProjectTarget> = {}, overlay?: Overlay) => {
    const projectDir = target.projectDir ?? options.projectDir;
    const envFiles = target.envFiles ?? options.envFiles;
    const profiles = target.profiles ?? options.profiles;
    const spec: ProjectSpec = {
      files,
      ...(projectDir === undefined ? {} : { projectDir: resolve(projectDir) }),
      ...(envFiles === undefined ? {} : { envFiles: envFiles.map(resolve) }),
      ...(profiles === undefined ? {} : { profiles }),
      useProcessEnv: options.useProcessEnv ?? false,
    };
    const key = JSON.stringify(spec);
    if (!specs.has(key)) specs.set(key, overlay ? { spec, overlay } : { spec });
  };
  const addFile = (file: string) => {
    const kind = options.kind ?? fileKindOf(file, () => loader.text(file)?.text);
    if (kind === undefined) {
      const name = displayName(file, cwd);
      if (loader.text(file)) unknown.push(coreFinding(CORE_INPUT, name, FILE_START, `cannot tell which program reads ${path.basename(file)}: it is no compose, nginx, redis, postgresql or pg_hba file by its name or text; pass --kind`));
      return;
    }
    if (kind !== 'compose') {
      configs.set(file, kind);
      return;
    }
    const base = overlayBase(file, (f) => loader.peek(f));
    if (base === undefined) add([file]);
    else add([base, file], {}, { file, base, byDefault: false });
  };
  for (const target of targets) {
    if (typeof target !== 'string') {
      if (target.files.length > 0) add(target.files.map(resolve), target);
      continue;
    }
    const absPath = resolve(target);
    // A glob (`'deploy/**/compose*.yml'`) is the files it matches, each as if named; stdin's name never is one.
    const matched = options.stdin && resolve(options.stdin.path) === absPath ? undefined : expandGlob(target, cwd);
    if (matched) {
      (await unignored(matched)).forEach(addFile);
      continue;
    }
    if (!isDirectory(absPath)) {
      // A file named on its own is not linted when ignored, and says so, as ESLint does.
      const by = await ignoredBy(absPath);
      if (by) ignored.push(coreFinding(CORE_IGNORED, displayName(absPath, cwd), FILE_START, `not linted: ignored by "${by.glob}" in ${displayName(by.config, cwd)}; pass --no-ignore to lint it`));
      else addFile(absPath);
      continue;
    }
    const found = findComposeFiles(absPath);
    if (found.length === 0) {
      throw new NoComposeFilesError(`no compose files in ${displayName(absPath, cwd)} (looked for compose*.y*ml and docker-compose*.y*ml)`);
    }
    const kept = await unignored(found);
    const isFound = new Set(kept);
    for (const file of kept) {
      const { base, override } = defaultFiles(path.dirname(file), (f) => isFound.has(f));
      if (file === override) add([base!, file], {}, { file, base: base!, byDefault: true });
      else addFile(file);
    }
  }
  return { projects: [...specs.values()], configs: [...configs].map(([file, kind]) => ({ file, kind })), unknown, ignored };
}

/**
 * A project's environment and rule levels. The environment is prod when any of its files is prod
 * (a file's own environment comes from its configuration's globs or its name), otherwise that of its
 * first file; the rule levels come from the configuration that applies to the first file.
 */
async function projectSettings(files: readonly string[], configFor: (dir: string) => Promise<LoadedConfig | undefined>): Promise<FileSettings> {
  const configs = await Promise.all(files.map((file) => configFor(path.dirname(file))));
  const environments = files.map((file, i) => settingsFor(file, configs[i]).environment);
  const environment: Environment = environments.includes('prod') ? 'prod' : (environments[0] ?? 'prod');
  return settingsFor(files[0]!, configs[0], environment);
}

/** Findings grouped by the file they are in: every file read, in the order read, then any other file a finding names. */
function grouped(filesRead: readonly string[], findings: Finding[]): LintResult {
  const byFile = new Map<string, Finding[]>(filesRead.map((file) => [file, []]));
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const files = [...byFile].map(([file, list]) => ({ file, findings: list.sort(compareFindings) }));
  return { files, findings: findings.sort(compareFindings) };
}

export function findingKey(f: Finding): string {
  const { start, end } = f.range;
  return `${f.ruleId}\0${f.file}\0${start.line}:${start.column}-${end.line}:${end.column}\0${f.message}`;
}

/** What the configuration decides for one file (`--print-config`). */
export interface ResolvedConfig {
  /** The file, as findings name it. */
  file: string;
  /** The configuration file that applies, as findings name files; null when none does. */
  config: string | null;
  /** What that configuration extends, flattened, in the order applied (presets by name); its own settings apply last. */
  extends: string[];
  environment: Environment;
  /** The entries of `overrides` that match the file, in the order applied: their configuration file, index and globs. */
  overrides: { config: string; index: number; files: string[] }[];
  /** The `ignore` glob that leaves the file out of directory searches, and its configuration file; null when none does. */
  ignored: { glob: string; config: string } | null;
  /** The stack's ingress names and secret allowlists (`Policy`). */
  ingress: string[];
  secrets: { allowNames: string[]; allowValues: string[] };
  /** Every check's level for the file, in id order: the configuration's say, else the check's own. */
  rules: Record<string, Level>;
  /** The options of each rule that has any (its defaults with the configuration's over them), in id order. */
  options: Record<string, Record<string, unknown>>;
}

/**
 * The settings a file is linted with: the configuration found for it (or `options.config`), its
 * environment, and each check's level there. The file need not exist; a broken configuration throws
 * `ConfigError` as `lint()` does.
 */
export async function resolveConfig(file: string, options: Pick<LintOptions, 'cwd' | 'rules' | 'config' | 'useConfig'> = {}): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const rules = options.rules ?? builtinRules;
  const absPath = path.resolve(cwd, file);
  const config = await (await configLookup(options, cwd, rules))(path.dirname(absPath));
  const settings = settingsFor(absPath, config);
  const metas = [...CORE_CHECKS, ...rules.map((r) => r.meta), ...settings.custom.map((c) => c.rule.meta)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const name = (file: string) => displayName(file, cwd);
  const ignored = ignoredBy(absPath, config);
  const ruleOptions = metas.map((meta) => [meta.id, { ...meta.options?.defaults, ...settings.options(meta) }] as const);
  return {
    file: name(absPath),
    config: config ? name(config.file) : null,
    extends: (config?.extended ?? []).map((source) => source.preset ?? name(source.file)),
    environment: settings.environment,
    overrides: settings.overrides.map((o) => ({ config: name(o.config), index: o.index, files: [...o.files] })),
    ignored: ignored ? { glob: ignored.glob, config: name(ignored.config) } : null,
    ingress: [...settings.policy.ingress],
    secrets: { allowNames: [...settings.policy.secrets.allowNames], allowValues: [...settings.policy.secrets.allowValues] },
    rules: Object.fromEntries(metas.map((meta) => [meta.id, settings.level(meta)])),
    options: Object.fromEntries(ruleOptions.filter(([, values]) => Object.keys(values).length > 0)),
  };
}

/** The named projects (`projects`) of the configuration that applies to `cwd` (or of `options.config`). */
export interface ConfiguredProjects {
  /** The configuration file, as findings name files. */
  config: string;
  /** Each project by name, in the order written, as a target for `lint()`. */
  projects: Map<string, ProjectTarget>;
}

/** The projects the configuration found from `cwd` names; undefined when there is no configuration. */
export async function projectsOfConfig(options: Pick<LintOptions, 'cwd' | 'rules' | 'config' | 'useConfig'> = {}): Promise<ConfiguredProjects | undefined> {
  const cwd = options.cwd ?? process.cwd();
  const config = await (await configLookup(options, cwd, options.rules ?? builtinRules))(cwd);
  return config ? { config: displayName(config.file, cwd), projects: configuredProjects(config) } : undefined;
}

/**
 * The rules the configuration found from `cwd` (or `options.config`) defines, its policies and its
 * plugins' rules, in id order (`--list-rules`, `--explain`); none without a configuration.
 */
export async function rulesOfConfig(options: Pick<LintOptions, 'cwd' | 'rules' | 'config' | 'useConfig'> = {}): Promise<RuleMeta[]> {
  const cwd = options.cwd ?? process.cwd();
  const config = await (await configLookup(options, cwd, options.rules ?? builtinRules))(cwd);
  return settingsFor(cwd, config).custom.map((c) => c.rule.meta).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** How each folder finds its configuration: the explicit file, a cached search, or none. */
async function configLookup(options: LintOptions, cwd: string, rules: readonly Rule[]): Promise<(dir: string) => Promise<LoadedConfig | undefined>> {
  if (options.useConfig === false) return async () => undefined;
  // Each call reads the configuration as it is now (a watch, an editor lint the same folders again).
  clearConfigCaches();
  const metas = rules.map((r) => r.meta);
  if (options.config !== undefined) {
    const config = await loadConfigFile(options.config, cwd, metas);
    return async () => config;
  }
  const cache = new Map<string, Promise<LoadedConfig | undefined>>();
  return (dir) => {
    let found = cache.get(dir);
    if (!found) {
      found = searchConfig(dir, cwd, metas);
      cache.set(dir, found);
    }
    return found;
  };
}

/**
 * Lints one compose file already in memory, as its own project (with `fix`, findings carry their fixes): no env file is read and the
 * process environment is not used, so every `${VAR}` without a default is unset. Files it extends or
 * includes are read from disk, relative to `source.absPath`.
 */
export function lintSource(source: SourceFile, rules: readonly Rule[], settings: FileSettings = settingsFor(source.absPath, undefined), fix = false): Finding[] {
  const loader = new ProjectLoader({ cwd: process.cwd() });
  const fixSources = fix ? new FixSources((name) => loader.text(path.resolve(name))) : undefined;
  loader.addSource(source);
  const spec: ProjectSpec = { files: [source.absPath], envFiles: [] };
  const { project } = loader.load(spec, settings.environment, settings.policy);
  let findings = loader.findings;
  if (project && loader.document(source.absPath)?.root !== undefined) {
    findings = findings.concat(overlayFindings(project, undefined, loader), runRules(project, rules, (meta) => settings.level(meta), (meta) => settings.options(meta), undefined, fixSources));
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
