#!/usr/bin/env node
// Entry point: runs the bundled CLI (dist/escashop-lint.cjs, scripts/bundle.mjs) and sets the exit
// code without cutting output short.
//
// The bundle is compiled with V8's code cache, kept beside it (dist/escashop-lint.cjs.cache): a start
// then skips compiling the bundle and the functions an earlier run compiled. The cache starts with
// the bundle's build id (its first line), as V8 itself checks only the source's length. A cache that
// is missing, of another build, or that V8 rejects (another Node.js version or V8 flags) is written
// anew after the run, when the folder can be written; any problem with it only costs the compile.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/escashop-lint.cjs', import.meta.url));
const cacheFile = `${bundle}.cache`;

let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write('escashop-lint: not built yet; run `npm install` (or `npm run build`) in the package folder\n');
  process.exitCode = 2;
}
if (source !== undefined) {
  let loaded;
  try {
    loaded = load(source);
  } catch (error) {
    // A broken or half-written build: one line, like every other failure.
    process.stderr.write(`escashop-lint: cannot load the built CLI (${String(error?.message ?? error).split('\n')[0]}); run \`npm run build\`\n`);
    process.exitCode = 2;
  }
  if (loaded) {
    process.exitCode = await loaded.main(process.argv.slice(2));
    if (loaded.writeCache) saveCache(loaded.script, loaded.id);
  }
}

/** Compiles and runs the bundle as a CommonJS module: its exports, and whether its code cache should be written. */
function load(text) {
  const id = text.slice(0, text.indexOf('\n') + 1);
  const cachedData = readCache(id);
  const script = new vm.Script(Module.wrap(text), {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  // Code compiled by vm.Script has no import() of its own: the bundle imports a JavaScript
  // configuration file through this one (scripts/bundle.mjs).
  const module = { exports: {}, importModule: (specifier) => import(specifier) };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  if (typeof module.exports.main !== 'function') throw new Error(`${bundle} has no main()`);
  return { main: module.exports.main, script, id, writeCache: !cachedData || script.cachedDataRejected === true };
}

/** The code cache of this build of the bundle, if there is one. */
function readCache(id) {
  try {
    const data = readFileSync(cacheFile);
    return data.subarray(0, id.length).toString('latin1') === id ? data.subarray(id.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the code cache, with the functions this run compiled, in one rename so that no run reads half of it. */
function saveCache(script, id) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()]));
    renameSync(temporary, cacheFile);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
  }
}
