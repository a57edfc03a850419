import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import nonRootUser from '../../rules/compose/non-root-user/index.js';
import { runRules } from '../../src/engine/run.js';
import { lint } from '../../src/lint.js';
import type { Finding } from '../../src/findings/finding.js';
import { keyText } from '../../src/parse/tree.js';
import { MAX_EXTENDS_DEPTH } from '../../src/model/extends.js';
import { ProjectLoader } from '../../src/model/load.js';
import type { ComposeProject } from '../../src/model/project.js';
import { at, valueAt } from './origins.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/model/extends');

/** Loads a fixture project with file names relative to its folder. */
function load(dir: string, files: string[] = ['docker-compose.yml']): { project: ComposeProject; findings: string[] } {
  const cwd = path.isAbsolute(dir) ? dir : path.join(FIXTURES, dir);
  const result = new ProjectLoader({ cwd }).load({ files: files.map((f) => path.join(cwd, f)) }, 'prod');
  expect(result.project).toBeDefined();
  return { project: result.project!, findings: result.findings.map(summary) };
}

const summary = (f: Finding) => `${f.ruleId} ${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`;

/** The service's keys, in order, and where each value came from. */
function keysOf(project: ComposeProject, name: string): string[] {
  const service = project.service(name);
  expect(service, name).toBeDefined();
  return service!.node.entries.map((e) => `${keyText(e.key)} ${at(e.value.origin)}`);
}


describe('extends within one file', () => {
  const { project, findings } = load('same-file');

  it('reports nothing', () => {
    expect(findings).toEqual([]);
  });

  it('short form: the base first, then the service, without "extends"', () => {
    expect(valueAt(project, 'common', 'image')).toBe('busybox:1.36 docker-compose.yml:3:12-3:24');
    expect(valueAt(project, 'common', 'user')).toBe('root docker-compose.yml:4:11-4:15');
    expect(project.service('common')!.get('extends')).toBeUndefined();
  });

  it('a chain: cli gets what common got from base, and mappings are merged with the service winning', () => {
    expect(valueAt(project, 'cli', 'user')).toBe('root docker-compose.yml:4:11-4:15');
    expect(valueAt(project, 'cli', ['environment', 'TZ'])).toBe('utc docker-compose.yml:6:11-6:14');
    expect(valueAt(project, 'cli', ['environment', 'PORT'])).toBe('8080 docker-compose.yml:11:14-11:18');
    expect(valueAt(project, 'cli', ['command', 0])).toBe('sh docker-compose.yml:15:16-15:18');
    expect(project.service('cli')!.get('extends')).toBeUndefined();
  });

  it('the service keeps its own name key', () => {
    expect(at(project.service('cli')!.key.origin)).toBe('docker-compose.yml:12:3-12:6');
  });

  it('the base itself is unchanged', () => {
    expect(valueAt(project, 'base', ['environment', 'PORT'])).toBe('80 docker-compose.yml:7:14-7:16');
  });
});

