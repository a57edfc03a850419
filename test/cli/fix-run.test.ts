import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync as realpath, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addMapEntry, defineRule, ensureMapEntry, fixWith, raw, type Rule } from '../../src/engine/api.js';
import { fixCheck, fixRun, projectRoots } from '../../src/fix/run.js';
import type { LintOptions } from '../../src/lint.js';

/**
 * `fixRun()` (src/fix/run.ts) with rules defined here, so that each case makes exactly the fixes it
 * needs: conflicts, unsafe fixes, files outside the project, writes, passes, the dry run.
 */

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escashop-fixrun-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A rule that sets `key: value` on every service that lacks it or has another value. */
function setsKey(id: string, key: string, value: string | boolean, kind: 'fix' | 'suggestion' = 'fix'): Rule {
  return defineRule({
    meta: { id, description: `sets ${key}`, severity: 'error', tags: [], fixable: kind },
    create: (context) => ({
      service(service) {
        const now = service.text(key)?.value;
        if (now === String(value)) return;
        context.report({
          at: service.key,
          message: `service "${service.name}" wants ${key}`,
          fix: (sources) => fixWith(`set ${key} of service "${service.name}"`, ensureMapEntry(service.node, key, value, sources), kind),
        });
      },
    }),
  });
}

const COMPOSE = `# the stack
services:
  api: # the API
    image: example/api:1.4.2
`;

const options = (cwd: string, rules: Rule[]): LintOptions => ({ cwd, rules, useConfig: false });

