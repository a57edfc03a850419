import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { format } from '../../src/index.js';
import { lint, resolveConfig, rulesOfConfig } from '../../src/lint.js';
import { runCli } from '../cli/run.js';
import { configError, project } from './helpers.js';

/**
 * The rules a configuration defines (its policies and its plugins' rules) run like built-in ones:
 * levels, overrides, suppressions, SARIF descriptors, --list-rules, --explain, --print-config, the
 * cache and threads. The policy language itself is tested in test/policies/, plugin loading in test/plugins/.
 */

const POLICY = `policies:
  team/log-level:
    description: Production services log at info
    environments: [prod]
    severity: error
    docs: https://wiki.example.com/logging
    message: "{{service}} logs at {{value}}"
    assert:
      path: environment.LOG_LEVEL
      equals: info
`;

const COMPOSE = `services:
  api:
    image: node:20.11.1
    environment:
      LOG_LEVEL: debug
`;

const summary = (f: { ruleId: string; severity: string; file: string; range: { start: { line: number; column: number } }; message: string }) =>
  `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId} ${f.message}`;

const policyFindings = async (dir: string, targets: string[] = ['docker-compose.prod.yml'], options = {}) =>
  (await lint(targets, { cwd: dir, ...options })).findings.filter((f) => f.ruleId.startsWith('team/') || f.ruleId === 'core/rule-error').map(summary);