describe('extends from other files', () => {
  const { project, findings } = load('files');

  it('follows a chain of files; a file reached through extends resolves its own paths from its folder', () => {
    expect(valueAt(project, 'web', 'user')).toBe('root shared/root.yml:3:11-3:15');
    expect(valueAt(project, 'web', 'restart')).toBe('always shared/root.yml:4:14-4:20');
    expect(valueAt(project, 'web', ['ports', 0])).toBe('8080:80 docker-compose.yml:7:10-7:17');
    expect(project.service('web')!.get('extends')).toBeUndefined();
  });

  it('interpolates the extended file with the project variables, keeping its positions', () => {
    expect(valueAt(project, 'web', 'image')).toBe('nginx:1.25 common/base.yml:6:13-6:36');
  });

  it('reports an unset variable of the extended file once, in that file', () => {
    expect(project.problems.map((p) => `${p.kind} ${at(p.origin)} ${p.message}`)).toEqual([
      'unset common/base.yml:7:15-7:29 variable "MISSING_VAR" is not set and has no default',
    ]);
    expect(findings).toEqual([]);
  });

  it('does not add the extended file\'s other services', () => {
    expect(project.services.map((s) => s.name)).toEqual(['web']);
  });

  it('a rule finding on a value from the base points into the base file', () => {
    const found = runRules(project, [nonRootUser]).map(summary);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^compose\/non-root-user shared\/root\.yml:3:11-3:15 /);
  });

  it('through lint(): the finding on the base value is in the base file', async () => {
    const result = await lint(['docker-compose.yml'], { cwd: path.join(FIXTURES, 'files'), rules: [nonRootUser], useConfig: false });
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`)).toEqual([
      'compose/non-root-user shared/root.yml:3:11-3:15',
    ]);
  });

  it('an extended file that is also one of the project files is interpolated once', () => {
    const both = load('files', ['docker-compose.yml', 'common/base.yml']);
    expect(both.project.problems.map((p) => `${p.kind} ${at(p.origin)}`)).toEqual(['unset common/base.yml:7:15-7:29']);
    // As a project file, its `extends.file` starts from the project directory, as in Compose v2.
    expect(both.findings).toEqual([
      'core/extends common/base.yml:4:13-4:31 service "webapp" extends a service of "../shared/root.yml", which does not exist or is not a file',
    ]);
    expect(valueAt(both.project, 'web', 'user')).toBe('root shared/root.yml:3:11-3:15');
  });
});

describe('cycles', () => {
  it('in one file: reported once at the reference that closes it, the service then used without that base', () => {
    const { project, findings } = load('cycles');
    expect(findings).toEqual([
      'core/extends docker-compose.yml:7:16-7:17 service "b" extends "a", which closes a cycle: "a" → "b" → "a"',
      'core/extends docker-compose.yml:9:14-9:18 service "self" extends "self", which closes a cycle: "self" → "self"',
    ]);
    expect(project.services.map((s) => s.name)).toEqual(['a', 'b', 'self', 'c']);
    expect(keysOf(project, 'b')).toEqual([]);
    expect(keysOf(project, 'a')).toEqual(['image docker-compose.yml:3:12-3:13']);
    expect(keysOf(project, 'self')).toEqual(['image docker-compose.yml:10:12-10:13']);
    // c extends a, which is resolved once.
    expect(keysOf(project, 'c')).toEqual(['image docker-compose.yml:3:12-3:13']);
  });

  it('across files: the chain names each file', () => {
    const { project, findings } = load('cross-cycle', ['x.yml']);
    expect(findings).toEqual([
      'core/extends y.yml:5:16-5:17 service "b" extends "a", which closes a cycle: "a" (x.yml) → "b" (y.yml) → "a" (x.yml)',
    ]);
    expect(keysOf(project, 'a')).toEqual(['image x.yml:3:12-3:13']);
  });

  describe('a chain deeper than the limit', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'escashop-extends-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const count = MAX_EXTENDS_DEPTH + 5;
    const lines = ['services:'];
    for (let i = 0; i < count; i++) lines.push(`  s${i}:`, i + 1 < count ? `    extends: s${i + 1}` : '    image: last');
    writeFileSync(path.join(dir, 'docker-compose.yml'), `${lines.join('\n')}\n`);

    it('is cut at the limit, with a finding there', () => {
      const { project, findings } = load(dir);
      const cut = MAX_EXTENDS_DEPTH - 1;
      const line = 3 + 2 * cut;
      const name = `s${cut + 1}`;
      expect(findings).toEqual([
        `core/extends docker-compose.yml:${line}:14-${line}:${14 + name.length} service "s${cut}" is at the end of a chain of more than ${MAX_EXTENDS_DEPTH} "extends"; the rest is not followed`,
      ]);
      expect(project.service('s0')!.get('image')).toBeUndefined();
      expect(valueAt(project, `s${cut + 1}`, 'image')).toBe(`last docker-compose.yml:${1 + 2 * count}:12-${1 + 2 * count}:16`);
    });
  });
});

describe('a merge Compose refuses', () => {
  it('"disable: true" over a base healthcheck that is not disabled is a finding at the "disable" value', () => {
    const { findings } = load('healthcheck');
    expect(findings).toEqual([
      'core/extends docker-compose.yml:9:16-9:20 service "web" sets healthcheck "disable: true" over the healthcheck of the service it extends, which Compose does not accept unless that one is disabled too',
    ]);
  });
});

describe('broken references', () => {
  const { project, findings } = load('missing');

  it('a missing file, a missing service here and in another file: each a finding at the reference', () => {
    expect(findings).toEqual([
      'core/extends docker-compose.yml:5:13-5:24 service "nofile" extends a service of "nowhere.yml", which does not exist or is not a file',
      'core/extends docker-compose.yml:9:14-9:19 service "noservice" extends "ghost", which is not a service of this file',
      'core/extends docker-compose.yml:14:16-14:21 service "noservice-other" extends "ghost", which is not a service of "common.yml"',
    ]);
  });

  it('the service is used without the base', () => {
    expect(keysOf(project, 'nofile')).toEqual(['image docker-compose.yml:3:12-3:13']);
    expect(keysOf(project, 'noservice')).toEqual(['image docker-compose.yml:8:12-8:13']);
    expect(keysOf(project, 'noservice-other')).toEqual(['image docker-compose.yml:11:12-11:13']);
  });

  it('a reference made from an unset variable is not reported again: the variable is', () => {
    expect(project.problems.map((p) => `${p.kind} ${at(p.origin)}`)).toEqual(['unset docker-compose.yml:18:13-18:22', 'unset docker-compose.yml:22:14-22:29']);
    expect(keysOf(project, 'unset-file')).toEqual(['image docker-compose.yml:16:12-16:13']);
    expect(keysOf(project, 'unset-service')).toEqual(['image docker-compose.yml:21:12-21:13']);
  });
});
