import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoComposeFilesError } from '../../src/input/discover.js';
import { expandGlob, NoMatchingFilesError } from '../../src/input/globs.js';
import { ONE_WARNING, runCli, tempProject } from '../cli/run.js';

const FILES = [
  'deploy/docker-compose.yml',
  'deploy/a/docker-compose.prod.yml',
  'deploy/a/compose.yaml',
  'deploy/b/c/docker-compose.yml',
  'deploy/b/notes.md',
  'deploy/node_modules/pkg/docker-compose.yml',
  'deploy/.archive/docker-compose.yml',
  'deploy/.docker-compose.yml',
  'deploy/app[1].yml',
  'deploy/app1.yml',
  '.github/compose.ci.yml',
  'nginx/nginx.conf',
  'nginx/conf.d/site.conf',
];

/** A project holding FILES (each the same compose file, with one warning), symlinks resolved. */
function project(): string {
  const dir = realpathSync(tempProject({}));
  for (const file of FILES) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), ONE_WARNING);
  }
  return dir;
}

describe('expandGlob', () => {
  const dir = project();
  const expand = (glob: string, cwd = dir) => expandGlob(glob, cwd)?.map((file) => path.relative(dir, file).split(path.sep).join('/'));

  it('matches below the fixed folders, in path order, without node_modules, dot-folders or dotfiles', () => {
    expect(expand('deploy/**/docker-compose*.yml')).toEqual(['deploy/a/docker-compose.prod.yml', 'deploy/b/c/docker-compose.yml', 'deploy/docker-compose.yml']);
    expect(expand('deploy/*/*.y*ml')).toEqual(['deploy/a/compose.yaml', 'deploy/a/docker-compose.prod.yml']);
    expect(expand('**/*.conf')).toEqual(['nginx/conf.d/site.conf', 'nginx/nginx.conf']);
    expect(expand('deploy/{a,b/c}/docker-compose*.yml')).toEqual(['deploy/a/docker-compose.prod.yml', 'deploy/b/c/docker-compose.yml']);
  });

  it('searches a dot-folder the glob names, and takes absolute globs and globs above the working directory', () => {
    expect(expand('.github/*.yml')).toEqual(['.github/compose.ci.yml']);
    expect(expand(`${dir}/deploy/a/*.yaml`)).toEqual(['deploy/a/compose.yaml']);
    expect(expand('../b/c/*.yml', path.join(dir, 'deploy/a'))).toEqual(['deploy/b/c/docker-compose.yml']);
  });

  it('leaves alone a path that is no glob, or that exists as written', () => {
    expect(expand('deploy/docker-compose.yml')).toBeUndefined();
    expect(expand('deploy/missing.yml')).toBeUndefined();
    expect(expand('deploy/app[1].yml')).toBeUndefined();
    expect(expand('deploy/app[0-9].yml')).toEqual(['deploy/app1.yml']);
  });

  it('follows links to files', () => {
    const linked = project();
    symlinkSync(path.join(linked, 'deploy/docker-compose.yml'), path.join(linked, 'deploy/b/docker-compose.link.yml'));
    expect(expandGlob('deploy/b/*.yml', linked)).toEqual([path.join(linked, 'deploy/b/docker-compose.link.yml')]);
  });

  it('throws NoMatchingFilesError, a NoComposeFilesError, for a glob that matches nothing or is negated', () => {
    expect(() => expand('deploy/**/*.json')).toThrow(new NoMatchingFilesError('no files match deploy/**/*.json'));
    expect(() => expand('missing/*.yml')).toThrow(NoComposeFilesError);
    expect(() => expand('!deploy/*.yml')).toThrow(new NoMatchingFilesError('!deploy/*.yml: a negated glob (!) is not a path to lint; give globs of the files to lint'));
  });
});

describe('a glob on the command line', () => {
  const dir = project();

  it('lints the files it matches, each as if named', () => {
    const run = runCli(['--no-config', '--format', 'json', 'deploy/**/docker-compose*.yml', 'deploy/app[1].yml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { results: { file: string; ruleId: string; line: number }[] };
    expect(report.results.map((r) => [r.file, r.ruleId, r.line])).toEqual(
      ['deploy/a/docker-compose.prod.yml', 'deploy/app[1].yml', 'deploy/b/c/docker-compose.yml', 'deploy/docker-compose.yml'].map((file) => [file, 'compose/healthcheck', 2]),
    );
  });

  it('is a usage error, exit 2, when it matches nothing', () => {
    const run = runCli(['--no-config', 'deploy/**/compose*.yml.bak'], { cwd: dir });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', 'escashop-lint: no files match deploy/**/compose*.yml.bak\n']);
  });
});
