import { defineRule, invocationsOf, type Invocation, type Text } from '../../../src/engine/api.js';

/** The word that makes a run a dev server or a watcher, and what it starts. */
interface DevRun {
  readonly at: Text;
  readonly what: string;
}

/** Programs that are watchers or dev servers whatever their arguments. */
const WATCHERS = new Set(['nodemon', 'ts-node-dev', 'tsnd', 'webpack-dev-server', 'watchexec', 'reflex', 'entr', 'air', 'cargo-watch']);
/** `<program> <subcommand>` pairs that start a dev server or watcher. */
const DEV_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  next: ['dev'],
  nuxt: ['dev'],
  nuxi: ['dev'],
  astro: ['dev'],
  remix: ['dev'],
  'svelte-kit': ['dev'],
  ng: ['serve'],
  'vue-cli-service': ['serve'],
  webpack: ['serve'],
  'webpack-cli': ['serve'],
  ember: ['serve', 's'],
  gatsby: ['develop'],
  mkdocs: ['serve'],
  jekyll: ['serve', 's'],
  'react-scripts': ['start'],
  tsx: ['watch'],
  cargo: ['watch'],
  dotnet: ['watch'],
};
/** `vite` alone (or `vite dev`/`vite serve`) is the dev server; these subcommands are not. */
const VITE_NOT_DEV = new Set(['build', 'preview', 'optimize']);
/** Programs whose `--watch` (and, where listed, `-w`) flag makes them rebuild or restart on every change. */
const WATCH_FLAGS: Readonly<Record<string, readonly string[]>> = {
  node: ['--watch'],
  deno: ['--watch'],
  bun: ['--watch', '--hot'],
  tsx: ['--watch'],
  tsc: ['--watch', '-w'],
  nest: ['--watch', '-w'],
  webpack: ['--watch', '-w'],
  rollup: ['--watch', '-w'],
  esbuild: ['--watch'],
  vite: ['--watch', '-w'],
};
/** Application servers whose `--reload` restarts them on every change of the code. */
const RELOADERS = new Set(['uvicorn', 'gunicorn', 'hypercorn', 'granian', 'flask']);
/**
 * Package-manager scripts that by convention start the dev server or a watcher: a word of the name is
 * `dev`, `develop` or `watch` (`dev`, `start:dev`, `start-watch`, `dev:server`), unless the script
 * builds, tests or lints (`build:dev`, `test:watch`).
 */
function isDevScript(name: string): boolean {
  const words = name.toLowerCase().split(/[:_-]/);
  return words.some((w) => ['dev', 'develop', 'watch'].includes(w)) && !['build', 'test', 'lint'].includes(words[0]!);
}
const SCRIPT_RUNNERS = new Set(['npm', 'yarn', 'pnpm', 'bun']);

const flag = (word: Text, names: readonly string[]) => names.some((n) => word.value === n || (n.startsWith('--') && word.value.startsWith(`${n}=`)));
const fileName = (word: Text | undefined) => word?.value.slice(word.value.lastIndexOf('/') + 1);

/** The script a package manager runs: `npm run dev`, `yarn dev`, `pnpm run dev`, `bun run dev`. */
function script(run: Invocation): Text | undefined {
  const args = run.args.filter((a) => !a.value.startsWith('-'));
  if (run.name === 'npm') return ['run', 'run-script'].includes(args[0]?.value ?? '') ? args[1] : undefined;
  return args[0]?.value === 'run' ? args[1] : args[0];
}

function devRun(run: Invocation): DevRun | undefined {
  const { name, args } = run;
  const sub = args[0];
  if (WATCHERS.has(name)) return { at: run.program, what: `the watcher ${name}` };
  if (sub && DEV_SUBCOMMANDS[name]?.includes(sub.value)) return { at: sub, what: `"${name} ${sub.value}"` };
  if (name === 'vite' && !(sub && VITE_NOT_DEV.has(sub.value))) return { at: run.program, what: 'the Vite dev server' };
  const watch = WATCH_FLAGS[name] && args.find((a) => flag(a, WATCH_FLAGS[name]!));
  if (watch) return { at: watch, what: `${name} in watch mode (${watch.value})` };
  const reload = RELOADERS.has(name) && args.find((a) => flag(a, ['--reload', ...(name === 'flask' ? ['--debug'] : [])]));
  if (reload) return { at: reload, what: `${name} with ${reload.value}` };
  if (name === 'flask' && sub?.value === '--debug') return { at: sub, what: 'flask with --debug' };
  if (SCRIPT_RUNNERS.has(name)) {
    const s = script(run);
    if (s && isDevScript(s.value)) return { at: s, what: `the "${s.value}" script` };
  }
  const words = [run.program, ...args];
  const i = words.findIndex((w) => ['manage.py', 'django-admin', 'artisan'].includes(fileName(w) ?? ''));
  const next = i === -1 ? undefined : words[i + 1];
  if (next && (next.value === 'runserver' || (fileName(words[i]) === 'artisan' && next.value === 'serve'))) return { at: next, what: `the development server (${fileName(words[i])} ${next.value})` };
  if (name === 'php' && sub?.value === '-S') return { at: sub, what: 'the PHP built-in development server (php -S)' };
  if (name === 'rails' && ['s', 'server'].includes(sub?.value ?? '')) {
    const k = args.findIndex((a) => a.value === '-e' || a.value === '--environment');
    const env = k !== -1 ? args[k + 1] : args.find((a) => a.value.startsWith('--environment='))?.slice('--environment='.length);
    if (env?.value === 'development') return { at: env, what: 'the Rails server in the development environment' };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'compose/no-dev-commands',
    description: 'In prod, command and entrypoint start no dev server or file watcher',
    severity: 'warning',
    environments: { prod: 'warning', dev: 'off', test: 'off' },
    tags: ['reliability', 'best-practice'],
    references: {
      urls: [
        'https://vite.dev/guide/static-deploy.html',
        'https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver',
        'https://www.uvicorn.org/settings/#development',
      ],
    },
  },
  create: (context) => ({
    service(service) {
      for (const key of ['command', 'entrypoint'] as const) {
        for (const run of invocationsOf(key === 'command' ? service.command : service.entrypoint)) {
          const dev = devRun(run);
          if (!dev || !dev.at.isLiteral()) continue;
          context.report({ at: dev.at, message: `service "${service.name}" starts ${dev.what} in "${key}"; prod runs the built application, not a dev server or watcher` });
        }
      }
    },
  }),
});
