import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the folder holding package.json, from src/ or dist/src/. */
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

export const VERSION: string = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
