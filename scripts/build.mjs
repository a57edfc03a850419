// Build: precompile the schema validators, bundle the CLI (dist/escashop-lint.cjs, which
// bin/escashop-lint.js runs) and compile TypeScript into dist/ (the library the package exports, and
// its types), with the generated validators placed beside the compiled code.
import { cpSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { codegen } from './codegen.mjs';
import { bundle } from './bundle.mjs';
import { distIsFresh } from './build-freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the code cache's run lints: a compose file like most, with findings and no config file of nginx, redis or postgres of its own. */
const WARM_UP = `services:
  web:
    image: nginx:1.27
    ports: ["80:80", "443:443"]
    depends_on: [api]
  api:
    image: example/api:\${API_TAG:-latest}
    environment:
      DATABASE_URL: postgres://app@db:5432/app
      NODE_ENV: production
    volumes: ["./uploads:/srv/uploads"]
    restart: always
  db:
    image: postgres:16
    environment: {POSTGRES_DB: app}
    volumes: [db:/var/lib/postgresql/data]
volumes:
  db:
`;
// `npm pack` runs `prepare` again right after `npm install` built dist/ (as a pre-commit hook's
// install does): nothing changed since, so the build is skipped.
if (process.env.npm_command === 'pack' && distIsFresh(root)) process.exit(0);
codegen();
// Before tsc, which fails on a type error after emitting: the bundle is built all the same.
await bundle();
// One run writes the bundle's code cache (bin/escashop-lint.js), with what it compiled to lint a small
// compose file, so that the first real run starts fast too.
spawnSync(process.execPath, [path.join(root, 'bin/escashop-lint.js'), '--no-config', '--stdin-filename', 'compose.prod.yaml', '-'], {
  cwd: root,
  input: WARM_UP,
  stdio: ['pipe', 'ignore', 'ignore'],
});
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
cpSync(path.join(root, 'src/schema/generated'), path.join(root, 'dist/src/schema/generated'), { recursive: true });
