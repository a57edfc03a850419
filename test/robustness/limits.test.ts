import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, truncateSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES } from '../../src/input/source.js';
import { MAX_BLOCK_DEPTH } from '../../src/parse/nginx.js';
import { BIN, CLEAN, HARDENED_SERVICE, runCli, tempProject } from '../cli/run.js';

// Limits of what the linter reads. Covered elsewhere, at the parser or reader: NUL bytes, UTF-16 and
// UTF-32 with and without a byte-order mark, the UTF-8 byte-order mark, invalid UTF-8, FIFOs and
// directories named on the command line, the size limit (test/input/source.test.ts); the alias bomb,
// CRLF positions, nesting 2,000 flow levels deep (test/parse/yaml.test.ts); nginx include cycles
// (test/parse/nginx.test.ts). Here each goes through the CLI, one diagnostic line each, among good files.

/** A production compose file with exactly one error: a privileged service, at 16:17. */
const GOOD = `${CLEAN}    privileged: true\n`;

const laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i <= 9; i++) laughs.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);

const MB = 1024 * 1024;
const utf16 = (text: string, bom: boolean, big = false): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  if (big) le.swap16();
  return Buffer.concat([bom ? Buffer.from(big ? [0xfe, 0xff] : [0xff, 0xfe]) : Buffer.alloc(0), le]);
};
const nestedBlocks = (depth: number) => `events {}\nhttp {\n${'location / {\n'.repeat(depth)}${'}\n'.repeat(depth)}}\n`;

const FILES: Record<string, string | Uint8Array> = {
  'good/docker-compose.yml': GOOD,
  'bomb/docker-compose.yml': `${laughs.join('\n')}\nservices: {}\n`,
  'flow/docker-compose.yml': `services:\n  a:\n    image: x\n    labels: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'map/docker-compose.yml': `services:\n  a:\n    image: x\n    x-deep: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
  // Block nesting 10,000 deep needs 50 MB of indentation; 2,500 levels is what fits under the size limit.
  'block/docker-compose.yml': `services:\n  a:\n    image: x\n    x-deep:\n${Array.from({ length: 2500 }, (_, i) => `${' '.repeat(6 + i)}k:\n`).join('')}${' '.repeat(2506)}v\n`,
  // A 1 MB line, and a finding after it on the same line: its column counts every character before it.
  'long/docker-compose.yml': `services:\n  api:\n    labels: {pad: "${'y'.repeat(MB)}"}\n${HARDENED_SERVICE}    x-pad: {a: "${'x'.repeat(MB)}"}\n    privileged: true\n`,
  'nul/docker-compose.yml': Buffer.concat([Buffer.from('services:\n  a:\n    image: "x'), Buffer.from([0]), Buffer.from('"\n')]),
  'utf16le/docker-compose.yml': utf16(GOOD, true),
  'utf16be/docker-compose.yml': utf16(GOOD, true, true),
  'utf16nobom/docker-compose.yml': utf16(GOOD, false),
  'bom/docker-compose.yml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD)]),
  'crlf/docker-compose.yml': GOOD.replace(/\n/g, '\r\n'),
  'loop/nginx.conf': 'events {}\ninclude a.conf;\n',
  'loop/a.conf': 'worker_processes 1;\ninclude nginx.conf;\n',
  'deep/nginx.conf': nestedBlocks(10_000),
};

