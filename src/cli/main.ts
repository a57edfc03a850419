import { writeAtomically } from '../input/write.js';
import { displayName } from '../input/source.js';
import type { FixRunResult } from '../fix/run.js';
import path from 'node:path';
import type { RuleMeta } from '../engine/meta.js';
import { filterFindings } from '../filter/index.js';
import { applyBaseline, BaselineError, createBaseline, readBaseline, sourceTextReader, writeBaseline, type Baseline } from '../filter/baseline.js';
import type { Finding } from '../findings/finding.js';
import { isDirectory, NoComposeFilesError } from '../input/discover.js';
// Values from their own modules, not from '../index.js', which loads every formatter: the CLI loads the one it prints with (./formatters.ts).
import type { Formatter, LintOptions, LintResult, LintTarget } from '../index.js';
import { ConfigError } from '../config/load.js';
import { CORE_CHECKS } from '../findings/core.js';
import { lint, resolveConfig, rulesOfConfig } from '../lint.js';
import { rules } from '../../rules/index.js';
import { PACKAGE_ROOT, VERSION } from '../package-info.js';
import { maskedSources } from '../report/sources.js';
import { wantsColor } from '../report/style.js';
import { projectSpinner, wantsSpinner } from './progress.js';
import { configProjectTargets } from './projects.js';
import type { LintOnce } from './watch.js';
import { FORMAT_LOADERS, loadFormatter } from './formatters.js';
import { suggestRuleId } from '../schema/suggest.js';
import { HELP, parseCli, UsageError, type CliOptions } from './args.js';

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  try {
    return await run(argv, cwd);
  } catch (error) {
    reportError(error);
    return EXIT.failure;
  }
}

/** Writes an error on stderr in one line (with its stack under ESCASHOP_DEBUG, when it is no usage or configuration error). */
function reportError(error: unknown): void {
  const denied = permissionDenied(error);
  const expected = denied !== undefined || error instanceof UsageError || error instanceof ConfigError || error instanceof NoComposeFilesError || error instanceof BaselineError;
  const message = denied ?? (expected ? (error as Error).message : `internal error: ${(error as Error)?.message ?? String(error)}`);
  process.stderr.write(`escashop-lint: ${message}\n`);
  if (process.env.ESCASHOP_DEBUG && !expected) process.stderr.write(`${(error as Error)?.stack}\n`);
}

/**
 * Node's permission model (`node --experimental-permission`) refusing a path the run looks at: even
 * a probe for a file that may not exist (`.env`) throws then. Said as what to allow, not as a crash.
 */
function permissionDenied(error: unknown): string | undefined {
  const { code, permission, resource } = (error ?? {}) as { code?: unknown; permission?: unknown; resource?: unknown };
  if (code !== 'ERR_ACCESS_DENIED') return undefined;
  const flag = permission === 'FileSystemWrite' ? '--allow-fs-write' : permission === 'FileSystemRead' ? '--allow-fs-read' : undefined;
  const what = typeof resource === 'string' && resource !== '' ? ` ${resource}` : '';
  return `Node's permission model denies ${String(permission ?? 'access')}${what}${flag ? `; allow it with ${flag}` : ''}`;
}

async function run(argv: readonly string[], cwd: string): Promise<number> {
  const options = parseCli(argv);
  if (options.help) return write(HELP);
  if (options.version) return write(`${VERSION}\n`);
  if (options.listRules || options.explain !== undefined) return ruleInfo(options, cwd);
  if (options.init) {
    const { initConfig } = await import('../config/init.js');
    const { file, text } = initConfig(cwd);
    process.stderr.write(`escashop-lint: wrote ${file}\n`);
    return write(text);
  }
  if (options.printConfig !== undefined) {
    const resolved = await resolveConfig(options.printConfig, { cwd, ...(options.config === undefined ? {} : { config: options.config }), useConfig: !options.noConfig });
    return output(`${JSON.stringify(resolved, null, 2)}\n`, options, cwd);
  }
  const formatter = await loadFormatter(options.format);
  if (!formatter) throw new UsageError(`unknown format "${options.format}" (use ${Object.keys(FORMAT_LOADERS).join(', ')})`);
  // Without paths, the configuration's projects; a usage error when it names none.
  if (options.paths.length === 0 && options.files.length === 0) await configProjectTargets(options, cwd);
  if (options.projectDirectory !== undefined && !isDirectory(path.resolve(cwd, options.projectDirectory))) {
    throw new UsageError(`--project-directory ${options.projectDirectory} is not a directory`);
  }
  if (options.watch) {
    const clearScreen = options.format === 'text' && options.outputFile === undefined && process.stdout.isTTY === true;
    const paths = [...options.paths, ...options.files, ...(options.envFiles ?? []), ...(options.config === undefined ? [] : [options.config])];
    const { watchAndLint } = await import('./watch.js');
    return watchAndLint((seen) => lintAndReport(options, cwd, formatter, seen), { cwd, paths, clearScreen, onError: reportError });
  }
  return lintAndReport(options, cwd, formatter);
}

