import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint.js';
import { hostProject } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

/** Lints a project written to a temporary folder, with this rule only. */
async function findings(files: Record<string, string>, git?: string[], options: { envFiles?: string[]; target?: string } = {}) {
  const dir = hostProject({ files, ...(git ? { git } : {}) });
  const result = await lint([path.join(dir, options.target ?? 'compose.yaml')], {
    cwd: dir,
    rules: [rule],
    useConfig: false,
    ...(options.envFiles ? { envFiles: options.envFiles.map((f) => path.join(dir, f)) } : {}),
  });
  return result.findings.map((f) => ({ file: f.file, line: f.range.start.line, column: f.range.start.column, endColumn: f.range.end.column, severity: f.severity, message: f.message, redact: f.redact }));
}

const compose = 'services:\n  app:\n    image: escashop/backend:1.0.0\n    env_file: app.env\n';

describe('compose/env-file-secrets: cases', () => {
  it('reports a tracked env file\'s literal secret at its value, redacted, without printing it', async () => {
    const got = await findings({ 'compose.yaml': compose, 'app.env': 'API_KEY=sk-test-123\n' }, ['app.env']);
    expect(got).toEqual([
      {
        file: 'app.env',
        line: 1,
        column: 9,
        endColumn: 20,
        severity: 'error',
        message:
          'env file "app.env" is tracked by git and sets secret "API_KEY" to a literal value: every clone and the history hold it; commit an example file with the value left empty, keep the real file out of git (.gitignore) and rotate the secret',
        redact: [{ start: { line: 1, column: 9 }, end: { line: 1, column: 20 } }],
      },
    ]);
    expect(JSON.stringify(got)).not.toContain('sk-test-123');
  });

  it('says nothing when tracking is unknown (no repository) or the file is untracked', async () => {
    expect(await findings({ 'compose.yaml': compose, 'app.env': 'API_KEY=sk-test-123\n' })).toEqual([]);
    expect(await findings({ 'compose.yaml': compose, 'app.env': 'API_KEY=sk-test-123\n' }, ['compose.yaml'])).toEqual([]);
  });

  it('reads --env-file files in place of .env, and is a warning in a dev project', async () => {
    const got = await findings(
      { 'docker-compose.dev.yml': 'services:\n  app:\n    image: escashop/backend:1.0.0\n', 'env/dev.env': 'X=1\n  REDIS_PASSWORD = \'redis 123\'\n', '.env': 'REDIS_PASSWORD=unused\n' },
      ['env/dev.env', '.env'],
      { envFiles: ['env/dev.env'], target: 'docker-compose.dev.yml' },
    );
    expect(got.map((f) => [f.file, f.line, f.column, f.endColumn, f.severity])).toEqual([['env/dev.env', 2, 20, 31, 'warning']]);
  });

  it('reports a file two services use once', async () => {
    const two = `${compose}  worker:\n    image: escashop/backend:1.0.0\n    env_file: [./app.env]\n`;
    const got = await findings({ 'compose.yaml': two, 'app.env': '\n\nDB_PASS=x\n' }, ['app.env']);
    expect(got.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual([['app.env', 3, 9, 10]]);
  });
});
