import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface CliOptions {
  paths: string[];
  format: string;
  outputFile?: string;
  color?: boolean;
  codeFrame: boolean;
  quiet: boolean;
  maxWarnings?: number;
  help: boolean;
  version: boolean;
  /** Explicit configuration file. */
  config?: string;
  /** Ignore configuration files. */
  noConfig: boolean;
}

export const HELP = `Usage: escashop-lint [options] <file ...>

Lints Docker Compose files against production policy.

Options:
  --format <name>          Output format: text (default), json, sarif
  -o, --output-file <path> Write the report to a file instead of standard output
  -c, --config <path>      Use this configuration file instead of searching for one
  --no-config              Ignore configuration files
  --code-frame             Show the source line under each finding (text format)
  --quiet                  Report errors only
  --max-warnings <n>       Exit 1 when there are more than n warnings
  --color / --no-color     Force color on or off (default: on for a TTY; NO_COLOR and FORCE_COLOR are honored)
  -h, --help               Show this help
  -v, --version            Show the version

Exit codes: 0 no errors, 1 error-level findings (or too many warnings), 2 usage or internal error.

Examples:
  escashop-lint docker-compose.prod.yml
  escashop-lint --format sarif -o escashop.sarif docker-compose.yml
`;

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'output-file': { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'code-frame': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        quiet: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
  const { values, positionals } = parsed;
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = /^\d+$/.test(values['max-warnings']) ? Number(values['max-warnings']) : NaN;
    if (!Number.isSafeInteger(maxWarnings)) throw new UsageError(`--max-warnings must be a whole number, not "${values['max-warnings']}"`);
  }
  const color = values['no-color'] ? false : values.color ? true : undefined;
  return {
    paths: positionals,
    format: values.format ?? 'text',
    ...(values['output-file'] === undefined ? {} : { outputFile: values['output-file'] }),
    ...(color === undefined ? {} : { color }),
    codeFrame: values['code-frame'] ?? false,
    quiet: values.quiet ?? false,
    ...(maxWarnings === undefined ? {} : { maxWarnings }),
    ...(values.config === undefined ? {} : { config: values.config }),
    noConfig: values['no-config'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
