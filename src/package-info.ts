import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's version, written into the bundled CLI when scripts/bundle.mjs builds it (esbuild's
 * `define`); not declared anywhere else, so the compiled library reads package.json instead.
 */
declare const ESCASHOP_BUNDLED_VERSION: string | undefined;

/**
 * The package root: the folder holding package.json, found upwards from this module's folder
 * (`src/`, `dist/src/`, or `dist/` for the bundled CLI).
 */
export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(d, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'escashop-lint') return d;
    } catch {
      // keep looking upwards
    }
    if (path.dirname(d) === d) return dir;
  }
}

export const VERSION: string =
  typeof ESCASHOP_BUNDLED_VERSION === 'string'
    ? ESCASHOP_BUNDLED_VERSION
    : (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
