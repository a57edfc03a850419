import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { hostProject } from '../host-project.js';
import { configError, configText, line, policyFindings } from './helpers.js';

describe('secrets', () => {
  const files = {
    'compose.yaml': `services:
  api:
    image: node:20
    environment:
      DB_PASSWORD: Tr0ub4dor-and-3
      DATABASE_URL: postgresql://app:Corr3ct-horse@db:5432/app
      JWT_SECRET: \${JWT_SECRET}
      JWT_SECRET_FILE: /run/secrets/jwt
`,
    '.env': 'JWT_SECRET=s3cr3t-from-env-file\n',
  };

  it('a value that could be a secret shows as (secret) in every message, and its range is redacted', async () => {
    const findings = await policyFindings({
      'team/no-example': { description: 'x', message: '{{path}} = {{value}}', assert: [{ path: 'environment.*', matches: '^/' }, { path: 'environment.JWT_SECRET', present: false }] },
    }, files);
    expect(findings.map(line)).toEqual([
      'team/no-example 5:20-5:35 compose.yaml environment.DB_PASSWORD = (secret)',
      'team/no-example 6:21-6:63 compose.yaml environment.DATABASE_URL = (secret)',
      'team/no-example 7:7-7:17 compose.yaml environment.JWT_SECRET = (secret)',
      'team/no-example 7:19-7:32 compose.yaml environment.JWT_SECRET = (secret)',
    ]);
    expect(findings.map((f) => f.redact)).toEqual([
      [{ start: { line: 5, column: 20 }, end: { line: 5, column: 35 } }],
      [{ start: { line: 6, column: 38 }, end: { line: 6, column: 51 } }],
      [{ start: { line: 7, column: 19 }, end: { line: 7, column: 32 } }],
      [{ start: { line: 7, column: 19 }, end: { line: 7, column: 32 } }],
    ]);
    const json = JSON.stringify(findings);
    for (const secret of ['Tr0ub4dor', 'Corr3ct-horse', 's3cr3t-from-env-file']) expect(json).not.toContain(secret);
  });

  it('a short value of a key that names a secret is masked too: a weak password is still a password', async () => {
    const findings = await policyFindings(
      { 'team/p': { description: 'x', assert: { path: 'environment.REDIS_PASSWORD', matches: '^/run/secrets/' } } },
      { 'compose.yaml': 'services:\n  api:\n    image: node:20\n    environment:\n      REDIS_PASSWORD: admin\n' },
    );
    expect(findings.map(line)).toEqual(['team/p 5:23-5:28 compose.yaml service "api": environment.REDIS_PASSWORD is (secret); the policy wants a value matching ^/run/secrets/']);
    expect(JSON.stringify(findings.map((f) => f.message))).not.toContain('admin');
  });

  it('a generated message masks the value too; a path or a name about a secret is shown', async () => {
    const findings = await policyFindings({ 'team/p': { description: 'x', assert: [{ path: 'environment.DB_PASSWORD', equals: 'x' }, { path: 'environment.JWT_SECRET_FILE', equals: 'x' }] } }, files);
    expect(findings.map(line)).toEqual([
      'team/p 5:20-5:35 compose.yaml service "api": environment.DB_PASSWORD is (secret); the policy wants x',
      'team/p 8:24-8:40 compose.yaml service "api": environment.JWT_SECRET_FILE is /run/secrets/jwt; the policy wants x',
    ]);
  });
});

describe('messages', () => {
  const files = { 'compose.yaml': 'services:\n  api:\n    image: node:20\n    environment:\n      CORS_ORIGINS: http://a.ph,https://b.ph\n      LOG_LEVEL: debug\n' };

  it('fills {{service}}, {{path}}, {{value}} and {{expected}}; a condition\'s message replaces the policy\'s, and each\'s the condition\'s', async () => {
    const findings = await policyFindings({
      'team/p': {
        description: 'x',
        message: '{{service}} / {{path}} / {{value}} / {{ expected }}',
        assert: [
          { path: 'environment.LOG_LEVEL', equals: 'info' },
          { path: 'environment.LOG_LEVEL', oneOf: ['warn', 'error'], message: 'condition: {{value}} is not {{expected}}' },
          { path: 'environment.CORS_ORIGINS', split: ',', message: 'never used', each: { matches: '^https:', message: 'each: {{path}} {{value}}' } },
        ],
      },
    }, files);
    expect(findings.map(line)).toEqual([
      'team/p 5:21-5:32 compose.yaml each: environment.CORS_ORIGINS[0] http://a.ph',
      'team/p 6:18-6:23 compose.yaml api / environment.LOG_LEVEL / debug / info',
      'team/p 6:18-6:23 compose.yaml condition: debug is not one of warn, error',
    ]);
  });
});

