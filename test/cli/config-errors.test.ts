import { describe, expect, it } from 'vitest';
import { ONE_WARNING, runCli, tempProject } from './run.js';

describe('configuration on the command line', () => {
  it('every configuration error is one line naming file:line:column, exit 2', () => {
    const cases: [Record<string, string>, string][] = [
      [{ '.escashoprc.json': '{"extends": ["./b.json"]}', 'b.json': '{"extends": "./.escashoprc.json"}' }, 'b.json:1:13: extends cycle: .escashoprc.json → b.json → .escashoprc.json'],
      [{ '.escashoprc.json': '{\n  "extends": ["./missing.json"]\n}\n' }, '.escashoprc.json:2:15: cannot extend missing.json: configuration file not found'],
      [{ '.escashoprc.yaml': 'rules:\n  compose/healthcheck:\n    options: { exemptServicez: [a] }\n' }, '.escashoprc.yaml:3:16: unknown key "exemptServicez" in "rules.compose/healthcheck.options"'],
      [{ '.escashoprc.yaml': 'rules:\n  core/yaml: { options: {} }\n' }, '.escashoprc.yaml:2:16: rule "core/yaml" takes no options'],
      [{ '.escashoprc.yaml': 'secrets:\n  allowValues: ["a)"]\n' }, '.escashoprc.yaml:2:17: "secrets.allowValues[0]" is not a valid regular expression: Unmatched \')\''],
      [{ '.escashoprc.yaml': 'overrides:\n  - files: "*.yml"\n    environment: prd\n' }, '.escashoprc.yaml:3:18: "overrides[0].environment" must be one of "prod", "dev", "test"'],
    ];
    for (const [files, message] of cases) {
      const dir = tempProject({ 'package.json': '{"name":"x"}', 'compose.yml': ONE_WARNING, ...files });
      expect(runCli(['compose.yml'], { cwd: dir }), message).toEqual({ status: 2, stdout: '', stderr: `escashop-lint: ${message}\n` });
    }
  });

  it('an ignored file named on the command line is a core/ignored warning; --no-ignore lints it', () => {
    const dir = tempProject({ 'package.json': '{"name":"x"}', '.escashoprc.json': '{"ignore": ["legacy/**"]}', 'legacy/compose.yml': ONE_WARNING });
    const run = runCli(['--format', 'compact', 'legacy/compose.yml'], { cwd: dir });
    expect(run).toEqual({
      status: 0,
      stderr: '',
      stdout: `${dir}/legacy/compose.yml: line 1, col 1, Warning - not linted: ignored by "legacy/**" in .escashoprc.json; pass --no-ignore to lint it (core/ignored)\n\n1 problem\n`,
    });
    const all = runCli(['--format', 'compact', '--no-ignore', 'legacy/compose.yml'], { cwd: dir });
    expect(all.stdout).toContain('service "worker" has no healthcheck (compose/healthcheck)');
    expect(all.stdout).not.toContain('core/ignored');
    expect(runCli(['legacy'], { cwd: dir })).toMatchObject({ status: 0, stdout: '✔ no problems in 0 files\n' });
  });

  it('--print-config shows the extends chain, applied overrides, options, ingress and secrets', () => {
    const dir = tempProject({
      'package.json': '{"name":"x"}',
      '.escashoprc.yaml': [
        'extends: [strict, ./team/base.json]',
        'ingress: [edge]',
        'secrets: { allowNames: ["*_TTL"], allowValues: ["^test-"] }',
        'ignore: ["old/**"]',
        'overrides:',
        '  - files: "deploy/*.yml"',
        '    environment: dev',
        '    rules: { compose/healthcheck: { options: { exemptServices: [migrate] } } }',
        '  - files: "other/*.yml"',
        '    environment: test',
        '',
      ].join('\n'),
      'team/base.json': '{"extends": "recommended", "rules": {"compose/healthcheck": "error"}}',
    });
    const run = runCli(['--print-config', 'deploy/compose.yml'], { cwd: dir });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const printed = JSON.parse(run.stdout) as Record<string, unknown> & { rules: Record<string, string>; options: Record<string, unknown> };
    expect(Object.keys(printed)).toEqual(['file', 'config', 'extends', 'environment', 'overrides', 'ignored', 'ingress', 'secrets', 'rules', 'options']);
    expect(printed).toMatchObject({
      file: 'deploy/compose.yml',
      config: '.escashoprc.yaml',
      extends: ['strict', 'recommended', 'team/base.json'],
      environment: 'dev',
      overrides: [{ config: '.escashoprc.yaml', index: 0, files: ['deploy/*.yml'] }],
      ignored: null,
      ingress: ['edge'],
      secrets: { allowNames: ['*_TTL'], allowValues: ['^test-'] },
    });
    expect(printed.rules['compose/healthcheck']).toBe('error');
    expect(printed.options['compose/healthcheck']).toEqual({ exemptServices: ['migrate'] });
    expect(JSON.parse(runCli(['--print-config', 'old/compose.yml'], { cwd: dir }).stdout)).toMatchObject({ ignored: { glob: 'old/**', config: '.escashoprc.yaml' }, overrides: [] });
  });
});
