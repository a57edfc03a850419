import { describe, expect, it } from 'vitest';
import { CLEAN, ONE_WARNING, runCli, tempProject } from './run.js';

const CONFIG = JSON.stringify({
  projects: {
    prod: { files: ['compose.yml', 'compose.prod.yml'], envFiles: ['.env.prod'] },
    worker: { files: ['deploy/worker.yml'] },
  },
});

/** The files of a compact report, one per finding. */
const files = (stdout: string) => [...new Set(stdout.split('\n').filter((line) => line.includes(': line ')).map((line) => line.slice(0, line.indexOf(':'))))];

describe('projects of the configuration', () => {
  const dir = tempProject({
    'package.json': '{"name":"x"}',
    '.escashoprc.json': CONFIG,
    'compose.yml': CLEAN,
    'compose.prod.yml': 'services:\n  api:\n    image: example/api:${API_TAG}\n',
    '.env.prod': 'API_TAG=1.4.3\n',
    'deploy/worker.yml': ONE_WARNING,
  });

  it('without paths, every project of the configuration found from the current folder is linted', () => {
    const run = runCli(['--format', 'compact'], { cwd: dir });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(files(run.stdout)).toEqual([`${dir}/deploy/worker.yml`]);
    expect(run.stdout).toContain('service "worker" has no healthcheck');
  });

  it('--project lints only the projects named, with their env files', () => {
    // The env file sets API_TAG: without it the merged project has an unset variable.
    expect(runCli(['--project', 'prod', '--format', 'compact'], { cwd: dir })).toEqual({ status: 0, stderr: '', stdout: '' });
    expect(runCli(['-f', 'compose.yml', '-f', 'compose.prod.yml', '--format', 'compact'], { cwd: dir }).stdout).toContain('API_TAG');
    const worker = runCli(['--project', 'worker', '--project', 'worker', '--format', 'compact'], { cwd: dir });
    expect(files(worker.stdout)).toEqual([`${dir}/deploy/worker.yml`]);
  });

  it('an unknown project is a usage error listing the known ones', () => {
    expect(runCli(['--project', 'staging'], { cwd: dir })).toMatchObject({ status: 2, stdout: '', stderr: 'escashop-lint: unknown project "staging"; .escashoprc.json has "prod", "worker"\n' });
  });

  it('--project is a usage error with paths, -f or --no-config', () => {
    expect(runCli(['--project', 'prod', 'compose.yml'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --project lints projects of the configuration: leave out the files ("compose.yml")\n' });
    expect(runCli(['--project', 'prod', '-f', 'compose.yml'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --project lints projects of the configuration: leave out the files ("compose.yml")\n' });
    expect(runCli(['--project', 'prod', '--no-config'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --project names projects of the configuration, and --no-config ignores it\n' });
    expect(runCli(['--project', ''], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --project needs a project name, e.g. --project prod\n' });
  });

  it('without projects in the configuration, no paths stays the usage error "no files given"', () => {
    const bare = tempProject({ 'package.json': '{"name":"x"}', '.escashoprc.json': '{"rules": {}}' });
    expect(runCli([], { cwd: bare })).toMatchObject({ status: 2, stderr: 'escashop-lint: no files given; try: escashop-lint docker-compose.yml (see --help)\n' });
    expect(runCli(['--project', 'prod'], { cwd: bare })).toMatchObject({ status: 2, stderr: 'escashop-lint: --project: .escashoprc.json has no "projects"\n' });
    expect(runCli(['--no-config'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: no files given; try: escashop-lint docker-compose.yml (see --help)\n' });
  });
});
