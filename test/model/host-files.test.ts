import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIndex } from '../../src/model/git-index.js';
import { HostFiles, octalMode } from '../../src/model/host-files.js';
import { dockerignored, dockerignorePatterns, gitignored, gitignorePatterns } from '../../src/model/ignore-files.js';
import { git, hostProject } from '../host-project.js';

describe('git index', () => {
  const files = { 'a.txt': 'a\n', 'deep/er/b.txt': 'b\n', 'deep/er/bb.txt': 'bb\n', 'untracked.txt': 'u\n', 'later.txt': 'l\n' };

  it.each([2, 4] as const)('reads version %i', (version) => {
    const dir = hostProject({ files, git: ['a.txt', 'deep/er/b.txt', 'deep/er/bb.txt'], indexVersion: version });
    expect(readIndex(path.join(dir, '.git', 'index'))?.version).toBe(version);
    const host = new HostFiles();
    expect(host.tracked(path.join(dir, 'a.txt'))).toBe(true);
    expect(host.tracked(path.join(dir, 'deep/er/b.txt'))).toBe(true);
    expect(host.tracked(path.join(dir, 'deep/er/bb.txt'))).toBe(true);
    expect(host.tracked(path.join(dir, 'untracked.txt'))).toBe(false);
    expect(host.tracked(path.join(dir, 'deep/er'))).toBe(false);
  });

  it('reads version 3 (extended flags: an intent-to-add entry) and version 4 after it', () => {
    const dir = hostProject({ files, git: ['a.txt'] });
    git(dir, 'add', '-N', 'later.txt');
    expect(readIndex(path.join(dir, '.git', 'index'))?.version).toBe(3);
    expect(new HostFiles().tracked(path.join(dir, 'later.txt'))).toBe(true);
    expect(new HostFiles().tracked(path.join(dir, 'untracked.txt'))).toBe(false);
    git(dir, 'update-index', '--index-version', '4');
    expect(readIndex(path.join(dir, '.git', 'index'))?.version).toBe(4);
    expect(new HostFiles().tracked(path.join(dir, 'later.txt'))).toBe(true);
    expect(new HostFiles().tracked(path.join(dir, 'a.txt'))).toBe(true);
  });

  it('reads a SHA-256 repository', () => {
    const dir = hostProject({ files });
    git(dir, 'init', '-q', '--object-format=sha256');
    git(dir, 'add', 'a.txt', 'deep/er/b.txt');
    const host = new HostFiles();
    expect(host.tracked(path.join(dir, 'deep/er/b.txt'))).toBe(true);
    expect(host.tracked(path.join(dir, 'untracked.txt'))).toBe(false);
  });

  it('finds the repository from a subfolder and through a `.git` file (a linked worktree)', () => {
    const dir = hostProject({ files, git: ['a.txt', 'deep/er/b.txt'] });
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'init');
    const linked = path.join(dir, 'linked');
    git(dir, 'worktree', 'add', '-q', linked);
    const host = new HostFiles();
    expect(host.tracked(path.join(linked, 'deep/er/b.txt'))).toBe(true);
    expect(host.tracked(path.join(linked, 'nothing.txt'))).toBe(false);
  });

  it('counts every path under a sparse index\'s folder entry as tracked', () => {
    const dir = hostProject({ files: { 'app/x': '1', 'secrets/db.txt': '2', top: '3' }, git: ['.'] });
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'init');
    git(dir, 'sparse-checkout', 'init', '--cone', '--sparse-index');
    git(dir, 'sparse-checkout', 'set', 'app');
    const entries = readIndex(path.join(dir, '.git', 'index'));
    expect(entries?.sparseDirs).toEqual(['secrets']);
    const host = new HostFiles();
    expect(host.tracked(path.join(dir, 'secrets', 'db.txt'))).toBe(true);
    expect(host.tracked(path.join(dir, 'app', 'x'))).toBe(true);
    expect(host.tracked(path.join(dir, 'other.txt'))).toBe(false);
  });

  it('leaves a path a split index does not list unknown', () => {
    const dir = hostProject({ files: { x: '1', y: '2', z: '3' }, git: ['x'] });
    git(dir, 'update-index', '--split-index');
    git(dir, 'add', 'y');
    expect(readIndex(path.join(dir, '.git', 'index'))?.split).toBe(true);
    expect(new HostFiles().tracked(path.join(dir, 'z'))).toBeUndefined();
  });

  it('is unknown without a repository, or without an index', () => {
    const plain = hostProject({ files });
    expect(new HostFiles().tracked(path.join(plain, 'a.txt'))).toBeUndefined();
    const empty = hostProject({ files, git: [] });
    expect(new HostFiles().tracked(path.join(empty, 'a.txt'))).toBeUndefined();
  });

  it('refuses what is not an index', () => {
    const dir = hostProject({ files: { 'index': 'DIRC not really an index at all, just text' } });
    expect(readIndex(path.join(dir, 'index'))).toBeUndefined();
  });
});

