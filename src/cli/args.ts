import { parseArgs } from 'node:util';
import { FILE_KINDS, type FileKind } from '../input/file-kind.js';

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
  /** `--list-rules`: print every check instead of linting. */
  listRules: boolean;
  /** `--explain <rule-id>`: print that rule's documentation instead of linting. */
  explain?: string;
  /** `--print-config <file>`: print the settings that file is linted with instead of linting. */
  printConfig?: string;
  /** Explicit configuration file. */
  config?: string;
  /** Ignore configuration files. */
  noConfig: boolean;
  /** `-f/--file`: the files of one project, merged in order. */
  files: string[];
  /** `--env-file`, in order. */
  envFiles?: string[];
  projectDirectory?: string;
  /** `--profile`: the active profiles. */
  profiles?: string[];
  useProcessEnv: boolean;
  /** `--kind`: what every positional file is, instead of what its name or text says. */
  kind?: FileKind;
  /** `-`: lint standard input, as the file `stdinFilename` names (default `<stdin>`). */
  stdin: boolean;
  stdinFilename?: string;
}

export const HELP = `Usage: escashop-lint [options] <file ...>
       escashop-lint [options] -f <file> [-f <file> ...]
       escashop-lint --list-rules [--format text|json]
       escashop-lint --explain <rule-id>
       escashop-lint --print-config <file>

Lints Docker Compose projects against production policy, as Compose would run them.

Project (as with docker compose):
  -f, --file <path>          A compose file of the project; repeat to merge files in order
                             (not together with positional paths)
  --env-file <path>          Read variables from this file instead of <project dir>/.env (repeatable)
  --project-directory <dir>  Project directory (default: the folder of the first file)
  --profile <name>           Lint only what Compose starts with this profile active (repeatable;
                             default: every service, whatever its profiles)
  --use-process-env          Let the shell environment set variables (default off: reproducible)

Standard input (an editor's unsaved buffer):
  -                          Lint standard input instead of a file
  --stdin-filename <path>    The file it stands for (default <stdin>): its name sets the kind and
                             environment, its folder the project directory

Config files on their own:
  --kind <kind>              What each <file> is: compose, nginx, redis, postgresql or pg_hba
                             (default: from its name, e.g. nginx.conf, redis.conf, pg_hba.conf,
                             *.yml; else, for a .conf file, from its text)

Each <file> is its own project (a config file is linted on its own, its includes followed); a directory is searched for compose*.y*ml and
docker-compose*.y*ml files (skipping node_modules and dot-folders), each its own project, and is a
usage error when it holds none. In a folder, compose.yaml (or docker-compose.yml) and
compose.override.yml are also one project, as docker compose loads them without -f; and a file
whose services have neither image nor build is linted over its folder's compose.yaml or
docker-compose.yml when that file defines them.

Options:
  --format <name>            Output format: text (default), json, sarif, github (workflow
                             annotations), compact (one line per finding, for editors)
  -o, --output-file <path>   Write the report to a file instead of standard output
  -c, --config <path>        Use this configuration file instead of searching for one
  --no-config                Ignore configuration files
  --code-frame               Show the source line under each finding (text format)
  --quiet                    Report errors only
  --max-warnings <n>         Exit 1 when there are more than n warnings
  --color / --no-color       Force color on or off (default: on for a TTY; NO_COLOR and FORCE_COLOR are honored)
  --list-rules               Print every check (id, level in prod/dev/test, tags, description);
                             with --format json, all of its metadata as a JSON array
  --explain <rule-id>        Print the documentation of a rule or core check
  --print-config <file>      Print, as JSON, the configuration file, environment and every check's
                             level that <file> is linted with
  -h, --help                 Show this help
  -v, --version              Show the version

Exit codes: 0 no errors, 1 error-level findings (or too many warnings), 2 usage or internal error.

Examples:
  escashop-lint docker-compose.prod.yml
  escashop-lint -f docker-compose.yml -f docker-compose.prod.yml --env-file .env.production
  escashop-lint deploy/
  escashop-lint nginx/nginx.conf config/redis.conf
  escashop-lint --kind nginx deploy/site.conf
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
        'list-rules': { type: 'boolean' },
        explain: { type: 'string' },
        'print-config': { type: 'string' },
        file: { type: 'string', short: 'f', multiple: true },
        'env-file': { type: 'string', multiple: true },
        'project-directory': { type: 'string' },
        profile: { type: 'string', multiple: true },
        'use-process-env': { type: 'boolean' },
        kind: { type: 'string' },
        'stdin-filename': { type: 'string' },
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
  const files = values.file ?? [];
  if (files.length > 0 && positionals.length > 0) {
    throw new UsageError(`-f/--file and positional paths cannot be mixed ("${positionals[0]}"): give every file of the project with -f, or lint separate files without -f`);
  }
  for (const [option, value] of [['-f/--file', files], ['--env-file', values['env-file']], ['--project-directory', [values['project-directory']]]] as const) {
    if (value?.some((v) => v === '')) throw new UsageError(`${option} needs a path, not an empty string`);
  }
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) throw new UsageError('- (standard input) is linted alone; give no other path with it');
  const stdinFilename = values['stdin-filename'];
  if (stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename names the file standard input stands for; give - as the path');
  if (stdinFilename === '') throw new UsageError('--stdin-filename needs a path, not an empty string');
  const kind = values.kind;
  if (kind !== undefined && !isFileKind(kind)) throw new UsageError(`--kind must be one of ${FILE_KINDS.join(', ')}, not "${kind}"`);
  if (kind !== undefined && kind !== 'compose' && files.length > 0) throw new UsageError(`--kind ${kind} applies to files given without -f; -f files are compose files`);
  const modes = [values['list-rules'] ? '--list-rules' : undefined, values.explain !== undefined ? '--explain' : undefined, values['print-config'] !== undefined ? '--print-config' : undefined].filter((m) => m !== undefined);
  const infoMode = modes[0];
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined`);
  if (values['print-config'] === '') throw new UsageError('--print-config needs a file, e.g. --print-config docker-compose.prod.yml');
  if (values.explain === '') throw new UsageError('--explain needs a rule id, e.g. --explain compose/healthcheck');
  if (infoMode !== undefined && (positionals.length > 0 || files.length > 0)) {
    throw new UsageError(`${infoMode} lints nothing: leave out the files ("${positionals[0] ?? files[0]}")`);
  }
  for (const name of values.profile ?? []) {
    if (!PROFILE_NAME.test(name)) throw new UsageError(`--profile "${name}" is not a profile name (letters, digits, "_", "." and "-", not starting with a symbol; or "*" for all)`);
  }
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
    listRules: values['list-rules'] ?? false,
    ...(values.explain === undefined ? {} : { explain: values.explain }),
    ...(values['print-config'] === undefined ? {} : { printConfig: values['print-config'] }),
    files,
    ...(values['env-file'] === undefined ? {} : { envFiles: values['env-file'] }),
    ...(values['project-directory'] === undefined ? {} : { projectDirectory: values['project-directory'] }),
    ...(values.profile === undefined ? {} : { profiles: values.profile }),
    useProcessEnv: values['use-process-env'] ?? false,
    ...(kind === undefined ? {} : { kind }),
    stdin,
    ...(stdinFilename === undefined ? {} : { stdinFilename }),
  };
}

function isFileKind(value: string): value is FileKind {
  return (FILE_KINDS as readonly string[]).includes(value);
}

/** A profile name as the compose-spec allows it, or `*` (every profile, as Compose takes it). */
const PROFILE_NAME = /^(?:\*|[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/;