describe('a policy of the configuration', () => {
  it('reports at the value, at its own level, and comes with its metadata', async () => {
    const dir = project({ '.escashoprc.yaml': POLICY, 'docker-compose.prod.yml': COMPOSE });
    const result = await lint(['docker-compose.prod.yml'], { cwd: dir });
    expect(result.findings.filter((f) => f.ruleId === 'team/log-level').map(summary)).toEqual(['docker-compose.prod.yml:5:18 error team/log-level api logs at debug']);
    expect(result.rules?.map((m) => [m.id, m.description, m.docs])).toEqual([['team/log-level', 'Production services log at info', 'https://wiki.example.com/logging']]);
  });

  it('runs only where its environments say', async () => {
    const dir = project({ '.escashoprc.yaml': POLICY, 'docker-compose.dev.yml': COMPOSE });
    expect(await policyFindings(dir, ['docker-compose.dev.yml'])).toEqual([]);
  });

  it('takes its level from rules and overrides, like a built-in rule', async () => {
    const off = project({ '.escashoprc.yaml': `${POLICY}rules:\n  team/log-level: warning\noverrides:\n  - files: legacy/*.yml\n    rules: { team/log-level: "off" }\n`, 'docker-compose.prod.yml': COMPOSE, 'legacy/docker-compose.prod.yml': COMPOSE });
    expect(await policyFindings(off, ['docker-compose.prod.yml', 'legacy/docker-compose.prod.yml'])).toEqual(['docker-compose.prod.yml:5:18 warning team/log-level api logs at debug']);
  });

  it('is suppressed by an inline directive naming its id, which is no unknown rule', async () => {
    const dir = project({
      '.escashoprc.yaml': POLICY,
      'docker-compose.prod.yml': COMPOSE.replace('      LOG_LEVEL: debug', '      # escashop-lint-disable-next-line team/log-level -- verbose until launch\n      LOG_LEVEL: debug'),
    });
    const result = await lint(['docker-compose.prod.yml'], { cwd: dir });
    expect(result.findings.filter((f) => f.ruleId === 'team/log-level' || f.ruleId === 'core/directive')).toEqual([]);
    expect(result.suppressed?.map((s) => s.finding.ruleId)).toEqual(['team/log-level']);
  });

  it('is described in SARIF with its docs link', async () => {
    const dir = project({ '.escashoprc.yaml': POLICY, 'docker-compose.prod.yml': COMPOSE });
    const sarif = JSON.parse(format(await lint(['docker-compose.prod.yml'], { cwd: dir }), 'sarif', { cwd: dir }));
    const descriptor = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'team/log-level');
    expect(descriptor).toMatchObject({ id: 'team/log-level', shortDescription: { text: 'Production services log at info.' }, helpUri: 'https://wiki.example.com/logging', defaultConfiguration: { level: 'error' } });
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'team/log-level');
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 5, startColumn: 18 });
  });

  it('is listed by --print-config and rulesOfConfig', async () => {
    const dir = project({ '.escashoprc.yaml': POLICY, 'docker-compose.prod.yml': COMPOSE });
    expect((await resolveConfig('docker-compose.prod.yml', { cwd: dir })).rules['team/log-level']).toBe('error');
    expect((await resolveConfig('docker-compose.dev.yml', { cwd: dir })).rules['team/log-level']).toBe('off');
    expect((await rulesOfConfig({ cwd: dir })).map((m) => m.id)).toEqual(['team/log-level']);
    expect(await rulesOfConfig({ cwd: dir, useConfig: false })).toEqual([]);
  });

  it('is cached with its metadata, and a changed policy lints again', async () => {
    const dir = project({ '.escashoprc.yaml': POLICY, 'docker-compose.prod.yml': COMPOSE });
    const cacheLocation = path.join(dir, '.cache');
    const first = await lint(['docker-compose.prod.yml'], { cwd: dir, cache: true, cacheLocation });
    const second = await lint(['docker-compose.prod.yml'], { cwd: dir, cache: true, cacheLocation });
    expect(second.cache?.hit).toBe(true);
    expect(second.rules).toEqual(first.rules);
    expect(second.findings).toEqual(first.findings);
  });

  it('runs in worker threads too, its metadata merged once', async () => {
    const dir = project({ '.escashoprc.yaml': POLICY, 'a/docker-compose.prod.yml': COMPOSE, 'b/docker-compose.prod.yml': COMPOSE });
    const targets = ['a/docker-compose.prod.yml', 'b/docker-compose.prod.yml'];
    const threaded = await lint(targets, { cwd: dir, concurrency: 2 });
    const serial = await lint(targets, { cwd: dir });
    expect(threaded.findings).toEqual(serial.findings);
    expect(threaded.rules?.map((m) => m.id)).toEqual(['team/log-level']);
  });

  it('of a configuration extended is replaced by one of the same id in the extending one', async () => {
    const dir = project({
      'base.yaml': POLICY,
      '.escashoprc.yaml': `extends: ./base.yaml\npolicies:\n  team/log-level:\n    description: Production services log at warn\n    assert: { path: environment.LOG_LEVEL, equals: warn }\n    message: "{{service}} logs at {{value}}"\n`,
      'docker-compose.prod.yml': COMPOSE,
    });
    expect(await policyFindings(dir)).toEqual(['docker-compose.prod.yml:5:18 warning team/log-level api logs at debug']);
  });

  it('may be given a level by the configuration that defines it or one that extends it', async () => {
    const dir = project({ 'base.yaml': POLICY, '.escashoprc.yaml': 'extends: ./base.yaml\nrules:\n  team/log-level: info\n', 'docker-compose.prod.yml': COMPOSE });
    expect(await policyFindings(dir)).toEqual(['docker-compose.prod.yml:5:18 info team/log-level api logs at debug']);
  });
});

describe('configuration errors about custom rules', () => {
  it('a rule id in rules that nothing defines, with the nearest id', async () => {
    const dir = project({ '.escashoprc.yaml': `${POLICY}rules:\n  team/log-levels: error\n`, 'docker-compose.prod.yml': COMPOSE });
    expect(await configError(lint(['.'], { cwd: dir }))).toBe('.escashoprc.yaml:12:3: unknown rule "team/log-levels" (did you mean "team/log-level"?)');
  });

  it('a policy in a built-in namespace', async () => {
    const dir = project({ '.escashoprc.yaml': POLICY.replace('team/log-level', 'compose/log-level'), 'docker-compose.prod.yml': COMPOSE });
    expect(await configError(lint(['.'], { cwd: dir }))).toBe('.escashoprc.yaml:2:3: policy "compose/log-level" takes the namespace "compose/" of the built-in checks; choose another');
  });

  it('a policy the extended configuration does not know cannot be levelled there', async () => {
    const dir = project({ 'base.yaml': 'rules:\n  team/log-level: error\n', '.escashoprc.yaml': `extends: ./base.yaml\n${POLICY}`, 'docker-compose.prod.yml': COMPOSE });
    expect(await configError(lint(['docker-compose.prod.yml'], { cwd: dir }))).toBe('base.yaml:2:3: unknown rule "team/log-level"');
  });
});

