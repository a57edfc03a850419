#!/usr/bin/env node
// Entry point: runs the compiled CLI and sets the exit code without cutting output short.
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('escashop-lint: not built yet; run `npm install` (or `npm run build`) in the package folder\n');
  process.exitCode = 2;
} else {
  let run;
  try {
    ({ main: run } = await import(main.href));
  } catch (error) {
    // A broken or half-written build: one line, like every other failure.
    process.stderr.write(`escashop-lint: cannot load the built CLI (${String(error?.message ?? error).split('\n')[0]}); run \`npm run build\`\n`);
    process.exitCode = 2;
  }
  if (run) process.exitCode = await run(process.argv.slice(2));
}
