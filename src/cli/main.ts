import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/load.js';
import type { RuleMeta } from '../engine/meta.js';
import { CORE_CHECKS } from '../findings/core.js';
import type { Finding } from '../findings/finding.js';
import { filterFindings } from '../filter/index.js';
import { isDirectory, NoComposeFilesError } from '../input/discover.js';
import { lint, resolveConfig, type LintTarget } from '../lint.js';
import { PACKAGE_ROOT, VERSION } from '../package-info.js';
import type { Range } from '../parse/position.js';
import { FORMATTERS } from '../report/index.js';
import { formatExplain, formatRuleListJson, formatRuleListText } from '../report/rule-list.js';
import { wantsColor } from '../report/style.js';
import { projectSpinner, wantsSpinner } from './progress.js';
import { suggest } from '../schema/suggest.js';
import { rules } from '../../rules/index.js';
import { HELP, parseCli, UsageError, type CliOptions } from './args.js';

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  try {
    return await run(argv, cwd);
  } catch (error) {
    const expected = error instanceof UsageError || error instanceof ConfigError || error instanceof NoComposeFilesError;
    const message = expected ? (error as Error).message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    process.stderr.write(`escashop-lint: ${message}\n`);
    if (process.env.ESCASHOP_DEBUG && !expected) process.stderr.write(`${(error as Error)?.stack}\n`);
    return EXIT.failure;
  }
}

async function run(argv: readonly string[], cwd: string): Promise<number> {
  const options = parseCli(argv);
  if (options.help) return write(HELP);
  if (options.version) return write(`${VERSION}\n`);
  if (options.listRules || options.explain !== undefined) return ruleInfo(options, cwd);
  if (options.printConfig !== undefined) {
    const resolved = await resolveConfig(options.printConfig, { cwd, ...(options.config === undefined ? {} : { config: options.config }), useConfig: !options.noConfig });
    return output(`${JSON.stringify(resolved, null, 2)}\n`, options, cwd);
  }
  const formatter = FORMATTERS[options.format];
  if (!formatter) throw new UsageError(`unknown format "${options.format}" (use ${Object.keys(FORMATTERS).join(', ')})`);
  if (options.paths.length === 0 && options.files.length === 0) throw new UsageError('no files given; try: escashop-lint docker-compose.yml (see --help)');
  if (options.projectDirectory !== undefined && !isDirectory(path.resolve(cwd, options.projectDirectory))) {
    throw new UsageError(`--project-directory ${options.projectDirectory} is not a directory`);
  }

  // All -f files are one project, as `docker compose -f`; positional paths are separate projects.
  const stdinPath = options.stdinFilename ?? '<stdin>';
  const targets: LintTarget[] = options.files.length > 0 ? [{ files: options.files }] : options.stdin ? [stdinPath] : options.paths;
  const spinner = wantsSpinner(process.stderr, process.env, options.format) ? projectSpinner() : undefined;
  const result = await lint(targets, {
    cwd,
    ...(options.config === undefined ? {} : { config: options.config }),
    useConfig: !options.noConfig,
    ...(options.envFiles === undefined ? {} : { envFiles: options.envFiles }),
    ...(options.projectDirectory === undefined ? {} : { projectDir: options.projectDirectory }),
    ...(options.profiles === undefined ? {} : { profiles: options.profiles }),
    useProcessEnv: options.useProcessEnv,
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    ...(options.stdin ? { stdin: { path: stdinPath, bytes: await readStdin() } } : {}),
    ...(spinner ? { onProgress: spinner.onProgress } : {}),
  }).finally(() => spinner?.stop());
  const findings = filterFindings(result.findings, { quiet: options.quiet });
  const shown = { ...result, findings };
  const toFile = options.outputFile !== undefined;
  await output(formatter(shown, {
    cwd,
    color: options.color ?? (!toFile && wantsColor(process.stdout)),
    rules: allChecks(),
    packageRoot: PACKAGE_ROOT,
    version: VERSION,
    codeFrame: options.codeFrame,
    readSource: maskedSources(result.findings, cwd),
  }), options, cwd);

  const errors = findings.filter((f) => f.severity === 'error').length;
  // --quiet hides warnings but they still count toward --max-warnings, as in ESLint.
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    process.stderr.write(`escashop-lint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** Every check the linter knows: the pipeline's core checks, then the rules in id order. */
function allChecks(): RuleMeta[] {
  return [...CORE_CHECKS, ...rules.map((r) => r.meta)];
}

/** `--list-rules` (a table, or JSON with --format json) and `--explain <rule-id>` (the rule's README). */
async function ruleInfo(options: CliOptions, cwd: string): Promise<number> {
  const color = options.color ?? (options.outputFile === undefined && wantsColor(process.stdout));
  if (options.listRules) {
    const set = { core: CORE_CHECKS, rules: rules.map((r) => r.meta) };
    if (options.format === 'json') return output(formatRuleListJson(set), options, cwd);
    if (options.format === 'text') return output(formatRuleListText(set, color), options, cwd);
    throw new UsageError(`--list-rules prints text or json, not "${options.format}"`);
  }
  if (options.format !== 'text') throw new UsageError(`--explain prints the rule's README as markdown; --format ${options.format} does not apply`);
  const id = options.explain!;
  const checks = allChecks();
  const meta = checks.find((m) => m.id === id);
  if (!meta) {
    const ids = checks.map((m) => m.id);
    // `healthcheck` for `compose/healthcheck`: a bare name is matched against the names too.
    const names = checks.map((m) => m.id.slice(m.id.indexOf('/') + 1));
    const byName = suggest(id, names);
    const guess = suggest(id, ids) ?? (byName === undefined ? undefined : ids[names.indexOf(byName)]);
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
    writeFileSync(path.resolve(cwd, options.outputFile), text);
  } catch (error) {
    throw new UsageError(`cannot write ${options.outputFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return EXIT.ok;
}

/**
 * File text for code frames with every secret range of every finding in that file masked, also the
 * findings --quiet hides: a frame shows a whole line, and a secret on it may belong to another finding.
 */
function maskedSources(findings: readonly Finding[], cwd: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(path.resolve(cwd, file), 'utf8');
      } catch {
        text = undefined;
      }
      const secrets = findings.filter((f) => f.file === file).flatMap((f) => f.redact ?? []);
      cache.set(file, text === undefined ? undefined : mask(text, secrets));
    }
    return cache.get(file);
  };
}

/** `text` with the characters of each range replaced by `*`; line breaks and columns stay where they were. */
function mask(text: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return text;
  const lines = text.split('\n');
  for (const r of ranges) {
    for (let n = r.start.line; n <= r.end.line; n++) {
      const line = lines[n - 1];
      if (line === undefined) break;
      const from = n === r.start.line ? r.start.column - 1 : 0;
      const to = n === r.end.line ? r.end.column - 1 : line.length;
      lines[n - 1] = line.slice(0, from) + line.slice(from, to).replace(/[^\r]/g, '*') + line.slice(to);
    }
  }
  return lines.join('\n');
}

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

/** Everything on standard input, as bytes (decoded and checked like a file's). */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
