import { projectsOfConfig, type LintTarget } from '../lint.js';
import { UsageError, type CliOptions } from './args.js';

/**
 * What `escashop-lint` lints when given no paths and no `-f`: the projects (`projects`) of the
 * configuration found from the current folder, or those `--project` names. A usage error when the
 * configuration names no projects, or `--project` names one it does not have.
 */
export async function configProjectTargets(options: CliOptions, cwd: string): Promise<LintTarget[]> {
  const found = options.noConfig ? undefined : await projectsOfConfig({ cwd, ...(options.config === undefined ? {} : { config: options.config }) });
  const names = [...(found?.projects.keys() ?? [])];
  if (!found || names.length === 0) {
    if (options.projects === undefined) throw new UsageError('no files given; try: escashop-lint docker-compose.yml (see --help)');
    throw new UsageError(found ? `--project: ${found.config} has no "projects"` : '--project: no configuration file found (see --init)');
  }
  const chosen = [...new Set(options.projects ?? names)];
  const unknown = chosen.find((name) => !found.projects.has(name));
  if (unknown !== undefined) throw new UsageError(`unknown project "${unknown}"; ${found.config} has ${names.map((name) => `"${name}"`).join(', ')}`);
  return chosen.map((name) => found.projects.get(name)!);
}
