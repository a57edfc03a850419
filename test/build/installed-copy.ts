import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { BUNDLE } from '../../scripts/bundle.mjs';

/** Copies what `npm pack` ships of the CLI (package.json "files", without node_modules) into a new folder. */
export function installedCopy(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'escashop-installed-'));
  for (const file of ['package.json', 'bin/escashop-lint.js', BUNDLE]) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    cpSync(path.join(PACKAGE_ROOT, file), path.join(root, file));
  }
  for (const folder of ['schemas', 'docs']) cpSync(path.join(PACKAGE_ROOT, folder), path.join(root, folder), { recursive: true });
  for (const entry of readdirSync(path.join(PACKAGE_ROOT, 'rules'), { recursive: true, encoding: 'utf8' })) {
    if (path.basename(entry) !== 'README.md') continue;
    mkdirSync(path.dirname(path.join(root, 'rules', entry)), { recursive: true });
    cpSync(path.join(PACKAGE_ROOT, 'rules', entry), path.join(root, 'rules', entry));
  }
  return root;
}
