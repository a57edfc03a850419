// Whether dist/ is newer than everything it is compiled from: the test setup rebuilds when it is not,
// and `npm pack` (which runs `prepare` again right after `npm install` built it) skips the rebuild.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the build writes: the bundled CLI that `bin/escashop-lint.js` runs, and the compiled library. */
const BUILT = ['dist/escashop-lint.cjs', 'dist/src/cli/main.js'];
/** What dist/ is compiled from (besides the files under these folders, the build scripts; package.json holds the version the bundle prints). */
const SOURCE_DIRS = ['src', 'rules'];
const BUILD_INPUTS = ['scripts/build.mjs', 'scripts/bundle.mjs', 'scripts/codegen.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

export function distIsFresh(root) {
  return Math.min(...BUILT.map((f) => mtime(path.join(root, f)))) >= newestSource(root);
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function newestSource(root) {
  let newest = Math.max(...BUILD_INPUTS.map((f) => mtime(path.join(root, f))));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures' && entry.name !== 'node_modules') walk(full);
      } else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) || entry.name.endsWith('.cjs') || entry.name.endsWith('.json')) {
        newest = Math.max(newest, mtime(full));
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  return newest;
}
