import { baseName, commandWords, defineRule, invocationsOf, isTrue, type Command, type Invocation, type Service, type Text } from '../../../src/engine/api.js';

/** Init programs that forward signals to their child and reap zombies; `/init` is s6-overlay's. */
const INITS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit', 'docker-init', 's6-svscan']);

/**
 * Images whose own ENTRYPOINT starts an init before the command, by image path: linuxserver's
 * (s6-overlay's `/init`), Jupyter's docker-stacks (`tini -g --`), Airflow (`dumb-init --`), n8n and
 * NetBox (`tini --`). Their command runs under that init unless the file replaces the entrypoint.
 */
const INIT_IMAGES: readonly RegExp[] = [/^linuxserver\//, /^jupyter\//, /^apache\/airflow$/, /^n8nio\/n8n$/, /^netboxcommunity\/netbox$/];

const NODE = new Set(['node', 'nodejs', 'ts-node', 'tsx']);
const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm']);
const PYTHON = /^python[0-9.]*$/;
/** Python servers that install their own SIGTERM handler and shut down cleanly as PID 1, when run as `python -m <name>`. */
const PYTHON_SERVERS = new Set(['gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'celery', 'granian']);

const NO_INIT = 'without an init ("init: true")';
const CONSEQUENCE = 'so "docker compose stop" waits out the grace period and then kills it mid-request, and no process reaps zombie children';

function isInit(word: Text): boolean {
  const value = word.value.trim();
  return value === '/init' || INITS.has(baseName(value));
}

/**
 * The container's command line as the file sets it: the `entrypoint` followed by the `command` when
 * the file sets an entrypoint (Compose then drops the image's CMD), else the `command` alone, run by
 * the image's own entrypoint.
 */
function commandLine(service: Service): Command | undefined {
  const { entrypoint, command } = service;
  if (!entrypoint) return command;
  return { node: entrypoint.node, form: 'exec', words: [...entrypoint.words, ...(command?.words ?? [])] };
}

/** The module a Python interpreter runs with `-m`, whether `invocationsOf` took it apart (`python -m x`) or not (`python -u -m x`). */
function pythonModule(run: Invocation): string | undefined {
  if (run.interpreter) return run.name;
  const m = run.args.findIndex((a) => a.value === '-m');
  return m === -1 ? undefined : run.args[m + 1]?.value.toLowerCase();
}

/** Package-manager subcommands that install rather than run a script. */
const INSTALLS = new Set(['install', 'i', 'ci', 'add']);

/** The script a package manager runs as the service's main program (`npm start`, `yarn serve`), if it runs one. */
function scriptRun(run: Invocation): string | undefined {
  if (!PACKAGE_MANAGERS.has(run.name)) return undefined;
  const [sub, script] = run.args.filter((a) => !a.value.startsWith('-'));
  if (!sub || INSTALLS.has(sub.value)) return undefined;
  return [run.program, sub, ...(['run', 'run-script'].includes(sub.value) && script ? [script] : [])].map((w) => w.value).join(' ');
}

/** The word to report and what it runs, when the service's main program is Node.js or a Python interpreter, which ignore SIGTERM as PID 1. */
function runtimeOf(run: Invocation): { at: Text; runtime: string; what: string } | undefined {
  const interpreter = run.interpreter ?? (PYTHON.test(run.name) ? run.program : undefined);
  if (interpreter) {
    const module = pythonModule(run);
    if (module !== undefined && PYTHON_SERVERS.has(module)) return undefined;
    return { at: interpreter, runtime: 'the Python interpreter', what: run.interpreter ? `${interpreter.value} -m ${run.program.value}` : interpreter.value };
  }
  return NODE.has(run.name) ? { at: run.program, runtime: 'Node.js', what: run.program.value } : undefined;
}

export default defineRule({
  meta: {
    id: 'compose/init-for-pid1',
    description: 'In prod, a Node.js or Python service runs under an init (init: true, tini) that forwards signals and reaps zombies',
    severity: 'info',
    environments: { prod: 'info', dev: 'off', test: 'off' },
    tags: ['reliability'],
    reportsAbsence: true,
    references: {
      urls: [
        'https://docs.docker.com/reference/compose-file/services/#init',
        'https://github.com/nodejs/docker-node/blob/main/docs/BestPractices.md#handling-kernel-signals',
        'https://github.com/krallin/tini',
      ],
    },
  },
  create: (context) => ({
    service(service) {
      const line = commandLine(service);
      const main = invocationsOf(line).at(-1);
      if (!main || !main.program.isLiteral()) return;
      const script = scriptRun(main);
      if (script) {
        context.report({
          at: main.program,
          message: `service "${service.name}" runs "${script}": ${main.name} starts the app through a shell, and the stop signal (SIGTERM) stops at that shell, so the app is killed without a chance to shut down, with or without an init (start the app directly, as "node dist/index.js")`,
        });
        return;
      }
      if (isTrue(service.get('init')) || commandWords(line).some(isInit)) return;
      if (!service.entrypoint && INIT_IMAGES.some((image) => image.test(service.imageReference?.path ?? ''))) return;
      const runtime = runtimeOf(main);
      if (!runtime?.at.isLiteral()) return;
      context.report({
        at: runtime.at,
        message: `service "${service.name}" runs ${runtime.what} ${NO_INIT}: as PID 1 ${runtime.runtime} ignores SIGTERM unless the app handles it, ${CONSEQUENCE}`,
      });
    },
  }),
});
