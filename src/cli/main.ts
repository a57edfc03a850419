import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_CHECKS } from '../findings/core.js';
import { filterFindings } from '../filter/index.js';
import { lint } from '../lint.js';
import { PACKAGE_ROOT, VERSION } from '../package-info.js';
import { FORMATTERS } from '../report/index.js';
import { wantsColor } from '../report/style.js';
import { rules } from '../../rules/index.js';
import { HELP, parseCli, UsageError } from './args.js';

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  try {
    return await run(argv, cwd);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    process.stderr.write(`escashop-lint: ${message}\n`);
    if (process.env.ESCASHOP_DEBUG && !(error instanceof UsageError)) process.stderr.write(`${(error as Error)?.stack}\n`);
    return EXIT.failure;
  }
}

async function run(argv: readonly string[], cwd: string): Promise<number> {
  const options = parseCli(argv);
  if (options.help) return write(HELP);
  if (options.version) return write(`${VERSION}\n`);
  const formatter = FORMATTERS[options.format];
  if (!formatter) throw new UsageError(`unknown format "${options.format}" (use ${Object.keys(FORMATTERS).join(', ')})`);
  if (options.paths.length === 0) throw new UsageError('no files given; try: escashop-lint docker-compose.yml (see --help)');

  const result = await lint(options.paths, { cwd });
  const findings = filterFindings(result.findings, { quiet: options.quiet });
  const shown = { ...result, findings };
  const toFile = options.outputFile !== undefined;
  const report = formatter(shown, {
    cwd,
    color: options.color ?? (!toFile && wantsColor(process.stdout)),
    rules: [...CORE_CHECKS, ...rules.map((r) => r.meta)],
    packageRoot: PACKAGE_ROOT,
    version: VERSION,
    codeFrame: options.codeFrame,
    readSource: (file) => {
      try {
        return readFileSync(path.resolve(cwd, file), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  if (toFile) {
    try {
      writeFileSync(path.resolve(cwd, options.outputFile!), report);
    } catch (error) {
      throw new UsageError(`cannot write ${options.outputFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else await write(report);

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return EXIT.findings;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    process.stderr.write(`escashop-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** Writes all of `text` to stdout and waits until it is flushed, so a pipe never gets a cut report. */
function write(text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve(EXIT.ok)));
  });
}
