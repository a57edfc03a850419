import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './run.js';

const CONFIG = JSON.stringify({
  environments: { 'deploy/staging/**/*.yml': 'prod' },
  rules: { 'compose/healthcheck': { prod: 'error', dev: 'info' }, 'nginx/timeouts': 'off' },
});

describe('--print-config <file>', () => {
  const dir = tempProject({ '.escashoprc.json': CONFIG, 'deploy/staging/app/compose.dev.yml': 'services: {}\n' });

  it('prints the configuration file, the environment and every check\'s level that the file is linted with', () => {
    const run = runCli(['--print-config', 'deploy/staging/app/compose.dev.yml'], { cwd: dir });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const printed = JSON.parse(run.stdout) as { file: string; config: string | null; environment: string; rules: Record<string, string> };
    // The config's glob makes it prod, whatever its name says.
    expect(printed).toMatchObject({ file: 'deploy/staging/app/compose.dev.yml', config: '.escashoprc.json', environment: 'prod' });
    expect(printed.rules).toMatchObject({ 'compose/healthcheck': 'error', 'nginx/timeouts': 'off', 'compose/no-source-bind-mount': 'error', 'core/yaml': 'error' });
    expect(Object.keys(printed.rules)).toEqual(Object.keys(printed.rules).sort());
  });

  it('goes by the name alone without a configuration, for a file that need not exist', () => {
    const printed = JSON.parse(runCli(['--no-config', '--print-config', 'compose.dev.yml'], { cwd: dir }).stdout) as { config: string | null; environment: string; rules: Record<string, string> };
    expect(printed).toMatchObject({ config: null, environment: 'dev' });
    expect(printed.rules['compose/no-source-bind-mount']).toBe('off');
    expect(printed.rules['compose/healthcheck']).toBe('off');
  });

  it('lints nothing, and is a usage error with files or another mode', () => {
    expect(runCli(['--print-config', 'a.yml', 'b.yml'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --print-config lints nothing: leave out the files ("b.yml")\n' });
    expect(runCli(['--print-config', 'a.yml', '--list-rules'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --list-rules and --print-config cannot be combined\n' });
  });
});
