// Whether dist/ is newer than everything it is compiled from: the test setup rebuilds when it is not,
// and `npm pack` (which runs `prepare` again right after `npm install` built it) skips the rebuild.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the CLI runs: `bin/escashop-lint.js` imports it. */
const BUILT = 'dist/src/cli/main.js';
/** What dist/ is compiled from (besides the files under these folders, the build scripts). */
const SOURCE_DIRS = ['src', 'rules'];
const BUILD_INPUTS = ['scripts/build.mjs', 'scripts/codegen.mjs', 'tsconfig.json', 'tsconfig.build.json'];

export function distIsFresh(root) {
  return mtime(path.join(root, BUILT)) >= newestSource(root);
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
