import { describe, expect, it } from 'vitest';
import { format } from '../../src/index.js';
import { lint } from '../../src/lint.js';
import { runCli } from '../cli/run.js';
import { rangeOf } from '../host-project.js';
import { pluginProject, pluginSource, ruleSource } from './helpers.js';

/** Plugins through a configuration, as a project uses them: lint(), the reports, the built CLI. */

const COMPOSE = `services:
  api:
    image: registry.example.com/shop/backend:1.4.2
  worker:
    image: registry.example.com/shop/backend:1.4.1
  web:
    image: nginx:1.27.3
    volumes: ["./nginx/nginx.conf:/etc/nginx/nginx.conf:ro"]
`;

const NGINX = `events {}
http {
  server {
    listen 80;
    client_max_body_size 50m;
    location /api/ { proxy_pass http://api:8080; }
  }
}
`;

/** A local plugin: a rule that names each service without a `restart:` policy. */
const LOCAL = pluginSource(`{
  restart: ${ruleSource('acme/restart', '', `(context) => ({
    service(service) {
      if (!service.get('restart')) context.report({ at: service.key, message: \`service "\${service.name}" has no restart policy\` });
    },
  })`)},
}`);

const CONFIG = `{
  "plugins": [
    "escashop-plugin-example",
    "./lint/local-rules.js"
  ],
  "rules": {
    "example/one-backend-version": "warning",
    "example/upload-limit": { "prod": "error", "options": { "max": "20m" } },
    "acme/restart": { "prod": "info" }
  }
}
`;

/** Each finding of a plugin rule or a core check: `file range severity rule message`. */
const summary = (findings: readonly { ruleId: string; file: string; severity: string; message: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }[]) =>
  findings.filter((f) => !f.ruleId.startsWith('compose/') && !f.ruleId.startsWith('nginx/')).map((f) => `${f.file} ${rangeOf(f)} ${f.severity} ${f.ruleId} ${f.message}`);

describe('plugins listed in a configuration', () => {
  const project = (files: Record<string, string> = {}) =>
    pluginProject({ 'docker-compose.yml': COMPOSE, 'nginx/nginx.conf': NGINX, '.escashoprc.json': CONFIG, 'lint/local-rules.js': LOCAL, ...files });

  it('run beside the built-in rules, at the levels and with the options `rules` gives them', async () => {
    const result = await lint(['docker-compose.yml'], { cwd: project() });
    expect(summary(result.findings)).toEqual([
      'docker-compose.yml 2:3-2:6 info acme/restart service "api" has no restart policy',
      'docker-compose.yml 4:3-4:9 info acme/restart service "worker" has no restart policy',
      'docker-compose.yml 5:46-5:51 warning example/one-backend-version service "worker" runs registry.example.com/shop/backend 1.4.1, but service "api" runs 1.4.2: services of one repository are released together',
      'docker-compose.yml 6:3-6:6 info acme/restart service "web" has no restart policy',
      'nginx/nginx.conf 5:26-5:29 error example/upload-limit "client_max_body_size 50m" lets clients send service "api" bodies up to 50m, above the team limit of 20m',
    ]);
    expect(result.rules?.map((meta) => meta.id)).toEqual(['acme/restart', 'example/one-backend-version', 'example/upload-limit']);
  });

  it('are suppressed by their rule ids, and described in SARIF', async () => {
    const dir = project({ 'docker-compose.yml': COMPOSE.replace('  worker:\n', '  worker:  # escashop-lint-disable-line acme/restart\n').replace('    image: registry.example.com/shop/backend:1.4.1\n', '    # escashop-lint-disable-next-line example/one-backend-version\n    image: registry.example.com/shop/backend:1.4.1\n') });
    const result = await lint(['docker-compose.yml'], { cwd: dir });
    expect(summary(result.findings).map((line) => line.split(' ').slice(0, 4).join(' '))).toEqual([
      'docker-compose.yml 2:3-2:6 info acme/restart',
      'docker-compose.yml 7:3-7:6 info acme/restart',
      'nginx/nginx.conf 5:26-5:29 error example/upload-limit',
    ]);
    expect((result.suppressed ?? []).map((s) => `${s.finding.ruleId} ${rangeOf(s.finding)}`)).toEqual(['acme/restart 4:3-4:9', 'example/one-backend-version 6:46-6:51']);
    const sarif = JSON.parse(format(result, 'sarif', { cwd: dir })) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string }[] }[] };
    const described = sarif.runs[0]!.tool.driver.rules.filter((r) => /^(acme|example)\//.test(r.id));
    expect(described.map((r) => [r.id, r.shortDescription.text, r.defaultConfiguration.level])).toEqual([
      ['acme/restart', 'a team rule.', 'warning'],
      ['example/one-backend-version', 'Services that run the same image repository run the same version of it.', 'error'],
      ['example/upload-limit', 'An nginx location that passes requests to a compose service sets client_max_body_size, at most the team limit.', 'warning'],
    ]);
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('example/upload-limit');
  });

  it('a rule that throws is one core/rule-error at its plugin entry; every other rule still reports', async () => {
    const throwing = pluginSource(`[${ruleSource('acme/throws', '', `() => ({
      service(service) {
        if (service.name === 'worker') return service.healthcheck.test;
      },
    })`)}]`);
    const dir = project({ 'lint/local-rules.js': throwing, 'other/compose.yaml': COMPOSE, '.escashoprc.json': CONFIG.replace(',\n    "acme/restart": { "prod": "info" }', '') });
    const result = await lint(['docker-compose.yml', 'other/compose.yaml'], { cwd: dir });
    const error = "rule \"acme/throws\" of plugin \"./lint/local-rules.js\" failed: TypeError: Cannot read properties of undefined (reading 'test'); its findings for this project are missing";
    expect(summary(result.findings)).toEqual([
      `.escashoprc.json 4:5-4:28 error core/rule-error ${error}`,
      'docker-compose.yml 5:46-5:51 warning example/one-backend-version service "worker" runs registry.example.com/shop/backend 1.4.1, but service "api" runs 1.4.2: services of one repository are released together',
      'nginx/nginx.conf 5:26-5:29 error example/upload-limit "client_max_body_size 50m" lets clients send service "api" bodies up to 50m, above the team limit of 20m',
      'other/compose.yaml 5:46-5:51 warning example/one-backend-version service "worker" runs registry.example.com/shop/backend 1.4.1, but service "api" runs 1.4.2: services of one repository are released together',
    ]);

    const run = runCli(['--format', 'compact', 'docker-compose.yml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`.escashoprc.json: line 4, col 5, Error - ${error} (core/rule-error)\n`);
    expect(run.stdout).toContain('docker-compose.yml: line 5, col 46, Warning - service "worker" runs registry.example.com/shop/backend 1.4.1');
    expect(run.status).toBe(1);
  });

  it("a Text made by the plugin's own copy of escashop-lint is a Text to the engine: its variables' origins are related", async () => {
    // The plugin imports dist/ through node_modules, this test's engine is src/: two Text classes,
    // which the message shows (an `instanceof` check in the engine would miss the variable).
    const remade = `import { defineRule } from 'escashop-lint';
import { Text } from 'escashop-lint/rule-api';
export const rules = [${ruleSource('acme/remade', '', `(context) => ({
  service(service) {
    const text = Text.of(service.image.node);
    context.report({ at: text.slice(text.value.indexOf(':') + 1), message: \`another Text class: \${!(service.image instanceof Text)}\` });
  },
})`)}];
`;
    const dir = pluginProject({
      'docker-compose.yml': 'services:\n  api:\n    image: shop/api:${TAG}\n',
      '.env': 'TAG=1.4.2\n',
      '.escashoprc.json': '{ "plugins": ["./remade.js"] }\n',
      'remade.js': remade,
    });
    const finding = (await lint(['docker-compose.yml'], { cwd: dir })).findings.find((f) => f.ruleId === 'acme/remade')!;
    expect(`${rangeOf(finding)} ${finding.message}`).toBe('3:21-3:27 another Text class: true');
    expect(finding.related).toEqual([{ message: 'value of ${TAG} set here', file: '.env', range: { start: { line: 1, column: 5 }, end: { line: 1, column: 10 } } }]);
  });
});