describe('the command line', () => {
  const files = project({ '.escashoprc.yaml': POLICY, 'docker-compose.prod.yml': COMPOSE });

  it('--list-rules lists the policy with the built-in rules', () => {
    const run = runCli(['--list-rules', '--format', 'json'], { cwd: files });
    expect(run.status).toBe(0);
    const listed = JSON.parse(run.stdout).find((r: { id: string }) => r.id === 'team/log-level');
    expect(listed).toMatchObject({ kind: 'rule', description: 'Production services log at info', severity: 'error', environments: { prod: 'error', dev: 'off', test: 'off' }, docs: 'https://wiki.example.com/logging' });
    expect(runCli(['--list-rules', '--no-config', '--format', 'json'], { cwd: files }).stdout).not.toContain('team/log-level');
  });

  it('--explain prints the policy\'s metadata and its docs link', () => {
    const run = runCli(['--explain', 'team/log-level'], { cwd: files });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# team\/log-level\n\n> Production services log at info\.\n/);
    expect(run.stdout).toContain('prod: **error** · dev: **off** · test: **off**');
    expect(run.stdout.trimEnd().endsWith('Documentation: https://wiki.example.com/logging')).toBe(true);
  });

  it('lints with the policy and exits 1 on its error', () => {
    const run = runCli(['--format', 'compact', 'docker-compose.prod.yml'], { cwd: files });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('docker-compose.prod.yml: line 5, col 18, Error - api logs at debug (team/log-level)');
    expect(run.status).toBe(1);
  });

  it('a baseline holds the policy\'s findings like any other: adopted, then only new ones reported', () => {
    const dir = project({ '.escashoprc.yaml': POLICY, 'docker-compose.prod.yml': COMPOSE });
    const written = runCli(['--write-baseline', 'baseline.json', 'docker-compose.prod.yml'], { cwd: dir });
    expect(written.status).toBe(0);
    const entries = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8')).findings as { ruleId: string }[];
    expect(entries.filter((e) => e.ruleId === 'team/log-level')).toHaveLength(1);
    const again = runCli(['--baseline', 'baseline.json', '--format', 'json', 'docker-compose.prod.yml'], { cwd: dir });
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).results).toEqual([]);
    writeFileSync(path.join(dir, 'docker-compose.prod.yml'), COMPOSE.replace('  api:', '  worker:\n    image: node:20.11.1\n    environment:\n      LOG_LEVEL: trace\n  api:'));
    const changed = runCli(['--baseline', 'baseline.json', '--format', 'compact', 'docker-compose.prod.yml'], { cwd: dir });
    expect(changed.stdout).toContain('docker-compose.prod.yml: line 5, col 18, Error - worker logs at trace (team/log-level)');
    expect(changed.stdout).not.toContain('api logs at debug');
    expect(changed.status).toBe(1);
  });

  it('a broken policy is one line with its place, exit 2', () => {
    const broken = project({ '.escashoprc.yaml': POLICY.replace('equals: info', 'matches: "(info"'), 'docker-compose.prod.yml': COMPOSE });
    const run = runCli(['docker-compose.prod.yml'], { cwd: broken });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toMatch(/^escashop-lint: \.escashoprc\.yaml:10:\d+: .*team\/log-level/);
  });
});

describe('README: write your own policy', () => {
  const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Write your own policy'));
  const policies = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  const shown = /```console\n[^\n]*\n[^\n]*\n  …\n  (\d+:\d+)\s+(\w+)\s+(.*?)  (\S+)\n/.exec(section)!;

  it('its policies give the finding it shows on the unhardened stack, and none on the hardened one', async () => {
    const dir = project({ '.escashoprc.yaml': policies });
    const config = path.join(dir, '.escashoprc.yaml');
    const custom = async (file: string) => (await lint([`fixtures/escashop/${file}`], { cwd: PACKAGE_ROOT, config })).findings.filter((f) => f.ruleId.startsWith('escashop/'));
    const found = (await custom('docker-compose.prod.yml')).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.message} ${f.ruleId}`);
    expect(found).toContain(`${shown[1]} ${shown[2]} ${shown[3]} ${shown[4]}`);
    expect(await custom('docker-compose.prod.improved.yml')).toEqual([]);
  });
});