describe('fixRun', () => {
  it('applies the fixes, lints again, and a second run changes nothing', async () => {
    const cwd = project({ 'compose.yaml': COMPOSE });
    const rules = [setsKey('test/restart', 'restart', 'always'), setsKey('test/init', 'init', true)];
    const run = await fixRun(['compose.yaml'], options(cwd, rules), { dryRun: false, types: ['fix'] });
    // Two keys added at one place go in the order of their findings (here by rule id).
    expect(readFileSync(path.join(cwd, 'compose.yaml'), 'utf8')).toBe(`${COMPOSE}    init: true\n    restart: always\n`);
    expect(run.fixed).toBe(2);
    expect(run.passes).toBe(1);
    expect(run.notFixed).toEqual([]);
    expect(run.result.findings).toEqual([]);
    expect(run.changes).toEqual([{ file: path.join(cwd, 'compose.yaml'), before: COMPOSE, after: `${COMPOSE}    init: true\n    restart: always\n` }]);
    const again = await fixRun(['compose.yaml'], options(cwd, rules), { dryRun: false, types: ['fix'] });
    expect(again.changes).toEqual([]);
    expect(again.fixed).toBe(0);
  });

  it('runs more passes while a pass makes new fixes, at most MAX_FIX_PASSES', async () => {
    const cwd = project({ 'compose.yaml': COMPOSE });
    // Fixable only once restart is set: a second pass sees it.
    const afterRestart = defineRule({
      meta: { id: 'test/after', description: 'init after restart', severity: 'error', tags: [], fixable: 'fix' },
      create: (context) => ({
        service(service) {
          if (service.text('restart') && !service.text('init')) {
            context.report({ at: service.key, message: 'wants init', fix: (sources) => fixWith('init', ensureMapEntry(service.node, 'init', true, sources)) });
          }
        },
      }),
    });
    const run = await fixRun(['compose.yaml'], options(cwd, [setsKey('test/restart', 'restart', 'always'), afterRestart]), { dryRun: false, types: ['fix'] });
    expect(run.passes).toBe(2);
    expect(run.fixed).toBe(2);
    expect(readFileSync(path.join(cwd, 'compose.yaml'), 'utf8')).toBe(`${COMPOSE}    restart: always\n    init: true\n`);
  });

  it('does the passes in memory with dryRun and writes nothing', async () => {
    const cwd = project({ 'compose.yaml': COMPOSE });
    const rules = [setsKey('test/restart', 'restart', 'always')];
    const run = await fixRun(['compose.yaml'], options(cwd, rules), { dryRun: true, types: ['fix'] });
    expect(readFileSync(path.join(cwd, 'compose.yaml'), 'utf8')).toBe(COMPOSE);
    expect(run.changes).toEqual([{ file: path.join(cwd, 'compose.yaml'), before: COMPOSE, after: `${COMPOSE}    restart: always\n` }]);
    // The last lint was of the fixed text: nothing remains.
    expect(run.result.findings).toEqual([]);
    expect(run.readText('compose.yaml')).toBe(`${COMPOSE}    restart: always\n`);
  });

  it('applies suggestions only when asked for, and only the rules named', async () => {
    const cwd = project({ 'compose.yaml': COMPOSE });
    const rules = [setsKey('test/restart', 'restart', 'always'), setsKey('test/ro', 'read_only', true, 'suggestion')];
    const fixesOnly = await fixRun(['compose.yaml'], options(cwd, rules), { dryRun: true, types: ['fix'] });
    expect(fixesOnly.changes[0]!.after).toBe(`${COMPOSE}    restart: always\n`);
    expect(fixesOnly.result.findings.map((f) => f.ruleId)).toEqual(['test/ro']);
    const suggestions = await fixRun(['compose.yaml'], options(cwd, rules), { dryRun: true, types: ['suggestion'] });
    expect(suggestions.changes[0]!.after).toBe(`${COMPOSE}    read_only: true\n`);
    const both = await fixRun(['compose.yaml'], options(cwd, rules), { dryRun: true, types: ['fix', 'suggestion'], rules: ['test/ro'] });
    expect(both.changes[0]!.after).toBe(`${COMPOSE}    read_only: true\n`);
  });

  it('applies neither of two conflicting fixes and says where they meet', async () => {
    const text = `services:\n  api:\n    image: example/api:1.4.2\n    restart: "no"\n`;
    const cwd = project({ 'compose.yaml': text });
    const rules = [setsKey('test/always', 'restart', 'always'), setsKey('test/unless', 'restart', 'unless-stopped')];
    const run = await fixRun(['compose.yaml'], options(cwd, rules), { dryRun: false, types: ['fix'] });
    expect(readFileSync(path.join(cwd, 'compose.yaml'), 'utf8')).toBe(text);
    expect(run.changes).toEqual([]);
    expect(run.notFixed.map((n) => n.message)).toEqual([
      'not fixed: test/always at compose.yaml:2:3 and test/unless at compose.yaml:2:3: both change compose.yaml line 4 (they change the same text)',
    ]);
    expect(run.result.findings.map((f) => f.ruleId)).toEqual(['test/always', 'test/unless']);
  });

  it('drops a fix that would leave the file unreadable, and keeps the others', async () => {
    const cwd = project({ 'compose.yaml': COMPOSE });
    const breaks = defineRule({
      meta: { id: 'test/breaks', description: 'breaks', severity: 'error', tags: [], fixable: 'fix' },
      create: (context) => ({
        service(service) {
          context.report({ at: service.key, message: 'breaks', fix: (sources) => fixWith('breaks it', addMapEntry(service.node, 'labels', raw('[unclosed'), sources)) });
        },
      }),
    });
    const run = await fixRun(['compose.yaml'], options(cwd, [breaks, setsKey('test/restart', 'restart', 'always')]), { dryRun: false, types: ['fix'] });
    expect(readFileSync(path.join(cwd, 'compose.yaml'), 'utf8')).toBe(`${COMPOSE}    restart: always\n`);
    expect(run.notFixed).toHaveLength(1);
    expect(run.notFixed[0]!.message).toMatch(/^not fixed: test\/breaks at compose\.yaml:3:3: it leaves compose\.yaml unreadable: /);
  });

  it('writes nothing outside the project directory: a fix of an extended file there is not applied', async () => {
    const base = 'services:\n  base:\n    image: example/base:1.0.0\n    restart: "no"\n';
    const cwd = project({ 'base.yaml': base, 'app/compose.yaml': 'services:\n  api:\n    extends:\n      file: ../base.yaml\n      service: base\n' });
    const run = await fixRun(['app/compose.yaml'], options(cwd, [setsKey('test/restart', 'restart', 'always')]), { dryRun: false, types: ['fix'] });
    // The value is fixed where it is written, base.yaml, which is not in the project directory app/.
    expect(readFileSync(path.join(cwd, 'base.yaml'), 'utf8')).toBe(base);
    expect(run.notFixed.map((n) => n.message)).toEqual(['not fixed: test/restart at app/compose.yaml:2:3: it would change base.yaml, which is outside the project directory']);
  });

  it('writes files fixes make (a new one with its mode), appends lines once, and never overwrites a different file', async () => {
    const cwd = project({ 'compose.yaml': COMPOSE, '.gitignore': 'node_modules/\n', 'taken.txt': 'other\n' });
    const writer = (dir: string, file: string, text: string, extra: object = {}) =>
      defineRule({
        meta: { id: `test/${file.replace(/\W/g, '')}`, description: 'writes', severity: 'error', tags: [], fixable: 'fix' },
        create: (context) => ({
          service(service) {
            if (service.text('restart')) return;
            context.report({
              at: service.key,
              message: `writes ${file}`,
              fix: (sources) => {
                const made = fixWith('restart', ensureMapEntry(service.node, 'restart', 'always', sources));
                return 'edits' in made ? { ...made, files: [{ file: path.join(dir, file), text, ...extra }] } : made;
              },
            });
          },
        }),
      });
    const secret = writer(cwd, 'secrets/api.txt', 'canary-value\n', { mode: 0o600, secret: true });
    const ignore = writer(cwd, '.gitignore', 'secrets/\nnode_modules/\n', { append: true });
    const run = await fixRun(['compose.yaml'], options(cwd, [secret, ignore]), { dryRun: false, types: ['fix'] });
    expect(readFileSync(path.join(cwd, 'secrets/api.txt'), 'utf8')).toBe('canary-value\n');
    expect(statSync(path.join(cwd, 'secrets/api.txt')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(cwd, '.gitignore'), 'utf8')).toBe('node_modules/\nsecrets/\n');
    expect(run.fixed).toBe(2);
    expect(run.changes.map((c) => path.relative(cwd, c.file))).toEqual(['.gitignore', 'compose.yaml', 'secrets/api.txt']);

    const cwd2 = project({ 'compose.yaml': COMPOSE, 'taken.txt': 'other\n' });
    const clash = writer(cwd2, 'taken.txt', 'mine\n');
    const refused = await fixRun(['compose.yaml'], options(cwd2, [clash]), { dryRun: false, types: ['fix'] });
    expect(readFileSync(path.join(cwd2, 'taken.txt'), 'utf8')).toBe('other\n');
    expect(readFileSync(path.join(cwd2, 'compose.yaml'), 'utf8')).toBe(COMPOSE);
    expect(refused.notFixed.map((n) => n.message)).toEqual(['not fixed: test/takentxt at compose.yaml:3:3: it would overwrite taken.txt, which exists with other content']);
  });

  it('keeps CRLF line endings, a byte-order mark and the file mode', async () => {
    const text = '\ufeffservices:\r\n  api: # the API\r\n    image: example/api:1.4.2\r\n';
    const cwd = project({ 'compose.yaml': text });
    const file = path.join(cwd, 'compose.yaml');
    chmodSync(file, 0o640);
    await fixRun(['compose.yaml'], options(cwd, [setsKey('test/restart', 'restart', 'always')]), { dryRun: false, types: ['fix'] });
    expect(readFileSync(file, 'utf8')).toBe(`${text}    restart: always\r\n`);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });
});

