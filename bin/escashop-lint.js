#!/usr/bin/env node
// Entry point: runs the compiled CLI and sets the exit code without cutting output short.
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('escashop-lint: not built yet; run `npm install` (or `npm run build`) in the package folder\n');
  process.exitCode = 2;
} else {
  const { main: run } = await import(main.href);
  process.exitCode = await run(process.argv.slice(2));
}
