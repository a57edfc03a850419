import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint.js';
import { hostProject, type HostProjectSpec } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { fixtureTests } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);
projectFixtureTests(rule, import.meta.dirname);

/** Lints `compose.yaml` (or `target`) of a project written to a temporary folder, with this rule only. */
async function findings(spec: HostProjectSpec, target = 'compose.yaml') {
  const dir = hostProject(spec);
  const result = await lint([path.join(dir, target)], { cwd: dir, rules: [rule], useConfig: false });
  return result.findings.map((f) => ({ line: f.range.start.line, column: f.range.start.column, endColumn: f.range.end.column, severity: f.severity, message: f.message }));
}

/** A project whose one secret is `file:` (line 7, from column 11). */
const project = (file: string, extra = '') =>
  `services:\n  app:\n    image: escashop/backend:1.0.0\n    secrets: [db]\n${extra}secrets:\n  db:\n    file: ${file}\n`;

describe('compose/secret-file-permissions: cases', () => {
  it('says which mode a file has and who it lets in, at the file: value', async () => {
    const got = await findings({ files: { 'compose.yaml': project('./db.txt'), 'db.txt': 'x' }, modes: { 'db.txt': 0o644 } });
    expect(got).toEqual([
      {
        line: 7,
        column: 11,
        endColumn: 19,
        severity: 'error',
        message: 'secret "db": file "./db.txt" has mode 0644: every user of the host can read it; chmod 600 it (or 640 with a group of its own)',
      },
    ]);
  });

  it.each([
    [0o600, undefined],
    [0o400, undefined],
    [0o640, undefined],
    [0o440, undefined],
    [0o660, 'has mode 0660: its group can change it;'],
    [0o666, 'has mode 0666: every user of the host can read it, and every user can change it;'],
    [0o604, 'has mode 0604: every user of the host can read it;'],
    [0o750, 'has mode 0750: it is executable;'],
  ])('mode %o', async (mode, says) => {
    const got = await findings({ files: { 'compose.yaml': project('db.txt'), 'db.txt': 'x' }, modes: { 'db.txt': mode } });
    expect(got.map((f) => f.message.replace('secret "db": file "db.txt" ', '').replace(/ chmod.*/, ''))).toEqual(says ? [says] : []);
  });

  it('reports a missing file unless git ignores it (made on the deploy host); without a repository it is reported', async () => {
    const missing = 'does not exist, so Compose refuses to start the services that use it; create it where the stack runs and add it to .gitignore';
    const files = { 'compose.yaml': project('./secrets/db.txt') };
    expect(await findings({ files })).toEqual([{ line: 7, column: 11, endColumn: 27, severity: 'error', message: `secret "db": file "./secrets/db.txt" ${missing}` }]);
    expect(await findings({ files, git: ['compose.yaml'] })).toHaveLength(1);
    expect(await findings({ files: { ...files, '.gitignore': '/secrets/\n' }, git: ['compose.yaml'] })).toEqual([]);
    expect(await findings({ files: { ...files, '.gitignore': '*.txt\n!db.txt\n' }, git: ['compose.yaml'] })).toHaveLength(1);
  });

  it('reports a tracked file, and a warning in a dev project', async () => {
    const got = await findings({ files: { 'docker-compose.dev.yml': project('db.txt'), 'db.txt': 'x' }, modes: { 'db.txt': 0o600 }, git: ['db.txt'] }, 'docker-compose.dev.yml');
    expect(got).toEqual([
      {
        line: 7,
        column: 11,
        endColumn: 17,
        severity: 'warning',
        message:
          'secret "db": file "db.txt" is tracked by git: every clone and the history hold the secret; untrack it (git rm --cached), add it to .gitignore and rotate the secret',
      },
    ]);
  });

  it('reports a build context that sends the file, once per context, unless its .dockerignore leaves it out', async () => {
    const build = '    build: .\n  worker:\n    image: escashop/worker:1.0.0\n    build: { context: ., dockerfile: worker.Dockerfile }\n  web:\n    image: escashop/web:1.0.0\n    build: ./web\n';
    const files = { 'compose.yaml': project('secrets/db.txt', build), 'secrets/db.txt': 'x' };
    const modes = { 'secrets/db.txt': 0o600 };
    const sent = await findings({ files, modes });
    expect(sent.map((f) => [f.line, f.column, f.message])).toEqual([
      [
        14,
        11,
        'secret "db": file "secrets/db.txt" is inside the build context "." of services "app", "worker" and it has no .dockerignore: every build sends it to the builder and "COPY . ." bakes it into the image; exclude it in .dockerignore',
      ],
    ]);
    expect(await findings({ files: { ...files, '.dockerignore': 'secrets/\n' }, modes })).toEqual([]);
    const excepted = await findings({ files: { ...files, '.dockerignore': '**/*.txt\n!secrets/db.txt\n' }, modes });
    expect(excepted.map((f) => f.message)).toEqual([expect.stringContaining('and its .dockerignore does not leave the file out:')]);
    // The worker's own Dockerfile.dockerignore wins over the context's for its build.
    const own = await findings({ files: { ...files, '.dockerignore': 'secrets\n', 'worker.Dockerfile.dockerignore': 'node_modules\n' }, modes });
    expect(own.map((f) => f.message)).toEqual([expect.stringContaining('is inside the build context "." of service "worker" and its .dockerignore does not')]);
  });

  it('reads nothing outside the project directory, or through a link that leads out of it', async () => {
    const outside = hostProject({ files: { 'db.txt': 'x' }, modes: { 'db.txt': 0o666 } });
    const spec = { files: { 'compose.yaml': project(`"${path.join(outside, 'db.txt')}"`) } };
    expect(await findings(spec)).toEqual([]);
    expect(await findings({ files: { 'compose.yaml': project('../db.txt') } })).toEqual([]);
    const dir = hostProject({ files: { 'compose.yaml': project('./link.txt') } });
    symlinkSync(path.join(outside, 'db.txt'), path.join(dir, 'link.txt'));
    const result = await lint([path.join(dir, 'compose.yaml')], { cwd: dir, rules: [rule], useConfig: false });
    expect(result.findings).toEqual([]);
  });

  it('leaves a path made with an unset variable to the variable rules', async () => {
    expect(await findings({ files: { 'compose.yaml': project('./secrets/${SECRET_NAME}.txt') } })).toEqual([]);
    expect(await findings({ files: { 'compose.yaml': project('${SECRETS_DIR:-./secrets}/db.txt'), '.gitignore': '' } })).toHaveLength(1);
  });

  it('takes an included project\'s secret file from that project\'s directory', async () => {
    const dir = hostProject({
      files: {
        'compose.yaml': 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: escashop/web:1.0.0\n',
        'sub/compose.yaml': project('./db.txt'),
        'sub/db.txt': 'x',
      },
      modes: { 'sub/db.txt': 0o640 + 0o004 },
    });
    const result = await lint([path.join(dir, 'compose.yaml')], { cwd: dir, rules: [rule], useConfig: false });
    expect(result.findings.map((f) => [f.file, f.range.start.line, f.range.start.column, f.message.slice(0, 46)])).toEqual([
      ['sub/compose.yaml', 7, 11, 'secret "db": file "./db.txt" has mode 0644: ev'],
    ]);
  });

  it('reports what is not a regular file', async () => {
    const dir = hostProject({ files: { 'compose.yaml': project('./certs') } });
    mkdirSync(path.join(dir, 'certs'));
    const result = await lint([path.join(dir, 'compose.yaml')], { cwd: dir, rules: [rule], useConfig: false });
    expect(result.findings.map((f) => f.message)).toEqual(['secret "db": file "./certs" is a directory; a secret is one regular file, mounted at /run/secrets/db']);
  });
});