describe('fixCheck', () => {
  it("re-parses each kind of file with its program's parser and names the first new error", () => {
    expect(fixCheck('/p/compose.yaml', 'a: 1\n', 'a: [1\n')).toMatch(/./);
    expect(fixCheck('/p/compose.yaml', 'a: 1\n', 'a: 2\n')).toBeUndefined();
    expect(fixCheck('/p/nginx.conf', 'events {}\n', 'events {\n')).toMatch(/./);
    expect(fixCheck('/p/nginx.conf', 'events {}\n', 'events {}\nserver_tokens off;\n')).toBeUndefined();
    expect(fixCheck('/p/pg_hba.conf', 'local all all trust\n', 'local all all\n')).toMatch(/./);
    expect(fixCheck('/p/pg_hba.conf', 'local all all trust\n', 'local all all scram-sha-256\n')).toBeUndefined();
    expect(fixCheck('/p/redis.conf', 'port 6379\n', 'port 6379\nprotected-mode yes\n')).toBeUndefined();
    // An error the file had before is not the fix's.
    expect(fixCheck('/p/compose.yaml', 'a: [1\n', 'a: [1\nb: 2\n')).toBeUndefined();
  });
});

describe('projectRoots', () => {
  it('is each project directory: a file target its folder, a directory itself, --project-directory', () => {
    const cwd = project({ 'a/compose.yaml': COMPOSE, 'b/x/compose.yaml': COMPOSE });
    expect(projectRoots(['a/compose.yaml', 'b'], {}, cwd)).toEqual([path.join(cwd, 'a'), path.join(cwd, 'b')].map((p) => realpath(p)));
    expect(projectRoots([{ files: ['b/x/compose.yaml'] }], { projectDir: 'b' }, cwd)).toEqual([realpath(path.join(cwd, 'b'))]);
  });
});
