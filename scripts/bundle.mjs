// The bundled CLI: src/cli/main.ts and everything it imports, in one CommonJS file
// (dist/escashop-lint.cjs) that bin/escashop-lint.js runs. One file spares every start hundreds of
// module resolutions, reads and compiles. What a run may not need (a formatter it does not print,
// ora, a validator) is imported with import() or require() where it is used, which in the bundle is
// a lazy initialiser: its module is evaluated on the first call, never at start.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bundle, and its code cache that bin/escashop-lint.js keeps beside it. */
export const BUNDLE = 'dist/escashop-lint.cjs';
/** What esbuild says about the bundle's inputs (its metafile): which modules it holds. */
export const BUNDLE_META = 'dist/escashop-lint.meta.json';

/**
 * Modules that load something on first use with `const require = createRequire(import.meta.url);`
 * and `require('…')` of a literal name: the bundle drops that line, so that each `require` names a
 * module of the bundle, still evaluated only when it is called.
 */
const LAZY_REQUIRES = ['src/schema/precompiled.ts', 'src/config/options.ts'];
const LOCAL_REQUIRE = /^\s*const require = createRequire\(import\.meta\.url\);\n/m;

/** Packages left out of the bundle: cosmiconfig imports typescript only to load a TypeScript configuration. */
const EXTERNAL = ['typescript'];

/**
 * A dependency's dynamic `import()` of a module outside the bundle: of a name known only at run time
 * (cosmiconfig loads a JavaScript configuration file so) or of an EXTERNAL package.
 * bin/escashop-lint.js compiles the bundle with `vm.Script` and a code cache, where Node.js 20 has no
 * `import()` (the code cache loses the callback). Such a call becomes `ESCASHOP_IMPORT(…)`, the
 * `import()` of bin/escashop-lint.js, an ES module.
 */
const RUNTIME_IMPORT = new RegExp(`(?<![\\w$.])import\\((?!\\s*['"\`])|(?<![\\w$.])import\\((?=\\s*['"](?:${EXTERNAL.join('|')})['"])`, 'g');

/** How the bundle reads some modules: see LAZY_REQUIRES, RUNTIME_IMPORT, and the generated validators below. */
const sources = {
  name: 'escashop-sources',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.search(RUNTIME_IMPORT) === -1) return undefined;
      return { contents: source.replace(RUNTIME_IMPORT, 'ESCASHOP_IMPORT('), loader: 'js' };
    });
    const names = LAZY_REQUIRES.map((name) => path.join(root, name));
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!names.includes(args.path)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!LOCAL_REQUIRE.test(source)) throw new Error(`${args.path}: no \`const require = createRequire(import.meta.url);\` line to drop`);
      return { contents: source.replace(LOCAL_REQUIRE, ''), loader: 'ts' };
    });
    // Ajv's generated code (src/schema/precompiled.ts) is a fifth of the bundle, and nothing in it
    // depends on a local name: shortened, it is smaller to read. The rest of the bundle keeps its
    // names, which stack traces (ESCASHOP_DEBUG) and error class names depend on.
    build.onLoad({ filter: /[\\/]src[\\/]schema[\\/]generated[\\/][^\\/]+\.validate\.cjs$/ }, async (args) => {
      const { code } = await transform(readFileSync(args.path, 'utf8'), { loader: 'js', format: 'cjs', minify: true, target: 'node20' });
      return { contents: code, loader: 'js' };
    });
  },
};

/**
 * Code that runs before the bundle's modules, in strict mode as esbuild makes them (its own
 * "use strict" comes after this). `import.meta.url` is the bundle's URL (esbuild leaves it
 * empty in CommonJS output), so package-info.ts finds the package root from dist/. ESCASHOP_LAZY
 * lists the lazily loaded modules a run evaluated, in order (see `recordLazyModules`); with
 * ESCASHOP_DEBUG_MODULES set, it is written to stderr at exit (test/build/bundle.test.ts reads it).
 */
const BANNER = `"use strict";
const ESCASHOP_BUNDLE_URL = require("node:url").pathToFileURL(__filename).href;
const ESCASHOP_IMPORT = typeof module.importModule === "function" ? module.importModule : (specifier) => import(specifier);
const ESCASHOP_LAZY = [];
if (process.env.ESCASHOP_DEBUG_MODULES) process.on("exit", () => process.stderr.write(\`escashop-lint: lazy modules evaluated: \${JSON.stringify(ESCASHOP_LAZY)}\\n\`));`;

/**
 * esbuild's lazy initialisers, `__esm` (an ES module) and `__commonJS` (a CommonJS one), each take
 * an object whose one key is the module's path and run it on their first call: record that path.
 */
function recordLazyModules(code) {
  let recorded = code;
  for (const wrapper of ['fn', 'cb']) {
    const call = `[__getOwnPropNames(${wrapper})[0]]`;
    if (recorded.split(call).length !== 2) throw new Error(`the bundle does not have esbuild's lazy initialiser \`${call}\` exactly once: update recordLazyModules`);
    recorded = recorded.replace(call, `[(name => (ESCASHOP_LAZY.push(name), name))(__getOwnPropNames(${wrapper})[0])]`);
  }
  return recorded;
}

/** Builds dist/escashop-lint.cjs and its metafile. */
export async function bundle() {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const outfile = path.join(root, BUNDLE);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    define: { ESCASHOP_BUNDLED_VERSION: JSON.stringify(version), 'import.meta.url': 'ESCASHOP_BUNDLE_URL' },
    banner: { js: BANNER },
    // Whitespace and syntax only: identifiers keep their names, as stack traces (ESCASHOP_DEBUG) show them.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [sources],
  });
  const code = recordLazyModules(asciiOnly(readFileSync(outfile, 'utf8')));
  // The first line names this build: the code cache of another build is not used (bin/escashop-lint.js).
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  writeFileSync(outfile, `// escashop-lint ${version} build ${id}\n${code}`);
  writeFileSync(path.join(root, BUNDLE_META), JSON.stringify(result.metafile));
}

/**
 * The bundle with every non-ASCII character written as a `\u` escape. esbuild escapes them in
 * strings but not in regular expression literals; one such character makes the whole source a
 * two-byte string, twice the memory, decoded the slow way. An escape means the same character in a string, a
 * regular expression (with or without the `u` flag, a surrogate pair as one code point) and an
 * identifier.
 */
function asciiOnly(code) {
  // An escaped character (`\–` in a regular expression) keeps one backslash: `\u2013`.
  return code.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => `${slashes.slice(slashes.length % 2)}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundle();
}
