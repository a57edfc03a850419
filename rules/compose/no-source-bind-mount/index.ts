import { defineRule, get, isMap, isScalar, isWithin, type Service, type Volume } from '../../../src/engine/api.js';

/** Top-level folders of a project that hold its code. */
const SOURCE_DIRS = new Set(['src', 'app', 'apps', 'backend', 'frontend', 'server', 'client', 'api', 'web', 'lib', 'packages', 'services', 'code']);
/** Folders an image keeps its code in. */
const CODE_DIRS = ['/app', '/usr/src/app', '/usr/app', '/usr/local/app', '/code', '/src', '/srv/app', '/opt/app', '/home/node/app', '/var/www', '/application'];
/** Folders that hold the code only of an image the project builds: a stock image mounts scripts or data there. */
const BUILT_CODE_DIRS = ['/workspace', '/project'];
/** Folder names that hold data, configuration, fixtures or build output rather than code. */
const NOT_CODE = new Set(['data', 'config', 'conf', 'configs', 'log', 'logs', 'certs', 'ssl', 'secrets', 'uploads', 'media', 'storage', 'tmp', 'cache', 'db', 'backup', 'backups', 'dist', 'build', 'node_modules', 'fixtures']);

/** The service's build context, relative to the project directory (`.` when `build: .`). */
function buildContext(service: Service): string | undefined {
  const build = service.get('build');
  const context = isMap(build) ? get(build, 'context') : build;
  if (!isScalar(context) || typeof context.value !== 'string' || /^[a-z]+:\/\//i.test(context.value) || context.value.startsWith('/')) return undefined;
  return context.value.replace(/\/+$/, '').replace(/^\.\/(?=.)/, '') || '.';
}

/**
 * A bind of the project's code over the code in the image: the source is the project folder itself
 * (`.`, `..`), the service's build context, or a source folder (`./src`, `./backend`,
 * `../app/api`); the target is a folder images keep code in (`/app`, `/usr/src/app`, `/var/www`…)
 * or a source folder in the container (`/code/src`). Files, and data, configuration and build
 * output folders (`./data`, `./config`, `./dist`), are not code.
 */
function isSourceMount(volume: Volume, service: Service): boolean {
  const p = volume.projectPath;
  if (p === undefined || !volume.target) return false;
  const segments = p.split('/');
  const last = segments[segments.length - 1]!;
  if (p !== '.' && last !== '..' && (last.includes('.') || NOT_CODE.has(last.toLowerCase()))) return false;
  const code = p === '.' || segments.every((s) => s === '..') || p === buildContext(service) || segments.some((s) => SOURCE_DIRS.has(s.toLowerCase()));
  if (!code) return false;
  const target = volume.target.value.replace(/\/+$/, '') || '/';
  const targetLast = target.slice(target.lastIndexOf('/') + 1).toLowerCase();
  if (NOT_CODE.has(targetLast)) return false;
  const dirs = service.get('build') === undefined ? CODE_DIRS : [...CODE_DIRS, ...BUILT_CODE_DIRS];
  return dirs.some((dir) => isWithin(target, dir)) || SOURCE_DIRS.has(targetLast);
}

export default defineRule({
  meta: {
    id: 'compose/no-source-bind-mount',
    description: 'In prod no service bind-mounts the project source over its code, and none uses develop.watch',
    severity: 'error',
    environments: { prod: 'error', dev: 'off', test: 'off' },
    tags: ['reliability', 'security'],
    securitySeverity: 5.0,
    references: {
      cwe: ['CWE-494'],
    },
  },
  create: (context) => ({
    service(service) {
      for (const volume of service.volumes) {
        if (!volume.source || !isSourceMount(volume, service)) continue;
        context.report({
          at: volume.source,
          message: `service "${service.name}" bind-mounts the project source "${volume.source.value}" over "${volume.target!.value}" in volumes: prod runs whatever is on the host's disk, not the image that was built and tested`,
        });
      }
      const develop = service.get('develop');
      const watch = isMap(develop) ? develop.index.get('watch') : undefined;
      if (watch) {
        context.report({ at: watch.key, message: `service "${service.name}" sets develop.watch: a dev-loop feature that syncs or rebuilds from local files has no place in prod` });
      }
    },
  }),
});
