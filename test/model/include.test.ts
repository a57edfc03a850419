import path from 'node:path';
import { describe, expect, it } from 'vitest';
import nonRootUser from '../../rules/compose/non-root-user/index.js';
import type { Finding } from '../../src/findings/finding.js';
import { get, keyText } from '../../src/parse/tree.js';
import { includedProjectDir } from '../../src/model/include.js';
import { lint } from '../../src/lint.js';
import { ProjectLoader } from '../../src/model/load.js';
import type { ComposeProject } from '../../src/model/project.js';
import { at, valueAt } from './origins.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/model/include');

/** Loads a fixture project with file names relative to its folder. */
function load(dir: string): { project: ComposeProject; findings: Finding[] } {
  const cwd = path.join(FIXTURES, dir);
  const result = new ProjectLoader({ cwd }).load({ files: [path.join(cwd, 'compose.yml')] }, 'prod');
  expect(result.project).toBeDefined();
  return { project: result.project!, findings: result.findings };
}

const summary = (f: Finding) => `${f.ruleId} ${at({ file: f.file, range: f.range })} ${f.message}`;


const names = (project: ComposeProject, section: string) => {
  const node = get(project.root, section);
  return node?.kind === 'map' ? node.entries.map((e) => `${keyText(e.key)} ${at(e.key.origin)}`) : [];
};

describe('short and long syntax', () => {
  const { project, findings } = load('basic');
  const dir = path.join(FIXTURES, 'basic');

  it('reports nothing', () => {
    expect(findings.map(summary)).toEqual([]);
    expect(project.problems).toEqual([]);
  });

  it('copies in the services and other resources, without the "include" key', () => {
    expect(project.services.map((s) => s.name)).toEqual(['app', 'helper', 'worker']);
    expect(project.root.kind === 'map' && project.root.entries.map((e) => keyText(e.key))).toEqual(['services', 'volumes', 'secrets']);
    expect(names(project, 'volumes')).toEqual(['data sub/compose.yml:9:3-9:7']);
    expect(names(project, 'secrets')).toEqual(['token lib/compose.yml:7:3-7:8']);
  });

  it('lists every included file (and what they extend) among the project files, in order', () => {
    expect(project.files).toEqual(['compose.yml', 'sub/compose.yml', 'sub/base.yml', 'lib/compose.yml', 'lib/compose.override.yml']);
  });

  it('short syntax (an interpolated path): interpolated with the .env of its own folder', () => {
    expect(valueAt(project, 'helper', 'image')).toBe('helper:2.0 sub/compose.yml:6:13-6:33');
    expect(valueAt(project, 'helper', 'build')).toBe('./helper sub/compose.yml:7:12-7:20');
  });

  it('extends inside an included file starts from the included project directory', () => {
    expect(valueAt(project, 'helper', 'read_only')).toBe('true sub/base.yml:3:16-3:20');
    expect(project.service('helper')!.get('extends')).toBeUndefined();
  });

  it('long syntax: files merged in order, its env files used, the including project\'s variables winning', () => {
    expect(valueAt(project, 'worker', 'image')).toBe('worker:3.1 lib/compose.yml:3:13-3:33');
    expect(valueAt(project, 'worker', 'user')).toBe('1000 lib/compose.override.yml:3:12-3:16');
    expect(valueAt(project, 'worker', ['environment', 'SHARED'])).toBe('outer lib/compose.yml:5:16-5:25');
  });

  it('through lint(): a finding on an included service points into the included file', async () => {
    const result = await lint(['compose.yml'], { cwd: dir, rules: [nonRootUser], useConfig: false });
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`)).toEqual([
      'compose/non-root-user compose.yml:11:3-11:6',
      'compose/non-root-user sub/compose.yml:2:3-2:9',
    ]);
  });

  it('each included resource knows the project directory its relative paths start from', () => {
    expect(includedProjectDir(project.service('helper')!.node)).toBe(path.join(dir, 'sub'));
    expect(includedProjectDir(project.service('worker')!.node)).toBe(path.join(dir, 'lib'));
    expect(includedProjectDir(get(get(project.root, 'secrets'), 'token')!)).toBe(path.join(dir, 'lib'));
    expect(includedProjectDir(project.service('app')!.node)).toBeUndefined();
  });
});

describe('bad includes', () => {
  it('a cycle is reported at the include that closes it; what was loaded is kept', () => {
    const { project, findings } = load('cycle');
    expect(findings.map(summary)).toEqual([
      'core/include a/compose.yml:2:5-2:19 "../compose.yml" closes an include cycle: "compose.yml" → "a/compose.yml" → "compose.yml"',
    ]);
    expect(project.services.map((s) => s.name)).toEqual(['top', 'inner']);
    expect(project.files).toEqual(['compose.yml', 'a/compose.yml']);
  });

  it('a path written as a block scalar is quoted on one line (found by test/robustness)', () => {
    const loader = new ProjectLoader({ cwd: '/nowhere' });
    loader.addSource({ name: 'compose.yml', absPath: '/nowhere/compose.yml', text: 'include:\n- |\n  a\n  b.yml\n' });
    loader.load({ files: ['/nowhere/compose.yml'] }, 'prod');
    expect(loader.findings.map(summary)).toEqual(['core/include compose.yml:2:3-4:8 included file "a b.yml " does not exist or is not a file']);
  });

  it('a missing file or env file is reported at its entry (not when made from an unset variable); the rest is included', () => {
    const { project, findings } = load('missing');
    expect(project.problems.map((p) => `${p.kind} ${at(p.origin)}`)).toEqual(['unset compose.yml:5:5-5:16']);
    expect(findings.map(summary)).toEqual([
      'core/include compose.yml:2:5-2:24 included file "nowhere/compose.yml" does not exist or is not a file',
      'core/include compose.yml:4:15-4:26 env file "missing.env" of the included project does not exist or is not a file',
    ]);
    expect(project.services.map((s) => s.name)).toEqual(['app', 'present']);
  });

  it('a resource defined both here and in an included project is reported at this definition; an identical one is not', () => {
    const { project, findings } = load('conflict');
    expect(findings.map(summary)).toEqual([
      'core/include compose.yml:5:3-5:6 service "web" is defined both here and in the included project "other/compose.yml"; Compose refuses the conflict',
      'core/include compose.yml:3:5-3:22 service "cache" of the included project "again/compose.yml" is already defined by an earlier include; Compose refuses the conflict',
    ]);
    expect(findings.map((f) => f.related.map((r) => `${at(r)} ${r.message}`))).toEqual([
      ['other/compose.yml:2:3-2:6 the service as the included project defines it'],
      ['again/compose.yml:2:3-2:8 the service as the included project defines it', 'other/compose.yml:6:3-6:8 the service as an earlier include defines it'],
    ]);
    expect(project.services.map((s) => s.name)).toEqual(['web', 'db', 'cache']);
    expect(valueAt(project, 'web', 'image')).toBe('web:1 compose.yml:6:12-6:17');
    expect(valueAt(project, 'db', 'image')).toBe('postgres:16 compose.yml:8:12-8:23');
    expect(valueAt(project, 'cache', 'image')).toBe('redis:7 other/compose.yml:7:12-7:19');
  });
});
