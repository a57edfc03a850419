import path from 'node:path';
import { parseArgs } from 'node:util';
import { FILE_KINDS, type FileKind } from '../input/file-kind.js';
import { CONCURRENCY_EXPECTED, parseConcurrency, type Concurrency } from '../parallel/concurrency.js';

export class UsageError extends Error {}

export interface CliOptions {
  paths: string[];
  format: string;
  outputFile?: string;
  /** `--sarif-category`: the category of the SARIF run (`--format sarif` only). */
  sarifCategory?: string;
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
  /** `--no-ignore`: lint files that the configuration's `ignore` globs leave out. */
  noIgnore: boolean;
  /** `--project <name>`: lint these projects of the configuration (without paths, every one of them). */
  projects?: string[];
  /** `--init`: write a starter `.escashoprc.json` in the current folder instead of linting. */
  init: boolean;
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
  /** `--baseline <file>`: report only the findings this baseline file does not hold. */
  baseline?: string;
  /** `--write-baseline <file>`: write every current finding to this baseline file (with `--baseline` and the same file: prune it). */
  writeBaseline?: string;
  /** `--pass-on-stale-baseline`: entries of the `--baseline` file that match nothing do not make the exit code 2. */
  passOnStaleBaseline: boolean;
  /** `--watch`: lint again whenever a file read changes, until interrupted. */
  watch: boolean;
  /** `--report-unused-disable-directives`: an inline directive that suppressed nothing is a `core/unused-directive` warning. */
  reportUnusedDisableDirectives: boolean;
  /** `--cache`: reuse the result of an identical earlier run when nothing it read changed (docs/cache.md). */
  cache: boolean;
  /** `--cache-location <path>`: the cache file, or a folder for it. */
  cacheLocation?: string;
  /** `--sarif-include-suppressed`: write suppressed findings as SARIF results with `suppressions`. */
  sarifIncludeSuppressed: boolean;
  /** `--concurrency <n|auto|off>`: how many threads the lint may use (docs/performance.md). */
  concurrency?: Concurrency;
  /** `--fix`: apply the fixes of the findings shown and write the files (docs/fixes.md). */
  fix: boolean;
  /** `--fix-dry-run`: print the fixes as a unified diff; write nothing. */
  fixDryRun: boolean;
  /** `--fix-type`: the kinds of fix to apply (default `fix` only). */
  fixTypes: FixKind[];
  /** `--rule`: apply only these rules' fixes. */
  fixRules?: string[];
}

export const FIX_KINDS = ['fix', 'suggestion'] as const;
export type FixKind = (typeof FIX_KINDS)[number];

