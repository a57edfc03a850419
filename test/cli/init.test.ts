import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { environmentGlobs } from '../../src/config/init.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { runCli, tempProject } from './run.js';

const seed = (name: string) => readFileSync(path.join(PACKAGE_ROOT, 'fixtures/escashop', name), 'utf8');
const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/escashoprc.schema.json'), 'utf8')) as { $id: string };

describe('--init', () => {
  it('writes a starter .escashoprc.json from the compose files found, prints it, and --print-config reads it back', () => {
    const dir = tempProject({
      'package.json': '{"name":"escashop"}',
      'docker-compose.dev.yml': seed('docker-compose.dev.yml'),
      'docker-compose.dev.improved.yml': seed('docker-compose.dev.improved.yml'),
      'docker-compose.prod.yml': seed('docker-compose.prod.yml'),
      'docker-compose.prod.improved.yml': seed('docker-compose.prod.improved.yml'),
      // A base with an override beside it, and an override whose services have no image.
      'docker-compose.yml': 'services:\n  proxy:\n    image: traefik:v3.1\n  backend:\n    image: escashop/backend:1.0.0\n',
      'docker-compose.override.yml': 'services:\n  backend:\n    environment:\n      LOG_LEVEL: debug\n',
      'docker-compose.staging.yml': 'services:\n  backend:\n    environment:\n      LOG_LEVEL: info\n',
      'ci/docker-compose.test.yml': 'services:\n  e2e:\n    image: cypress/included:13.6.0\n',
    });
    const run = runCli(['--init'], { cwd: dir });
    expect(run).toMatchObject({ status: 0, stderr: 'escashop-lint: wrote .escashoprc.json\n' });
    const written = readFileSync(path.join(dir, '.escashoprc.json'), 'utf8');
    expect(run.stdout).toBe(written);
    expect(JSON.parse(written)).toEqual({
      $schema: schema.$id,
      extends: ['recommended'],
      environments: {
        'ci/docker-compose.test*.yml': 'test',
        'docker-compose.dev*.yml': 'dev',
        'docker-compose.override*.yml': 'dev',
        'docker-compose.prod*.yml': 'prod',
        'docker-compose.staging*.yml': 'prod',
        'docker-compose.yml': 'prod',
      },
      // The nginx service of the prod stacks, and traefik by its image.
      ingress: ['nginx', 'proxy'],
      projects: {
        override: { files: ['docker-compose.yml', 'docker-compose.override.yml'] },
        staging: { files: ['docker-compose.yml', 'docker-compose.staging.yml'] },
      },
    });
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas/escashoprc.schema.json'), 'utf8')), JSON.parse(written)), ajv.errorsText()).toBe(true);
    const printed = runCli(['--print-config', 'docker-compose.prod.improved.yml'], { cwd: dir });
    expect(printed).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(printed.stdout)).toMatchObject({ config: '.escashoprc.json', extends: ['recommended'], environment: 'prod', ingress: ['nginx', 'proxy'] });
    // The projects it wrote lint as they are.
    expect(runCli(['--project', 'staging', '--format', 'compact'], { cwd: dir }).status).toBe(1);
  });

  it('points $schema into node_modules when escashop-lint is installed there', () => {
    const dir = tempProject({ 'node_modules/escashop-lint/schemas/escashoprc.schema.json': '{}' });
    expect(runCli(['--init'], { cwd: dir }).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, '.escashoprc.json'), 'utf8'))).toEqual({
      $schema: './node_modules/escashop-lint/schemas/escashoprc.schema.json',
      extends: ['recommended'],
    });
  });

  it('refuses, in one line with exit 2, where a configuration exists, and changes nothing', () => {
    for (const [name, text, what] of [
      ['.escashoprc.yaml', 'rules: {}\n', '.escashoprc.yaml already exists'],
      ['.escashoprc.json', '{}', '.escashoprc.json already exists'],
      ['escashop.config.mjs', 'export default {};\n', 'escashop.config.mjs already exists'],
      ['package.json', '{"name":"x","escashop":{}}', 'package.json has an "escashop" configuration'],
    ] as const) {
      const dir = tempProject({ [name]: text });
      expect(runCli(['--init'], { cwd: dir }), name).toEqual({ status: 2, stdout: '', stderr: `escashop-lint: ${what}; --init writes a configuration only where there is none\n` });
      expect(readFileSync(path.join(dir, name), 'utf8')).toBe(text);
      if (name !== '.escashoprc.json') expect(existsSync(path.join(dir, '.escashoprc.json'))).toBe(false);
    }
    // A package.json without "escashop" is no configuration.
    const plain = tempProject({ 'package.json': '{"name":"x"}' });
    expect(runCli(['--init'], { cwd: plain }).status).toBe(0);
  });

  it('is a usage error with files or another mode', () => {
    const dir = tempProject({});
    expect(runCli(['--init', 'compose.yml'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --init lints nothing: leave out the files ("compose.yml")\n' });
    expect(runCli(['--init', '--list-rules'], { cwd: dir })).toMatchObject({ status: 2, stderr: 'escashop-lint: --list-rules and --init cannot be combined\n' });
  });
});

describe('environmentGlobs', () => {
  it('uses a family glob only when every file it matches is in one environment', () => {
    expect(environmentGlobs(['docker-compose.prod.yml', 'docker-compose.prod.debug.yml', 'compose.yaml'])).toEqual({
      'docker-compose.prod.yml': 'prod',
      'docker-compose.prod.debug.yml': 'dev',
      'compose.yaml': 'prod',
    });
    expect(environmentGlobs(['deploy/compose.ci.yml', 'deploy/compose.ci.local.yml'])).toEqual({ 'deploy/compose.ci*.yml': 'test' });
  });
});