/** Lints the targets once and writes the report; returns the exit code. `seen` (--watch) is told what was read and shown. */
async function lintAndReport(options: CliOptions, cwd: string, formatter: Formatter, seen?: Parameters<LintOnce>[0]): Promise<number> {
  // All -f files are one project, as `docker compose -f`; positional paths are separate projects.
  const stdinPath = options.stdinFilename ?? '<stdin>';
  const targets: LintTarget[] = options.files.length > 0 ? [{ files: options.files }] : options.stdin ? [stdinPath] : options.paths.length > 0 ? options.paths : await configProjectTargets(options, cwd);
  // A baseline that cannot be used stops the run before anything is linted.
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline, cwd);
  const fixing = options.fix || options.fixDryRun;
  if (fixing && options.fixRules) await checkFixRules(options, cwd);
  const stdin = options.stdin ? { path: stdinPath, bytes: await readStdin() } : undefined;
  const spinner = wantsSpinner(process.stderr, process.env, options.format) ? projectSpinner() : undefined;
  const lintOptions: LintOptions = {
    cwd,
    ...(options.config === undefined ? {} : { config: options.config }),
    useConfig: !options.noConfig,
    ignore: !options.noIgnore,
    ...(options.envFiles === undefined ? {} : { envFiles: options.envFiles }),
    ...(options.projectDirectory === undefined ? {} : { projectDir: options.projectDirectory }),
    ...(options.profiles === undefined ? {} : { profiles: options.profiles }),
    useProcessEnv: options.useProcessEnv,
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    ...(stdin ? { stdin } : {}),
    ...(spinner ? { onProgress: spinner.onProgress } : {}),
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.cache ? { cache: true } : {}),
    ...(options.cacheLocation === undefined ? {} : { cacheLocation: options.cacheLocation }),
    // Fixes for the reports that show them (the JSON and SARIF `fix`, the text summary's count), in
    // every format so that one cached run serves them all; the cache keeps them without the text of
    // the files they would write (src/cache/store.ts).
    fix: true,
  };
  let fixRun: FixRunResult | undefined;
  let result: LintResult;
  if (fixing) {
    const { fixRun: run } = await import('../fix/run.js');
    fixRun = await run(targets, lintOptions, {
      dryRun: options.fixDryRun,
      types: options.fixTypes,
      ...(options.fixRules ? { rules: options.fixRules } : {}),
      // Only what the report shows is fixed: not what the baseline holds, nor warnings under --quiet.
      select: (linted, readText) => filterFindings(adoptBaseline(linted.findings, options, cwd, baseline, stdin, linted.suppressed?.map((s) => s.finding), linted.files.map((f) => f.file), readText).findings, { quiet: options.quiet }),
    }).finally(() => spinner?.stop());
    result = fixRun.result;
  } else {
    result = await lintMaybeCached(targets, lintOptions).finally(() => spinner?.stop());
  }
  const adopted = adoptBaseline(result.findings, options, cwd, baseline, stdin, result.suppressed?.map((s) => s.finding), result.files.map((f) => f.file), fixRun?.readText);
  const findings = filterFindings(adopted.findings, { quiet: options.quiet });
  const shown = { ...result, findings };
  const toFile = options.outputFile !== undefined;
  // --fix-dry-run prints the diff instead of the report; --fix the report of what remains.
  if (fixRun) reportFixes(fixRun, options.fixDryRun);
  if (fixRun && options.fixDryRun) await output(await fixDiff(fixRun, cwd), options, cwd);
  else {
    await output(formatter(shown, {
      cwd,
      color: options.color ?? (!toFile && wantsColor(process.stdout)),
      rules: [...allChecks(), ...(result.rules ?? [])],
      packageRoot: PACKAGE_ROOT,
      version: VERSION,
      codeFrame: options.codeFrame,
      // A suppressed finding's secret may sit on a line a shown finding's frame prints.
      readSource: maskedSources([...result.findings, ...(result.suppressed ?? []).map((s) => s.finding)], cwd),
      sarifIncludeSuppressed: options.sarifIncludeSuppressed,
      ...(options.sarifCategory === undefined ? {} : { sarifCategory: options.sarifCategory }),
      ...(adopted.baselined === undefined ? {} : { baselined: adopted.baselined }),
    }), options, cwd);
  }
  seen?.(result, shown.findings);

  const errors = findings.filter((f) => f.severity === 'error').length;
  // --quiet hides warnings but they still count toward --max-warnings, as in ESLint (baselined ones do not).
  const warnings = adopted.findings.filter((f) => f.severity === 'warning').length;
  if (adopted.stale > 0) {
    const entries = adopted.stale === 1 ? '1 entry no longer matches' : `${adopted.stale} entries no longer match`;
    process.stderr.write(`escashop-lint: ${options.baseline}: ${entries} any finding; run with --write-baseline ${options.baseline} to prune them\n`);
    if (!options.passOnStaleBaseline) return EXIT.failure;
  }
  if (errors > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    process.stderr.write(`escashop-lint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/**
 * `--baseline` and `--write-baseline`: the findings to report, how many a baseline holds (undefined
 * without one), and how many of its entries match nothing. Writes the baseline file and says so on stderr.
 * `readText` gives the files' texts as linted (a --fix-dry-run lints fixed texts in memory).
 */
function adoptBaseline(
  findings: readonly Finding[],
  options: CliOptions,
  cwd: string,
  baseline: Baseline | undefined,
  stdin: { path: string; bytes: Uint8Array } | undefined,
  suppressed: readonly Finding[] = [],
  linted: readonly string[] = [],
  readText: (file: string) => string | undefined = sourceTextReader(cwd, stdin),
): { findings: Finding[]; baselined?: number; stale: number } {
  const file = options.writeBaseline ?? options.baseline;
  if (file === undefined) return { findings: [...findings], stale: 0 };
  const fingerprints = { cwd, baseDir: path.dirname(path.resolve(cwd, file)), readText, unreported: suppressed };
  if (baseline === undefined) {
    writeBaseline(file, createBaseline(findings, fingerprints), cwd);
    process.stderr.write(`escashop-lint: wrote ${findings.length} finding${findings.length === 1 ? '' : 's'} to ${file}\n`);
    return { findings: [], baselined: findings.length, stale: 0 };
  }
  // Only entries of the files this run read can be stale: a run over some files leaves the others' alone.
  const match = applyBaseline(findings, baseline, fingerprints, linted);
  if (options.writeBaseline === undefined) return { findings: match.findings, baselined: match.baselined.length, stale: match.stale.length };
  // The same file: prune it. Only stale entries go; new findings are still reported, not accepted.
  writeBaseline(file, match.pruned, cwd);
  const pruned = match.stale.length;
  process.stderr.write(`escashop-lint: pruned ${pruned} entr${pruned === 1 ? 'y' : 'ies'} from ${file} (${match.pruned.findings.length} kept)\n`);
  return { findings: match.findings, baselined: match.baselined.length, stale: 0 };
}

/**
 * `--fix`, `--fix-dry-run`: one stderr line per fix not applied (a conflict, an unsafe fix, a refused
 * write), then what was fixed. Names files and rules, never a value.
 */
function reportFixes(run: FixRunResult, dryRun: boolean): void {
  const lines = run.notFixed.map((n) => `escashop-lint: ${n.message}\n`);
  const files = run.changes.length;
  const what = `${run.fixed} problem${run.fixed === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  lines.push(`escashop-lint: ${files === 0 ? 'nothing to fix' : `${dryRun ? 'would fix' : 'fixed'} ${what}`}\n`);
  process.stderr.write(lines.join(''));
}

/** `--fix-dry-run`'s output: a unified diff per file, in name order; a secret's file by its name and mode only. */
async function fixDiff(run: FixRunResult, cwd: string): Promise<string> {
  const { unifiedDiff, writeDiff } = await import('../fix/diff.js');
  // Secrets in the texts, on changed or context lines, are masked; a secret's file is shown by name only.
  const changes = run.changes.map((change) => ({ ...change, ...run.masked(change), name: displayName(change.file, cwd) }));
  changes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return changes.map(({ name, before, after, write }) => (write ? writeDiff(name, { ...write, text: after, append: false }, before) : unifiedDiff(name, before ?? '', after))).join('');
}

/** `--rule`: each id a check the run knows, and one that can fix something; else a usage error naming the nearest id. */
async function checkFixRules(options: CliOptions, cwd: string): Promise<void> {
  const custom = await rulesOfConfig({ cwd, ...(options.config === undefined ? {} : { config: options.config }), useConfig: !options.noConfig });
  const checks = [...allChecks(), ...custom];
  const builtin = new Set(rules.map((rule) => rule.meta.id));
  const fixable = rules.filter((rule) => rule.meta.fixable !== undefined).map((rule) => rule.meta.id);
  for (const id of options.fixRules ?? []) {
    const meta = checks.find((m) => m.id === id);
    if (!meta) {
      const guess = suggestRuleId(id, checks.map((m) => m.id));
      throw new UsageError(`--rule ${id}: unknown rule${guess === undefined ? '' : `; did you mean "${guess}"?`} (see --list-rules)`);
    }
    // A plugin's rule may fix without saying so in its metadata; a built-in one says.
    if (builtin.has(id) || id.startsWith('core/')) {
      if (meta.fixable === undefined) throw new UsageError(`--rule ${id}: the rule fixes nothing (rules with fixes: ${fixable.join(', ') || 'none'})`);
    }
  }
}

/** Every check the linter knows: the pipeline's core checks, then the rules in id order. */
function allChecks(): RuleMeta[] {
  return [...CORE_CHECKS, ...rules.map((rule) => rule.meta)];
}

/** `--list-rules` (a table, or JSON with --format json) and `--explain <rule-id>` (the rule's README). */
async function ruleInfo(options: CliOptions, cwd: string): Promise<number> {
  const color = options.color ?? (options.outputFile === undefined && wantsColor(process.stdout));
  const { formatExplain, formatRuleListJson, formatRuleListText } = await import('../report/rule-list.js');
  // The configuration's own rules (policies, plugins' rules) too, as found from here or named by --config.
  const custom = await rulesOfConfig({ cwd, ...(options.config === undefined ? {} : { config: options.config }), useConfig: !options.noConfig });
  if (options.listRules) {
    const set = { core: CORE_CHECKS, rules: [...rules.map((r) => r.meta), ...custom] };
    if (options.format === 'json') return output(formatRuleListJson(set), options, cwd);
    if (options.format === 'text') return output(formatRuleListText(set, color), options, cwd);
    throw new UsageError(`--list-rules prints text or json, not "${options.format}"`);
  }
  if (options.format !== 'text') throw new UsageError(`--explain prints the rule's README as markdown; --format ${options.format} does not apply`);
  const id = options.explain!;
  const checks = [...allChecks(), ...custom];
  const meta = checks.find((m) => m.id === id);
  if (!meta) {
    // `healthcheck` for `compose/healthcheck`: a bare name is matched against the names too.
    const guess = suggestRuleId(id, checks.map((m) => m.id));
    throw new UsageError(`unknown rule "${id}"${guess === undefined ? '' : `; did you mean "${guess}"?`} (see --list-rules)`);
  }
  const text = formatExplain(meta, PACKAGE_ROOT, color);
  if (text === undefined) throw new Error(`the documentation of ${meta.id} (${meta.docs}) cannot be read`);
  return output(text, options, cwd);
}

/** Writes `text` to the --output-file, or to stdout. */
async function output(text: string, options: CliOptions, cwd: string): Promise<number> {
  if (options.outputFile === undefined) return write(text);
  try {
    writeAtomically(path.resolve(cwd, options.outputFile), text);
  } catch (error) {
    throw new UsageError(`cannot write ${options.outputFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return EXIT.ok;
}

// `-o` and `--fix` write through it; tests import it from here.
export { writeAtomically };

/** Set once: a reader that goes away (`| head`) makes stdout emit EPIPE, which must not crash the process. */
let stdoutGuarded = false;

/** Writes all of `text` to stdout and waits until it is flushed, so a pipe never gets a cut report. */
function write(text: string): Promise<number> {
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    process.stdout.on('error', () => {
      // reported through the write callback below
    });
  }
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => {
      // EPIPE: the reader stopped reading, so there is no one left to tell; the exit code still says it.
      if (!error || (error as NodeJS.ErrnoException).code === 'EPIPE') resolve(EXIT.ok);
      else reject(error);
    });
  });
}

/**
 * `lint()`, through the cache with --cache (docs/cache.md): a cached run imports the linter only when
 * it must lint. A cache that cannot be written is one warning line; ESCASHOP_DEBUG says hit or miss.
 */
async function lintMaybeCached(targets: readonly LintTarget[], lintOptions: LintOptions): Promise<LintResult> {
  if (!lintOptions.cache) return lint(targets, lintOptions);
  const { cachedLint } = await import('../cache/index.js');
  const result = await cachedLint(targets, lintOptions, async (t, o) => (await import('../lint.js')).lint(t, o));
  const { hit, reason, warning, file } = result.cache;
  if (warning !== undefined) process.stderr.write(`escashop-lint: ${warning}\n`);
  if (process.env.ESCASHOP_DEBUG) process.stderr.write(`escashop-lint: cache ${hit ? 'hit' : `miss, ${reason}`}: ${file}\n`);
  return result;
}

/** Everything on standard input, as bytes (decoded and checked like a file's). */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