describe('limits, each a one-line diagnostic at its place, and the other files still linted', () => {
  const dir = tempProject(FILES);
  // 50 MB, made sparse: the size is refused before anything is read.
  mkdirSync(path.join(dir, 'huge'));
  writeFileSync(path.join(dir, 'huge/docker-compose.yml'), '');
  truncateSync(path.join(dir, 'huge/docker-compose.yml'), 50 * MB);
  const targets = Object.keys(FILES).filter((name) => !name.endsWith('a.conf')).concat('huge/docker-compose.yml');
  const run = runCli(['--format', 'compact', '--no-config', ...targets], { cwd: dir });
  /** The diagnostics of one file, as "line:col severity message (rule)", the folder left out. */
  const of = (file: string) =>
    run.stdout
      .split('\n')
      .filter((line) => line.startsWith(`${dir}/${file}: `))
      .map((line) => line.slice(dir.length + file.length + 3).replace(/^line (\d+), col (\d+), /, '$1:$2 '));
  const core = (file: string) => of(file).filter((line) => / \(core\/[a-z-]+\)$/.test(line));

  it('exits 1 (findings), with nothing on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('lints the good file as if alone', () => {
    const alone = runCli(['--format', 'compact', '--no-config', 'good/docker-compose.yml'], { cwd: dir });
    expect(of('good/docker-compose.yml')).toEqual(['16:17 Error - service "api" sets "privileged: true": the container gets every capability and host device, without seccomp or AppArmor confinement (compose/no-privileged)']);
    expect(alone.stdout.split('\n').filter((l) => l.startsWith(dir))).toEqual(run.stdout.split('\n').filter((l) => l.startsWith(`${dir}/good/`)));
  });

  it('a YAML alias bomb', () => {
    expect(core('bomb/docker-compose.yml')).toEqual(['5:30 Error - aliases expand to more than 50000 nodes; the file is refused as an alias bomb ("billion laughs") (core/yaml)']);
  });

  it('a 50 MB file', () => {
    expect(of('huge/docker-compose.yml')).toEqual([`1:1 Error - file is ${50 * MB} bytes, over the limit of ${DEFAULT_MAX_BYTES} bytes (core/input)`]);
  });

  it('nesting 10,000 deep, flow and block: one diagnostic where the parser gave up', () => {
    // Where the parser's stack runs out depends on the engine; the line is exact, the column inside the nesting.
    for (const [file, line] of [['flow/docker-compose.yml', 4], ['map/docker-compose.yml', 4]] as const) {
      const [diagnostic, ...rest] = of(file);
      expect(rest).toEqual([]);
      const match = /^(\d+):(\d+) Error - collections nest too deeply here for the file to be read \(core\/yaml\)$/.exec(diagnostic!);
      expect(match?.[1]).toBe(String(line));
      expect(Number(match![2])).toBeGreaterThan(100);
      expect(Number(match![2])).toBeLessThan(40_000);
    }
    const [block, ...rest] = of('block/docker-compose.yml');
    expect(rest).toEqual([]);
    const match = /^(\d+):(\d+) Error - collections nest too deeply here for the file to be read \(core\/yaml\)$/.exec(block!);
    // At a key: its column is its indentation, 6 + its level, on line 5 + its level.
    expect(Number(match![2])).toBe(Number(match![1]) + 2);
  });

  it('two 1 MB lines: a finding after them at its exact line and column', () => {
    expect(of('long/docker-compose.yml')).toEqual(['18:17 Error - service "api" sets "privileged: true": the container gets every capability and host device, without seccomp or AppArmor confinement (compose/no-privileged)']);
  });

  it('NUL bytes: refused as binary at the first one', () => {
    expect(of('nul/docker-compose.yml')).toEqual(['3:14 Error - binary file (NUL byte at offset 28), not a text file (core/input)']);
  });

  it('UTF-16 with a byte-order mark, either order, and without one: refused in words', () => {
    expect(of('utf16le/docker-compose.yml')).toEqual(['1:1 Error - file is UTF-16 encoded; save it as UTF-8 (core/input)']);
    expect(of('utf16be/docker-compose.yml')).toEqual(['1:1 Error - file is UTF-16 encoded; save it as UTF-8 (core/input)']);
    expect(of('utf16nobom/docker-compose.yml')).toEqual(['1:1 Error - file is UTF-16 encoded; save it as UTF-8 (core/input)']);
  });

  it('a UTF-8 byte-order mark and CRLF line ends: read, and positions as without them', () => {
    const good = of('good/docker-compose.yml');
    expect(of('bom/docker-compose.yml')).toEqual(good);
    expect(of('crlf/docker-compose.yml')).toEqual(good);
  });

  it('an nginx include loop', () => {
    expect(core('loop/a.conf')).toEqual(['2:9 Error - include cycle: nginx.conf → a.conf → nginx.conf (core/nginx)']);
  });

  it(`nginx blocks nested 10,000 deep: refused past ${MAX_BLOCK_DEPTH} levels, at the brace`, () => {
    expect(core('deep/nginx.conf')).toEqual([`${MAX_BLOCK_DEPTH + 2}:12 Error - blocks nest deeper than ${MAX_BLOCK_DEPTH} levels (core/nginx)`]);
  });
});