describe('configuration errors name the policy, the key and its place', () => {
  const error = (assert: unknown, extra: Record<string, unknown> = {}) => configError(configText({ 'team/x': { description: 'x', ...extra, assert: [assert] } }));
  // configText writes one key per line: the first condition's keys are on lines 7 and 8, indented 10.

  it('an operand that is no number, duration or size', () => {
    expect(error({ path: 'environment.X', lte: '15 minutes' })).toBe('.escashoprc.json:8:18: policy "team/x": "assert[0].lte" is "15 minutes", which is no number, duration or size');
    expect(error({ path: 'environment.X', gt: 12, as: 'size' })).toBe('.escashoprc.json:8:17: policy "team/x": "assert[0].gt" is 12, which is no size');
    expect(error({ path: 'environment.X', gt: '512M', as: 'duration' })).toBe('.escashoprc.json:8:17: policy "team/x": "assert[0].gt" is "512M", which is no duration');
  });

  it('a regular expression that does not compile', () => {
    expect(error({ path: 'environment.X', matches: '^(https' })).toBe('.escashoprc.json:8:22: policy "team/x": "assert[0].matches" is not a valid regular expression: Unterminated group');
  });

  it('a path that does not parse', () => {
    expect(error({ path: 'environment..X' })).toBe('.escashoprc.json:7:19: policy "team/x": "assert[0].path" is not a path: "." cannot start a key at character 13');
    expect(error({ path: 'labels."a.b', present: true })).toBe('.escashoprc.json:7:19: policy "team/x": "assert[0].path" is not a path: a quoted key is not closed at character 12');
    expect(error({ path: 'environment.JWT_*', present: true })).toBe('.escashoprc.json:7:19: policy "team/x": "assert[0].path" is not a path: "*" stands for a whole key; quote a key that contains it at character 13');
    expect(error({ path: 'ports[x]', present: true })).toBe('.escashoprc.json:7:19: policy "team/x": "assert[0].path" is not a path: an index is a number in brackets, like [0], at character 6');
  });

  it('a condition that checks nothing, or checks that cannot go together', () => {
    expect(error({ path: 'image' })).toBe('.escashoprc.json:6:9: policy "team/x": "assert[0]" checks nothing: give it present, equals, oneOf, matches, notMatches, gt, gte, lt, lte or each');
    expect(error({ path: 'image', present: false, equals: 'x' })).toBe('.escashoprc.json:8:22: policy "team/x": "assert[0].present" is false, and a path that must reach nothing has no value to check');
    expect(error({ path: 'image', split: ',', equals: 'x' })).toBe('.escashoprc.json:8:20: policy "team/x": "assert[0].split" cuts a value into items for each, and this condition has no each');
    expect(error({ path: 'image', each: { message: 'x' } })).toBe('.escashoprc.json:8:11: policy "team/x": "assert[0].each" checks nothing: give it equals, oneOf, matches, notMatches, gt, gte, lt or lte');
    expect(error({ path: 'image', as: 'size', equals: 'x' })).toBe('.escashoprc.json:8:17: policy "team/x": "assert[0].as" applies to gt, gte, lt and lte, and this condition has none');
  });

  it('a message with a placeholder that does not exist', () => {
    expect(error({ path: 'image', present: true }, { message: 'bad {{image}}' })).toBe('.escashoprc.json:5:18: policy "team/x": "message" has the placeholder {{image}}; the placeholders are {{service}}, {{path}}, {{value}}, {{expected}}');
  });

  it('through the configuration loader: lint() refuses the configuration with the same message', async () => {
    const dir = hostProject({
      files: {
        '.escashoprc.json': configText({ 'team/x': { description: 'x', assert: [{ path: 'environment.X', lte: '15 minutes' }] } }),
        'compose.yaml': 'services:\n  api:\n    image: node:20\n',
      },
    });
    await expect(lint(['compose.yaml'], { cwd: dir })).rejects.toThrow('.escashoprc.json:8:18: policy "team/x": "assert[0].lte" is "15 minutes", which is no number, duration or size');
  });

  it('the configuration schema checks the shape of a policy first, naming the policy and the key', async () => {
    const refused = async (policy: unknown) => {
      const dir = hostProject({ files: { '.escashoprc.json': configText({ 'team/x': policy }), 'compose.yaml': 'services:\n  api:\n    image: node:20\n' } });
      return lint(['compose.yaml'], { cwd: dir }).then(() => 'accepted', (error: Error) => error.message);
    };
    expect(await refused({ description: 'x', assert: { path: 'image', lessThan: 3 } })).toBe('.escashoprc.json:7:9: unknown key "lessThan" in "policies.team/x.assert"');
    expect(await refused({ description: 'x', assert: { present: true } })).toBe('.escashoprc.json:5:7: "policies.team/x.assert" needs "path"');
    expect(await refused({ description: 'x', select: { image: ['x'] }, assert: { path: 'image', present: true } })).toBe('.escashoprc.json:6:9: unknown key "image" in "policies.team/x.select"');
    expect(await refused({ description: 'x', environments: ['staging'], assert: { path: 'image', present: true } })).toBe('.escashoprc.json:6:9: "policies.team/x.environments[0]" must be one of "prod", "dev", "test"');
  });
});