export const HELP = `Usage: escashop-lint [options] <file ...>
       escashop-lint [options] -f <file> [-f <file> ...]
       escashop-lint --list-rules [--format text|json]
       escashop-lint --explain <rule-id>
       escashop-lint --print-config <file>
       escashop-lint [options] [--project <name> ...]   (the configuration's projects)
       escashop-lint --init

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
docker-compose.yml when that file defines them. A quoted glob ('deploy/**/compose*.yml') stands
for the files it matches (skipping node_modules and dot-folders), each as if named; it is a usage
error when it matches none, and a path that exists as written is never read as a glob.

Options:
  --format <name>            Output format: text (default), json, sarif, github (workflow
                             annotations), compact (one line per finding, for editors)
  -o, --output-file <path>   Write the report to a file instead of standard output
  --sarif-category <name>    Code scanning category of the SARIF run (--format sarif): GitHub
                             replaces the last analysis of the same category with the new one
  -c, --config <path>        Use this configuration file instead of searching for one
  --no-config                Ignore configuration files
  --no-ignore                Lint files the configuration's "ignore" globs leave out
  --project <name>           Lint this project of the configuration's "projects" (repeatable);
                             with no paths and no -f, every project of the configuration is linted
  --init                     Write a starter .escashoprc.json for the compose files in the
                             current folder, and print it
  --code-frame               Show the source line under each finding (text format)
  -w, --watch                Lint again whenever a file read (or its configuration) changes,
                             until Ctrl-C; each run starts with "escashop-lint: linting..." and
                             ends with "escashop-lint: done, N problems (watching for changes)"
                             on stderr (a background problem matcher's markers; docs/editor.md)
  --quiet                    Report errors only
  --max-warnings <n>         Exit 1 when there are more than n warnings
  --report-unused-disable-directives
                             Warn about each escashop-lint-disable comment (or rule
                             of its list) that suppressed nothing (docs/suppressions.md)
  --sarif-include-suppressed Also write suppressed findings as SARIF results with
                             "suppressions" (--format sarif; GitHub may show them as open)
  --fix                      Fix what the report would show where a rule knows how, changing
                             only the fixed spans (comments, anchors, quoting and line endings
                             stay), lint again until nothing changes, and report what remains;
                             fixes that conflict are not applied and are named on stderr. Not
                             with standard input (-): use --fix-dry-run (docs/fixes.md)
  --fix-dry-run              Print the fixes as a unified diff instead of the report; write nothing
  --fix-type <type>          Which fixes to apply: fix (the default), suggestion, or both as
                             fix,suggestion (repeatable)
  --rule <rule-id>           Apply only this rule's fixes (repeatable, or comma-separated)
  --baseline <file>          Report only findings the baseline file does not hold; exit 2 when
                             some of its entries match no finding any more (prune them)
  --write-baseline <file>    Write every finding to the baseline file and exit 0; with --baseline
                             and the same file, drop its stale entries only (docs/baselines.md)
  --pass-on-stale-baseline   Do not exit 2 for stale --baseline entries
  --cache                    Reuse the result of the same run when no file it read (or looked
                             for), no option and no configuration changed; by content, so a git
                             checkout is seen (docs/cache.md). Standard input is not cached
  --cache-location <path>    The cache file, or a folder for it (an existing one, or ending in /);
                             default: node_modules/.cache/escashop-lint/ of the nearest folder up
                             from the current one with a package.json, else of the current folder
  --concurrency <n|auto|off> Lint with up to n threads (this one and n-1 worker threads), each
                             taking whole folders; auto: one per 2 cores and per 400 files (one
                             on 2 cores); default off (docs/performance.md). Same result
  --color / --no-color       Force color on or off (default: on for a TTY; NO_COLOR and FORCE_COLOR are honored)
  --list-rules               Print every check (id, level in prod/dev/test, tags, description);
                             with --format json, all of its metadata as a JSON array
  --explain <rule-id>        Print the documentation of a rule or core check
  --print-config <file>      Print, as JSON, the configuration file (and what it extends), the
                             overrides, environment, ingress, secret allowlists, and every check's
                             level and options that <file> is linted with
  -h, --help                 Show this help
  -v, --version              Show the version

Exit codes: 0 no errors, 1 error-level findings (or too many warnings), 2 usage or internal error,
a bad baseline file, or stale --baseline entries (after the report).

Examples:
  escashop-lint docker-compose.prod.yml
  escashop-lint -f docker-compose.yml -f docker-compose.prod.yml --env-file .env.production
  escashop-lint deploy/
  escashop-lint nginx/nginx.conf config/redis.conf
  escashop-lint --kind nginx deploy/site.conf
  escashop-lint --format sarif -o escashop.sarif docker-compose.yml
  escashop-lint --write-baseline escashop-baseline.json deploy/
  escashop-lint --baseline escashop-baseline.json deploy/
  escashop-lint 'deploy/**/docker-compose*.yml'
  escashop-lint --watch --format compact docker-compose.yml
  escashop-lint --fix-dry-run docker-compose.prod.yml
  escashop-lint --fix --rule compose/cap-drop-all docker-compose.prod.yml
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
        'sarif-category': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'code-frame': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        'no-ignore': { type: 'boolean' },
        project: { type: 'string', multiple: true },
        init: { type: 'boolean' },
        quiet: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        'report-unused-disable-directives': { type: 'boolean' },
        'sarif-include-suppressed': { type: 'boolean' },
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
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'pass-on-stale-baseline': { type: 'boolean' },
        watch: { type: 'boolean', short: 'w' },
        concurrency: { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'fix-type': { type: 'string', multiple: true },
        rule: { type: 'string', multiple: true },
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
  const sarifCategory = values['sarif-category'];
  if (values['sarif-include-suppressed'] && (values.format ?? 'text') !== 'sarif') throw new UsageError(`--sarif-include-suppressed applies to --format sarif, not ${values.format ?? 'text'}`);
  if (sarifCategory !== undefined && (values.format ?? 'text') !== 'sarif') throw new UsageError(`--sarif-category applies to --format sarif, not ${values.format ?? 'text'}`);
  if (sarifCategory !== undefined && sarifCategory.trim() === '') throw new UsageError('--sarif-category needs a name, e.g. --sarif-category compose/prod');
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
  const baseline = values.baseline;
  const writeBaseline = values['write-baseline'];
  for (const [option, value] of [['--baseline', baseline], ['--write-baseline', writeBaseline]] as const) {
    if (value === '') throw new UsageError(`${option} needs a file, e.g. ${option} escashop-baseline.json`);
  }
  if (baseline !== undefined && writeBaseline !== undefined && path.resolve(baseline) !== path.resolve(writeBaseline)) {
    throw new UsageError(`--baseline ${baseline} and --write-baseline ${writeBaseline} name different files: give the same file to prune it, or --write-baseline alone to rewrite it`);
  }
  if (values['pass-on-stale-baseline'] && baseline === undefined) throw new UsageError('--pass-on-stale-baseline applies to --baseline <file>');
  if (writeBaseline !== undefined && values.watch) throw new UsageError('--write-baseline writes the baseline once; leave out --watch');
  const kind = values.kind;
  if (kind !== undefined && !isFileKind(kind)) throw new UsageError(`--kind must be one of ${FILE_KINDS.join(', ')}, not "${kind}"`);
  if (kind !== undefined && kind !== 'compose' && files.length > 0) throw new UsageError(`--kind ${kind} applies to files given without -f; -f files are compose files`);
  const modes = [values['list-rules'] ? '--list-rules' : undefined, values.explain !== undefined ? '--explain' : undefined, values['print-config'] !== undefined ? '--print-config' : undefined, values.init ? '--init' : undefined].filter((m) => m !== undefined);
  const infoMode = modes[0];
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined`);
  if (values['print-config'] === '') throw new UsageError('--print-config needs a file, e.g. --print-config docker-compose.prod.yml');
  if (values.explain === '') throw new UsageError('--explain needs a rule id, e.g. --explain compose/healthcheck');
  const watch = values.watch ?? false;
  const concurrency = values.concurrency === undefined ? undefined : parseConcurrency(values.concurrency);
  if (values.concurrency !== undefined && concurrency === undefined) throw new UsageError(`--concurrency "${values.concurrency}" is not ${CONCURRENCY_EXPECTED}`);
  const cacheLocation = values['cache-location'];
  if (cacheLocation !== undefined && !values.cache) throw new UsageError('--cache-location applies to --cache');
  if (cacheLocation === '') throw new UsageError('--cache-location needs a file or folder, e.g. --cache-location .cache/');
  if (watch && infoMode !== undefined) throw new UsageError(`--watch lints again on changes; ${infoMode} lints nothing`);
  if (watch && stdin) throw new UsageError('--watch watches files, and standard input (-) is read once: give the file itself');
  if (infoMode !== undefined && (positionals.length > 0 || files.length > 0)) {
    throw new UsageError(`${infoMode} lints nothing: leave out the files ("${positionals[0] ?? files[0]}")`);
  }
  const projects = values.project;
  if (projects !== undefined) {
    if (projects.includes('')) throw new UsageError('--project needs a project name, e.g. --project prod');
    if (positionals.length > 0 || files.length > 0) throw new UsageError(`--project lints projects of the configuration: leave out the files ("${positionals[0] ?? files[0]}")`);
    if (values['no-config']) throw new UsageError('--project names projects of the configuration, and --no-config ignores it');
    if (infoMode !== undefined) throw new UsageError(`--project and ${infoMode} cannot be combined`);
  }
  const fix = fixOptions(values, { stdin, watch, infoMode, writeBaseline, format: values.format ?? 'text' });
  for (const name of values.profile ?? []) {
    if (!PROFILE_NAME.test(name)) throw new UsageError(`--profile "${name}" is not a profile name (letters, digits, "_", "." and "-", not starting with a symbol; or "*" for all)`);
  }
  return {
    paths: positionals,
    format: values.format ?? 'text',
    ...(values['output-file'] === undefined ? {} : { outputFile: values['output-file'] }),
    ...(sarifCategory === undefined ? {} : { sarifCategory }),
    ...(color === undefined ? {} : { color }),
    codeFrame: values['code-frame'] ?? false,
    quiet: values.quiet ?? false,
    ...(maxWarnings === undefined ? {} : { maxWarnings }),
    ...(values.config === undefined ? {} : { config: values.config }),
    noConfig: values['no-config'] ?? false,
    noIgnore: values['no-ignore'] ?? false,
    ...(projects === undefined ? {} : { projects }),
    init: values.init ?? false,
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
    ...(baseline === undefined ? {} : { baseline }),
    ...(writeBaseline === undefined ? {} : { writeBaseline }),
    passOnStaleBaseline: values['pass-on-stale-baseline'] ?? false,
    watch,
    reportUnusedDisableDirectives: values['report-unused-disable-directives'] ?? false,
    cache: values.cache ?? false,
    ...(cacheLocation === undefined ? {} : { cacheLocation }),
    sarifIncludeSuppressed: values['sarif-include-suppressed'] ?? false,
    ...(concurrency === undefined ? {} : { concurrency }),
    ...fix,
  };
}