describe('what a directory walk meets', () => {
  const dir = tempProject({ 'app/docker-compose.yml': GOOD, 'app/sub/compose.yaml': GOOD, 'named/docker-compose.yml/keep': 'x' });
  // A link to a folder above (a loop), links to each other (a loop of files), a dangling link, a
  // FIFO and a device under compose names: none is read, none blocks, the real files are linted.
  symlinkSync('..', path.join(dir, 'app/sub/up'));
  symlinkSync(path.join(dir, 'app/docker-compose.b.yml'), path.join(dir, 'app/docker-compose.a.yml'));
  symlinkSync(path.join(dir, 'app/docker-compose.a.yml'), path.join(dir, 'app/docker-compose.b.yml'));
  symlinkSync(path.join(dir, 'nowhere.yml'), path.join(dir, 'app/docker-compose.dangling.yml'));
  symlinkSync('/dev/zero', path.join(dir, 'app/docker-compose.zero.yml'));
  spawnSync('mkfifo', [path.join(dir, 'app/sub/docker-compose.fifo.yml')]);

  it('skips loops, FIFOs and devices and lints the compose files it finds, in path order', () => {
    const run = runCli(['--format', 'compact', '--no-config', '.'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const files = [...new Set(run.stdout.split('\n').filter((l) => l.startsWith(dir)).map((l) => l.slice(dir.length + 1, l.indexOf(': '))))];
    expect(files).toEqual(['app/docker-compose.yml', 'app/sub/compose.yaml']);
  });

  it('a FIFO, a device, a loop of links, a folder where a file should be: named on the command line, each refused in one line', () => {
    const names = ['app/sub/docker-compose.fifo.yml', 'app/docker-compose.zero.yml', 'app/docker-compose.a.yml', 'app/docker-compose.yml'];
    const run = runCli(['--format', 'compact', '--no-config', ...names], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const core = run.stdout.split('\n').filter((l) => l.endsWith('(core/input)')).map((l) => l.slice(dir.length + 1));
    expect(core).toEqual([
      'app/docker-compose.a.yml: line 1, col 1, Error - cannot read file (too many levels of symbolic links) (core/input)',
      'app/docker-compose.zero.yml: line 1, col 1, Error - is not a regular file (core/input)',
      'app/sub/docker-compose.fifo.yml: line 1, col 1, Error - is not a regular file (core/input)',
    ]);
    expect(run.stdout).toContain(`${dir}/app/docker-compose.yml: line 16, col 17, Error - service "api" sets "privileged: true"`);
    // A folder named as a path is searched; as a -f file, where a file must be, it is refused.
    expect(runCli(['--format', 'compact', '--no-config', '-f', 'named/docker-compose.yml'], { cwd: dir })).toEqual({
      status: 1,
      stdout: `${dir}/named/docker-compose.yml: line 1, col 1, Error - is a directory, not a file (core/input)\n\n1 problem\n`,
      stderr: '',
    });
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file (skipped as root, who reads it anyway; the folder-for-a-file case above stands in)', () => {
    const file = path.join(dir, 'app/docker-compose.locked.yml');
    writeFileSync(file, GOOD);
    chmodSync(file, 0o000);
    const run = runCli(['--format', 'compact', '--no-config', 'app/docker-compose.locked.yml', 'app/docker-compose.yml'], { cwd: dir });
    chmodSync(file, 0o644);
    expect(run.stdout).toContain(`${dir}/app/docker-compose.locked.yml: line 1, col 1, Error - permission denied (core/input)`);
    expect(run.stdout).toContain(`${dir}/app/docker-compose.yml: line 16, col 17,`);
  });
});

describe('a directory of 100,000 files', () => {
  const dir = tempProject({});
  // 100,000 files that are not compose files, in 100 folders, and one compose file among them.
  for (let f = 0; f < 100; f++) {
    const folder = path.join(dir, `d${String(f).padStart(3, '0')}`);
    mkdirSync(folder);
    for (let i = 0; i < 1000; i++) closeSync(openSync(path.join(folder, `file-${i}.txt`), 'w'));
  }
  writeFileSync(path.join(dir, 'd050/docker-compose.yml'), GOOD);

  it('is walked in bounded memory and its one compose file linted', () => {
    const child = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, BIN, '--format', 'compact', '--no-config', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    expect(child.status).toBe(1);
    expect(child.stdout.split('\n').filter((l) => l.startsWith(dir))).toEqual([`${dir}/d050/docker-compose.yml: line 16, col 17, Error - service "api" sets "privileged: true": the container gets every capability and host device, without seccomp or AppArmor confinement (compose/no-privileged)`]);
    const rss = Number(/maxrss=(\d+)/.exec(child.stderr)![1]);
    if (process.env.ESCASHOP_DEBUG) process.stderr.write(`100,000 files: ${rss} kB\n`);
    // A run over one small file takes about 60 MB; the walk may add little to it.
    expect(rss).toBeLessThan(200 * 1024);
  });
});
