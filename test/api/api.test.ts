import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checks,
  ConfigError,
  CORE_CHECKS,
  defineRule,
  format,
  FORMAT_NAMES,
  FORMATTERS,
  lint,
  NoComposeFilesError,
  NoMatchingFilesError,
  resolveConfig,
  rules,
  type Finding,
} from 'escashop-lint';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { CLEAN, ONE_ERROR, ONE_WARNING, tempProject } from '../cli/run.js';

/** The one finding of ONE_ERROR in docker-compose.yml. */
const ROOT_USER: Finding = {
  ruleId: 'compose/non-root-user',
  severity: 'error',
  message: 'service "api" runs as root ("user: root")',
  file: 'docker-compose.yml',
  range: { start: { line: 4, column: 11 }, end: { line: 4, column: 15 } },
  related: [],
};

describe('import { lint } from "escashop-lint"', () => {
  it('lints a project as the command line does, with exact findings', async () => {
    const dir = realpathSync(tempProject({ 'docker-compose.yml': ONE_ERROR }));
    const result = await lint(['docker-compose.yml'], { cwd: dir, useConfig: false });
    expect(result.findings).toEqual([ROOT_USER]);
    expect(result.files).toEqual([{ file: 'docker-compose.yml', findings: [ROOT_USER] }]);
    expect(format(result, 'compact', { cwd: dir })).toBe(`${path.join(dir, 'docker-compose.yml')}: line 4, col 11, Error - service "api" runs as root ("user: root") (compose/non-root-user)\n\n1 problem\n`);
  });

  it('is the module plain Node loads through the package name, with the same result', async () => {
    const dir = realpathSync(tempProject({ 'docker-compose.yml': ONE_ERROR }));
    const script = `import { lint } from 'escashop-lint';
const result = await lint(['docker-compose.yml'], { cwd: ${JSON.stringify(dir)}, useConfig: false });
process.stdout.write(JSON.stringify(result.findings));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([ROOT_USER]);
  });

  it('format() masks secrets in code frames, also those of findings filtered out of `findings`', async () => {
    const dir = realpathSync(tempProject({ 'docker-compose.yml': CLEAN.replace('    expose:', '    environment: {API_TOKEN: Zq1-api-token-value}\n    expose:') }));
    const result = await lint(['docker-compose.yml'], { cwd: dir, useConfig: false });
    expect(result.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.column, f.redact])).toEqual([['compose/no-plaintext-secrets', 9, 30, [{ start: { line: 9, column: 30 }, end: { line: 9, column: 49 } }]]]);
    const masked = '    9 |     environment: {API_TOKEN: *******************}\n';
    expect(format(result, 'text', { cwd: dir, codeFrame: true })).toContain(masked);
    // Another finding on the line, without the secret's range: the line is still masked, from `files`.
    const { redact: _, ...other } = { ...result.findings[0]!, ruleId: 'team/other', message: 'another finding on the line' };
    const framed = format({ ...result, findings: [other] }, 'text', { cwd: dir, codeFrame: true });
    expect(framed).toContain('team/other');
    expect(framed).toContain(masked);
    for (const name of FORMAT_NAMES) expect(format(result, name, { cwd: dir, codeFrame: true })).not.toContain('Zq1');
  });

  it('reads the configuration afresh on each call (a long-running process)', async () => {
    const dir = realpathSync(tempProject({ 'docker-compose.yml': ONE_WARNING }));
    const config = path.join(dir, '.escashoprc.json');
    expect((await lint(['docker-compose.yml'], { cwd: dir })).findings.map((f) => f.ruleId)).toEqual(['compose/healthcheck']);
    writeFileSync(config, '{"rules": {"compose/healthcheck": "off"}}\n');
    expect((await lint(['docker-compose.yml'], { cwd: dir })).findings).toEqual([]);
    expect((await resolveConfig('docker-compose.yml', { cwd: dir })).rules['compose/healthcheck']).toBe('off');
    writeFileSync(config, '{"rules": {"compose/healthcheck": "off"}, "colour": true}\n');
    await expect(lint(['docker-compose.yml'], { cwd: dir })).rejects.toThrow(ConfigError);
    rmSync(config);
    expect((await lint(['docker-compose.yml'], { cwd: dir })).findings.map((f) => f.ruleId)).toEqual(['compose/healthcheck']);
  });

  it('throws NoComposeFilesError for a folder without compose files, NoMatchingFilesError (a kind of it) for a glob matching nothing', async () => {
    const dir = realpathSync(tempProject({ 'empty/README.md': '# nothing\n' }));
    await expect(lint(['empty'], { cwd: dir })).rejects.toThrow(new NoComposeFilesError('no compose files in empty (looked for compose*.y*ml and docker-compose*.y*ml)'));
    const glob = lint(['deploy/**/compose*.yml'], { cwd: dir });
    await expect(glob).rejects.toThrow(NoMatchingFilesError);
    await expect(glob).rejects.toThrow(NoComposeFilesError);
    await expect(glob).rejects.toThrow('no files match deploy/**/compose*.yml');
  });

  it('runs the rules given, custom ones made with defineRule included', async () => {
    const dir = realpathSync(tempProject({ 'docker-compose.yml': ONE_ERROR }));
    const pinned = defineRule({
      meta: { id: 'team/registry', description: 'images come from the team registry', severity: 'warning', tags: ['supply-chain'] },
      create: (context) => ({
        service(service) {
          if (!service.image?.value.startsWith('registry.example.com/')) context.report({ at: service.image ?? service.key, message: `service "${service.name}" does not pull from registry.example.com` });
        },
      }),
    });
    const result = await lint(['docker-compose.yml'], { cwd: dir, useConfig: false, rules: [pinned] });
    expect(result.findings).toEqual([
      { ruleId: 'team/registry', severity: 'warning', message: 'service "api" does not pull from registry.example.com', file: 'docker-compose.yml', range: { start: { line: 3, column: 12 }, end: { line: 3, column: 29 } }, related: [] },
    ]);
    expect(JSON.parse(format(result, 'sarif', { cwd: dir, rules: [pinned] })).runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('team/registry');
  });

  it('lists the formats and checks the command line knows', () => {
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(FORMATTERS).sort());
    expect(checks().map((m) => m.id)).toEqual([...CORE_CHECKS, ...rules.map((r) => r.meta)].map((m) => m.id));
    const ids = rules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(() => format({ files: [], findings: [] }, 'html' as never)).toThrow(new TypeError('unknown format "html" (use text, json, sarif, github, compact)'));
  });
});

describe('RuleTester from "escashop-lint" in plain Node.js', () => {
  const rule = `defineRule({ meta: { id: 'acme/no-latest', description: 'images are pinned', severity: 'error', tags: [] }, create: (context) => ({ service(service) { if (!service.image.value.includes(':')) context.report({ at: service.image, message: 'no tag' }); } }) })`;
  const cases = `{ valid: [{ code: 'services:\\n  api:\\n    image: shop/api:1\\n' }], invalid: [{ code: 'services:\\n  api:\\n    image: shop/api\\n', errors: [{ line: 3, column: 12, message: 'no tag' }] }, { name: 'wrong column', code: 'services:\\n  api:\\n    image: shop/api\\n', errors: [{ line: 3, column: 1 }] }] }`;
  const node = (script: string, args: string[] = []) => spawnSync(process.execPath, [...args, '--input-type=module', '-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });

  it('without a test framework: run() rejects with an AssertionError at the first case that differs', () => {
    const run = node(`import { AssertionError, defineRule, RuleTester } from 'escashop-lint';
try {
  await new RuleTester().run(${rule}, ${cases});
} catch (error) {
  process.stdout.write(\`\${error instanceof AssertionError} \${error.message.split('\\n')[0]}\`);
}`);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('true acme/no-latest invalid #2: wrong column: expected 1 finding, got 1 that differ: docker-compose.yml:3:12-3:20 error no tag');
  });

  it("with node:test's describe and it: one test per case", () => {
    const run = node(`import { describe, it } from 'node:test';
import { defineRule, RuleTester } from 'escashop-lint';
RuleTester.describe = describe;
RuleTester.it = it;
new RuleTester().run(${rule}, ${cases});`, ['--test-reporter=tap']);
    expect(run.stdout.split('\n').filter((line) => /^\s*(not )?ok /.test(line))).toEqual(['    ok 1 - valid \\#1', '    ok 2 - invalid \\#1', '    not ok 3 - invalid \\#2: wrong column', 'not ok 1 - acme/no-latest']);
    expect(run.status).toBe(1);
  });
});

describe('globs as paths', () => {
  it('lint() expands a glob to the files it matches, in path order, skipping node_modules and dot-folders', async () => {
    const dir = realpathSync(tempProject({}));
    for (const file of ['deploy/b/docker-compose.yml', 'deploy/a/docker-compose.prod.yml', 'deploy/docker-compose.yml', 'deploy/node_modules/x/docker-compose.yml', 'deploy/.old/docker-compose.yml', 'deploy/a/compose.yaml']) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), CLEAN);
    }
    const result = await lint(['deploy/**/docker-compose*.yml'], { cwd: dir, useConfig: false });
    expect(result.files.map((f) => f.file)).toEqual(['deploy/a/docker-compose.prod.yml', 'deploy/b/docker-compose.yml', 'deploy/docker-compose.yml']);
  });
});