describe('gitignore', () => {
  const patterns = (text: string, dir = '') => [{ dir, patterns: gitignorePatterns(text) }];

  it('matches names at any depth, anchored paths from the file\'s folder, folders only with a trailing /', () => {
    expect(gitignored(patterns('*.txt\n'), 'secrets/db.txt')).toBe(true);
    expect(gitignored(patterns('secrets/\n'), 'app/secrets/db.txt')).toBe(true);
    expect(gitignored(patterns('/secrets\n'), 'app/secrets/db.txt')).toBe(false);
    expect(gitignored(patterns('db.txt/\n'), 'secrets/db.txt')).toBe(false);
    expect(gitignored(patterns('secrets/*.txt\n'), 'secrets/db.txt')).toBe(true);
    expect(gitignored(patterns('secrets/*.txt\n'), 'app/secrets/db.txt')).toBe(false);
    expect(gitignored(patterns('**/secrets/**\n'), 'a/b/secrets/c/db.txt')).toBe(true);
    expect(gitignored(patterns('db.txt\n', 'app'), 'app/secrets/db.txt')).toBe(true);
    expect(gitignored(patterns('db.txt\n', 'app'), 'other/db.txt')).toBe(false);
  });

  it('reads comments, escapes and exceptions; an ignored folder cannot be brought back', () => {
    expect(gitignored(patterns('# db.txt\n'), 'db.txt')).toBe(false);
    expect(gitignored(patterns('*.txt\n!keep.txt\n'), 'keep.txt')).toBe(false);
    expect(gitignored(patterns('secrets/*\n!secrets/README.md\n'), 'secrets/README.md')).toBe(false);
    expect(gitignored(patterns('secrets/\n!secrets/README.md\n'), 'secrets/README.md')).toBe(true);
    expect(gitignored(patterns('\\#x\n'), '#x')).toBe(true);
    expect(gitignored(patterns('db[0-9].txt\n'), 'db1.txt')).toBe(true);
    expect(gitignored(patterns('db[!0-9].txt\n'), 'db1.txt')).toBe(false);
  });

  it('reads the .gitignore files of a worktree and its info/exclude, for files that do not exist yet', () => {
    const dir = hostProject({ files: { '.gitignore': 'secrets/\n', 'app/.gitignore': '*.key\n', 'app/x': '' }, git: [] });
    writeFileSync(path.join(dir, '.git', 'info', 'exclude'), 'local.env\n');
    const host = new HostFiles();
    expect(host.gitignored(path.join(dir, 'secrets', 'db.txt'))).toBe(true);
    expect(host.gitignored(path.join(dir, 'app', 'tls', 'server.key'))).toBe(true);
    expect(host.gitignored(path.join(dir, 'server.key'))).toBe(false);
    expect(host.gitignored(path.join(dir, 'local.env'))).toBe(true);
    expect(new HostFiles().gitignored(path.join(hostProject({ files: {} }), 'secrets', 'db.txt'))).toBeUndefined();
  });
});