/**
 * `--fix`, `--fix-dry-run`, `--fix-type` and `--rule`. A fix run writes files, so it is refused with
 * what would make it write the wrong thing or loop: --watch (it would lint its own writes),
 * --write-baseline (which findings would it hold?), and --fix with standard input (there is no file).
 * --cache and --concurrency are left aside by a fix run (it lints in one thread, never from the cache).
 */
function fixOptions(
  values: { fix?: boolean; 'fix-dry-run'?: boolean; 'fix-type'?: string[]; rule?: string[] },
  context: { stdin: boolean; watch: boolean; infoMode: string | undefined; writeBaseline: string | undefined; format: string },
): Pick<CliOptions, 'fix' | 'fixDryRun' | 'fixTypes' | 'fixRules'> {
  const fix = values.fix ?? false;
  const dryRun = values['fix-dry-run'] ?? false;
  const flag = dryRun ? '--fix-dry-run' : '--fix';
  const list = (given: string[] | undefined) => given?.flatMap((v) => v.split(',')).map((v) => v.trim());
  const types = list(values['fix-type']);
  const rules = list(values.rule);
  if (!fix && !dryRun) {
    if (types !== undefined) throw new UsageError('--fix-type applies to --fix or --fix-dry-run');
    if (rules !== undefined) throw new UsageError('--rule chooses the fixes of --fix or --fix-dry-run');
    return { fix, fixDryRun: dryRun, fixTypes: ['fix'] };
  }
  if (fix && dryRun) throw new UsageError('--fix writes the fixes and --fix-dry-run prints them: give one of them');
  for (const type of types ?? []) {
    if (!(FIX_KINDS as readonly string[]).includes(type)) throw new UsageError(`--fix-type must be ${FIX_KINDS.join(', ')} or both as fix,suggestion, not "${type}"`);
  }
  if (rules?.includes('')) throw new UsageError('--rule needs a rule id, e.g. --rule compose/cap-drop-all');
  if (fix && context.stdin) throw new UsageError('--fix writes files, and standard input (-) is none: use --fix-dry-run to see the fixes as a diff');
  if (context.watch) throw new UsageError(`${flag} changes the files --watch watches; leave out --watch`);
  if (context.writeBaseline !== undefined) throw new UsageError(`${flag} and --write-baseline cannot be combined: fix first, then write the baseline of what remains`);
  if (context.infoMode !== undefined) throw new UsageError(`${flag} and ${context.infoMode} cannot be combined`);
  if (dryRun && context.format !== 'text') throw new UsageError(`--fix-dry-run prints a unified diff, not --format ${context.format}; the json and sarif reports carry each finding's fix`);
  return { fix, fixDryRun: dryRun, fixTypes: types === undefined ? ['fix'] : [...new Set(types as FixKind[])], ...(rules === undefined ? {} : { fixRules: [...new Set(rules)] }) };
}

function isFileKind(value: string): value is FileKind {
  return (FILE_KINDS as readonly string[]).includes(value);
}

/** A profile name as the compose-spec allows it, or `*` (every profile, as Compose takes it). */
const PROFILE_NAME = /^(?:\*|[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/;
