import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distIsFresh } from '../../scripts/build-freshness.mjs';

describe('whether dist/ needs a build (test setup, npm pack)', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'escashop-freshness-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  /** Writes `file` under the temporary root, last changed `seconds` after the epoch. */
  const write = (file: string, seconds: number) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
    utimesSync(path.join(root, file), seconds, seconds);
  };
  write('rules/compose/a/index.ts', 100);
  write('src/lint.ts', 100);
  write('package.json', 100);

  /** Whether dist/ counts as fresh with the compiled library and the bundle written at these times (undefined: missing). */
  const freshWith = (library: number, bundle: number | undefined) => {
    write('dist/src/cli/main.js', library);
    rmSync(path.join(root, 'dist/escashop-lint.cjs'), { force: true });
    if (bundle !== undefined) write('dist/escashop-lint.cjs', bundle);
    return distIsFresh(root);
  };

  it('needs both the compiled library and the bundled CLI, each newer than every source', () => {
    expect([freshWith(200, undefined), freshWith(200, 200), freshWith(200, 50), freshWith(50, 200)]).toEqual([false, true, false, false]);
  });

  it('counts the bundle script and package.json (its version) as sources', () => {
    expect(freshWith(200, 200)).toBe(true);
    write('package.json', 300);
    expect(freshWith(200, 200)).toBe(false);
    write('package.json', 100);
    write('scripts/bundle.mjs', 300);
    expect(freshWith(200, 200)).toBe(false);
  });
});