describe('dockerignore', () => {
  const ignored = (text: string, rel: string) => dockerignored(dockerignorePatterns(text), rel);

  it('anchors every pattern at the context root and leaves out what is under a matching folder', () => {
    expect(ignored('secrets\n', 'secrets/db.txt')).toBe(true);
    expect(ignored('/secrets/\n', 'secrets/db.txt')).toBe(true);
    expect(ignored('./secrets\n', 'secrets/db.txt')).toBe(true);
    expect(ignored('secrets\n', 'app/secrets/db.txt')).toBe(false);
    expect(ignored('**/secrets\n', 'app/secrets/db.txt')).toBe(true);
    expect(ignored('*.txt\n', 'secrets/db.txt')).toBe(false);
    expect(ignored('**/*.txt\n', 'secrets/db.txt')).toBe(true);
    expect(ignored('secrets/db?.txt\n', 'secrets/db1.txt')).toBe(true);
  });

  it('lets the last matching pattern decide, exceptions included', () => {
    expect(ignored('secrets\n!secrets/db.txt\n', 'secrets/db.txt')).toBe(false);
    expect(ignored('!secrets/db.txt\nsecrets\n', 'secrets/db.txt')).toBe(true);
    expect(ignored('# secrets\n\n', 'secrets/db.txt')).toBe(false);
    expect(ignored('*\n!src\n', 'secrets/db.txt')).toBe(true);
  });

  it('reads the context\'s .dockerignore, or the Dockerfile\'s own one first', () => {
    const dir = hostProject({ files: { '.dockerignore': 'secrets\n', 'docker/app.Dockerfile.dockerignore': 'node_modules\n', 'secrets/db.txt': 'x' } });
    const host = new HostFiles();
    const file = path.join(dir, 'secrets', 'db.txt');
    expect(host.inBuildContext(dir, file)).toEqual({ sent: false, dockerignore: path.join(dir, '.dockerignore') });
    expect(host.inBuildContext(dir, file, 'docker/app.Dockerfile')).toEqual({ sent: true, dockerignore: path.join(dir, 'docker/app.Dockerfile.dockerignore') });
    expect(host.inBuildContext(path.join(dir, 'backend'), file)).toEqual({ sent: false });
    expect(host.inBuildContext(path.join(dir, 'secrets'), file)).toEqual({ sent: true });
  });
});

describe('HostFiles', () => {
  it('keeps paths inside the base folder, and no symbolic link leads out of it', () => {
    const outside = hostProject({ files: { 'shadow.txt': 'x' } });
    const dir = hostProject({ files: { 'secrets/db.txt': 'x' } });
    mkdirSync(path.join(dir, 'links'));
    symlinkSync(path.join(outside, 'shadow.txt'), path.join(dir, 'links', 'out.txt'));
    symlinkSync(path.join(dir, 'secrets', 'db.txt'), path.join(dir, 'links', 'in.txt'));
    const host = new HostFiles();
    expect(host.within(dir, './secrets/db.txt')).toBe(path.join(dir, 'secrets', 'db.txt'));
    expect(host.within(dir, 'secrets/missing.txt')).toBe(path.join(dir, 'secrets', 'missing.txt'));
    expect(host.within(dir, '/run/secrets/db')).toBeUndefined();
    expect(host.within(dir, '../other/db.txt')).toBeUndefined();
    expect(host.within(dir, 'links/out.txt')).toBeUndefined();
    expect(host.within(dir, 'links/in.txt')).toBe(path.join(dir, 'links', 'in.txt'));
  });

  it('says what a path is and its mode', () => {
    const dir = hostProject({ files: { 'secrets/db.txt': 'x', 'secrets/open.txt': 'x' }, modes: { 'secrets/db.txt': 0o600, 'secrets/open.txt': 0o644 } });
    const host = new HostFiles();
    expect(host.stat(path.join(dir, 'secrets/db.txt'))).toEqual({ kind: 'file', mode: 0o600 });
    expect(host.stat(path.join(dir, 'secrets/open.txt'))).toEqual({ kind: 'file', mode: 0o644 });
    expect(host.stat(path.join(dir, 'secrets'))?.kind).toBe('directory');
    expect(host.stat(path.join(dir, 'secrets/none.txt'))).toEqual({ kind: 'missing' });
    expect(host.stat(path.join(dir, 'secrets/db.txt/below'))).toEqual({ kind: 'missing' });
    expect(octalMode(0o644)).toBe('0644');
    expect(octalMode(0o40)).toBe('0040');
  });

  it('reads an env file once, each value as written', () => {
    const dir = hostProject({ files: { '.env': 'A=1\nexport B="two words" # c\nC\nD=\n' } });
    const host = new HostFiles();
    const read = host.envFile(path.join(dir, '.env'));
    expect(read?.entries.map((e) => [e.name, e.written])).toEqual([
      ['A', '1'],
      ['B', '"two words"'],
      ['C', undefined],
      ['D', ''],
    ]);
    expect(host.envFile(path.join(dir, '.env'))).toBe(read);
    expect(host.envFile(path.join(dir, 'missing.env'))).toBeUndefined();
  });
});
