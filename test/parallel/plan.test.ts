import { describe, expect, it } from 'vitest';
import { NoMatchingFilesError } from '../../src/input/globs.js';
import { AUTO_CORES_PER_THREAD, AUTO_FILES_PER_THREAD, shareUnits, threadCount, unitsOf, type Unit } from '../../src/parallel/plan.js';
import { tempProject } from '../cli/run.js';

/** How the targets are cut into units that stay together and shared among threads. */

describe('unitsOf', () => {
  const dir = tempProject({
    'a/docker-compose.yml': 'services: {}\n',
    'a/docker-compose.override.yml': 'services: {}\n',
    'b/compose.yaml': 'services: {}\n',
    'deploy/x/compose.yml': 'services: {}\n',
    'deploy/y/compose.yml': 'services: {}\n',
    'nginx/nginx.conf': 'events {}\n',
    'empty/readme.txt': 'no compose here\n',
  });

  it('keeps a folder\'s files, a directory and a glob each together, in the order first named', () => {
    const units = unitsOf(['b/compose.yaml', 'a/docker-compose.override.yml', 'deploy', 'deploy/*/compose.yml', { files: ['a/docker-compose.yml', 'b/compose.yaml'] }, 'b/nginx.conf', 'nginx/nginx.conf'], dir)!;
    expect(units.map((u) => [u.targets, u.files])).toEqual([
      [['b/compose.yaml', 'b/nginx.conf'], 2],
      [['a/docker-compose.override.yml', { files: ['a/docker-compose.yml', 'b/compose.yaml'] }], 3],
      [['deploy'], 2],
      [['deploy/*/compose.yml'], 2],
      [['nginx/nginx.conf'], 1],
    ]);
    // Weighed by bytes plus a fixed cost per file: equal files weigh the same.
    expect(units[2]!.weight).toBe(units[3]!.weight);
  });

  it('is undefined, or throws, for a target a single call throws on', () => {
    expect(unitsOf(['a/docker-compose.yml', 'empty'], dir)).toBeUndefined();
    expect(() => unitsOf(['a/docker-compose.yml', 'nothing/**/compose.yml'], dir)).toThrow(new NoMatchingFilesError('no files match nothing/**/compose.yml'));
  });

  it('takes a missing file for a file of its folder', () => {
    expect(unitsOf(['a/missing.yml', 'a/docker-compose.yml'], dir)!.map((u) => u.targets)).toEqual([['a/missing.yml', 'a/docker-compose.yml']]);
  });
});

describe('threadCount', () => {
  const units = (count: number, files = 1): Unit[] => Array.from({ length: count }, () => ({ targets: ['x'], files, weight: 1 }));

  it('takes a count as given, up to one thread per unit', () => {
    expect(threadCount(4, units(10), 2)).toBe(4);
    expect(threadCount(4, units(3), 2)).toBe(3);
    expect(threadCount(1, units(10), 2)).toBe(1);
    expect(threadCount('off', units(10000), 8)).toBe(1);
  });

  it('with auto, adds a thread per AUTO_FILES_PER_THREAD files and per AUTO_CORES_PER_THREAD cores', () => {
    expect([AUTO_FILES_PER_THREAD, AUTO_CORES_PER_THREAD]).toEqual([400, 2]);
    expect(threadCount('auto', units(1), 4)).toBe(1);
    expect(threadCount('auto', units(799), 4)).toBe(1);
    expect(threadCount('auto', units(800), 4)).toBe(2);
    expect(threadCount('auto', units(4000), 4)).toBe(2);
    expect(threadCount('auto', units(4000), 9)).toBe(4);
    // Two cores: one thread, however many files.
    expect(threadCount('auto', units(4000), 2)).toBe(1);
    // One directory of many files is one unit: it cannot be shared.
    expect(threadCount('auto', units(1, 5000), 8)).toBe(1);
  });
});

describe('shareUnits', () => {
  const unit = (name: string, weight: number): Unit => ({ targets: [name], files: 1, weight });
  const units = [unit('a', 10), unit('b', 10), unit('c', 10), unit('d', 10), unit('e', 10), unit('f', 10)];

  it('cuts the units into runs of about equal weight, in order', () => {
    expect(shareUnits(units, 2, 0)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f']]);
    expect(shareUnits(units, 3, 0)).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
  });

  it('gives this thread a head start', () => {
    expect(shareUnits(units, 2, 20)).toEqual([['a', 'b', 'c', 'd'], ['e', 'f']]);
    expect(shareUnits(units, 2, 1000)).toEqual([['a', 'b', 'c', 'd', 'e', 'f']]);
  });

  it('never makes an empty share', () => {
    expect(shareUnits([unit('big', 100), unit('small', 1)], 3, 0)).toEqual([['big'], ['small']]);
    expect(shareUnits([unit('only', 10)], 4, 0)).toEqual([['only']]);
  });
});
