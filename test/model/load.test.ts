import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectLoader } from '../../src/model/load.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';

const FIXTURES = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'model');
const rel = (file: string) => path.relative(PACKAGE_ROOT, file).split(path.sep).join('/');

describe('ProjectLoader: what a project is built from', () => {
  it('lists files reached only through extends, after the -f file, each once', () => {
    const dir = path.join(FIXTURES, 'extends', 'files');
    const { project } = new ProjectLoader({ cwd: PACKAGE_ROOT }).load({ files: [path.join(dir, 'docker-compose.yml')] }, 'prod');
    expect(project?.files.slice(0, 2)).toEqual(['test/fixtures/model/extends/files/docker-compose.yml', 'test/fixtures/model/extends/files/common/base.yml']);
    expect(new Set(project?.files).size).toBe(project?.files.length);
  });

  it('knows where a variable set only by an included project env file was set', () => {
    const dir = path.join(FIXTURES, 'include', 'basic');
    const { project } = new ProjectLoader({ cwd: PACKAGE_ROOT }).load({ files: [path.join(dir, 'compose.yml')] }, 'prod');
    const tag = project?.variableOrigins.get('WORKER_TAG');
    expect(tag && { file: rel(path.resolve(PACKAGE_ROOT, tag.file)), line: tag.range.start.line, column: tag.range.start.column }).toEqual({
      file: 'test/fixtures/model/include/basic/lib/one.env',
      line: 1,
      column: 12,
    });
    // The including project's own value wins, and so does the place it was set.
    const shared = project?.variableOrigins.get('SHARED');
    expect(shared && rel(path.resolve(PACKAGE_ROOT, shared.file))).toBe('test/fixtures/model/include/basic/.env');
  });
});
