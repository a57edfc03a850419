import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { environmentOf } from '../engine/environment.js';
import type { Environment } from '../engine/meta.js';
import { defaultFiles, findComposeFiles } from '../input/discover.js';
import { DEFAULT_INGRESS, isIngress } from '../model/ingress.js';
import { ProjectLoader } from '../model/load.js';
import { overlayBase } from '../model/overlay.js';
import { PACKAGE_ROOT } from '../package-info.js';
import { CONFIG_NAMES, ConfigError, type ConfigData, type ProjectData } from './load.js';

/** The file `--init` writes. */
export const INIT_FILE = '.escashoprc.json';

/** Where the schema is when escashop-lint is installed in the project. */
const INSTALLED_SCHEMA = './node_modules/escashop-lint/schemas/escashoprc.schema.json';

/**
 * Writes a starter configuration in `cwd` (`--init`) and returns its name and text: it extends
 * `recommended`, and states what the linter would guess from the compose files found under `cwd`:
 * each file's environment, the ingress services, and each override file with its base as a
 * project. Refuses when `cwd` already has a configuration (any name cosmiconfig finds, or an
 * `"escashop"` key in package.json); never changes an existing file.
 */
export function initConfig(cwd: string): { file: string; text: string } {
  const existing = CONFIG_NAMES.find((name) => hasConfig(path.join(cwd, name)));
  if (existing !== undefined) {
    const what = existing === 'package.json' ? 'package.json has an "escashop" configuration' : `${existing} already exists`;
    throw new ConfigError(`${what}; --init writes a configuration only where there is none`);
  }
  const files = findComposeFiles(cwd);
  const rel = (file: string) => path.relative(cwd, file).split(path.sep).join('/');
  const loader = new ProjectLoader({ cwd });
  const pairs = overridePairs(files, loader);
  const ingress = ingressNames(files, pairs, loader);
  const environments = environmentGlobs(files.map(rel));
  const projects = Object.fromEntries(
    pairs.map(({ base, override }) => [projectName(rel(override)), { files: [rel(base), rel(override)] } satisfies ProjectData]),
  );
  const data: ConfigData = {
    $schema: existsSync(path.join(cwd, INSTALLED_SCHEMA)) ? INSTALLED_SCHEMA : schemaId(),
    extends: ['recommended'],
    ...(Object.keys(environments).length > 0 ? { environments } : {}),
    ...(ingress.length > 0 ? { ingress } : {}),
    ...(pairs.length > 0 ? { projects } : {}),
  };
  const text = `${JSON.stringify(data, null, 2)}\n`;
  // `wx`: never replace a file, should one appear after the check.
  writeFileSync(path.join(cwd, INIT_FILE), text, { flag: 'wx' });
  return { file: INIT_FILE, text };
}

function hasConfig(file: string): boolean {
  if (path.basename(file) !== 'package.json') return existsSync(file);
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof data === 'object' && data !== null && 'escashop' in data;
  } catch {
    return false;
  }
}

function schemaId(): string {
  const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/escashoprc.schema.json'), 'utf8')) as { $id: string };
  return schema.$id;
}

/** The override files found with the base each is linted over: a folder's default pair, and an override whose services have no image (`overlayBase`). */
function overridePairs(files: readonly string[], loader: ProjectLoader): { base: string; override: string }[] {
  const found = new Set(files);
  const pairs: { base: string; override: string }[] = [];
  for (const file of files) {
    const { base, override } = defaultFiles(path.dirname(file), (f) => found.has(f));
    const over = file === override ? base : overlayBase(file, (f) => loader.peek(f));
    if (over !== undefined && over !== file) pairs.push({ base: over, override: file });
  }
  return pairs;
}

/** The names of the services that count as ingress today (`isIngress` with the default list), in every file and pair found. */
function ingressNames(files: readonly string[], pairs: readonly { base: string; override: string }[], loader: ProjectLoader): string[] {
  const names = new Set<string>();
  // No env file is read: the guess must not depend on local secrets, and names and images rarely do.
  const projects = [...files.map((file) => [file]), ...pairs.map((p) => [p.base, p.override])];
  for (const project of projects) {
    for (const service of loader.load({ files: project, envFiles: [] }, environmentOf(project.at(-1)!)).project?.services ?? []) {
      if (isIngress(service, DEFAULT_INGRESS)) names.add(service.name);
    }
  }
  return [...names].sort();
}

/**
 * The environment of each compose file, as globs where a family of names shares one
 * (`docker-compose.prod*.yml` for `docker-compose.prod.yml` and `docker-compose.prod.improved.yml`),
 * else by name. A glob is used only when every file found that it matches has the same environment.
 */
export function environmentGlobs(files: readonly string[]): Record<string, Environment> {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const glob = familyGlob(file);
    groups.set(glob, [...(groups.get(glob) ?? []), file]);
  }
  const environments: Record<string, Environment> = {};
  for (const [glob, members] of groups) {
    const match = picomatch(glob, { dot: true });
    const matched = files.filter((file) => match(file));
    const envs = new Set(matched.map((file) => environmentOf(file)));
    if (envs.size === 1) environments[glob] = environmentOf(members[0]!);
    else for (const file of members) environments[file] = environmentOf(file);
  }
  return environments;
}

/** `deploy/docker-compose.prod*.yml` for `deploy/docker-compose.prod.improved.yml`; a file with one word after its compose prefix is a family of its own. */
function familyGlob(file: string): string {
  const slash = file.lastIndexOf('/') + 1;
  const match = /^((?:docker-)?compose[.-][^.]+)(.*)(\.ya?ml)$/i.exec(file.slice(slash));
  if (!match) return file;
  return `${file.slice(0, slash)}${match[1]}*${match[3]}`;
}

/** `prod` for `docker-compose.prod.yml`, `deploy-override` for `deploy/compose.override.yaml`. */
function projectName(override: string): string {
  const withoutPrefix = override.replace(/(^|\/)(?:docker-)?compose[.-]/i, '$1').replace(/\.ya?ml$/i, '');
  return withoutPrefix.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'default';
}
