import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_LOADERS } from '../../src/cli/formatters.js';
import { FORMAT_NAMES, FORMATTERS } from '../../src/index.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { BUNDLE, BUNDLE_META } from '../../scripts/bundle.mjs';
import { CLEAN, runCli, tempProject } from '../cli/run.js';
import { installedCopy } from './installed-copy.js';

/**
 * The bundled CLI (scripts/bundle.mjs) that bin/escashop-lint.js runs: what it holds, what a run
 * loads of it, that it works from an installed package, and its code cache.
 */

const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SMALL = path.join(PACKAGE_ROOT, 'rules/compose/no-debug-ports/fixtures/valid/docker-compose.prod.yml');

/** The modules a run of the CLI evaluated lazily (ESCASHOP_DEBUG_MODULES), after its exit. */
function lazyModules(args: string[], cwd?: string): string[] {
  const run = runCli(args, { env: { ESCASHOP_DEBUG_MODULES: '1' }, ...(cwd === undefined ? {} : { cwd }) });
  const line = run.stderr.split('\n').find((l) => l.startsWith('escashop-lint: lazy modules evaluated: '));
  expect(line, run.stderr).toBeDefined();
  return JSON.parse(line!.slice('escashop-lint: lazy modules evaluated: '.length)) as string[];
}

describe('the bundle', () => {
  it('is what bin/escashop-lint.js runs: --version prints the version of package.json', () => {
    expect(runCli(['--version'])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(readFileSync(path.join(PACKAGE_ROOT, BUNDLE), 'utf8').split('\n', 1)[0]).toMatch(new RegExp(`^// escashop-lint ${VERSION.replace(/\./g, '\\.')} build [0-9a-f]{16}$`));
  });

  it('holds the CLI, the rules and the generated validators, and neither typescript nor the library entry', () => {
    const meta = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, BUNDLE_META), 'utf8')) as { inputs: Record<string, unknown> };
    const inputs = Object.keys(meta.inputs);
    for (const name of ['src/cli/main.ts', 'rules/index.ts', 'src/schema/generated/compose-spec.validate.cjs', 'src/schema/generated/escashoprc.validate.cjs', 'src/schema/generated/baseline.validate.cjs']) {
      expect(inputs).toContain(name);
    }
    expect(inputs.filter((name) => name.startsWith('node_modules/typescript/'))).toEqual([]);
    // src/index.ts loads every formatter; the CLI loads the one it prints with.
    expect(inputs).not.toContain('src/index.ts');
  });

  it('is ASCII only, so that Node reads it without decoding', () => {
    expect(/[^\x00-\x7f]/.test(readFileSync(path.join(PACKAGE_ROOT, BUNDLE), 'latin1'))).toBe(false);
  });
});

describe('what a run loads', () => {
  const dir = tempProject({ 'docker-compose.yml': CLEAN, '.escashoprc.json': '{ "rules": { "compose/healthcheck": "off" } }\n' });
  const withOptions = tempProject({ 'docker-compose.yml': CLEAN, '.escashoprc.json': '{ "rules": { "compose/healthcheck": { "prod": "error", "options": { "exemptServices": ["api"] } } } }\n' });

  it('a text report on a compose file: the text formatter and the compose validator, nothing for other modes', () => {
    const loaded = lazyModules(['--no-config', SMALL]);
    expect(loaded).toContain('src/report/text.ts');
    expect(loaded).toContain('src/schema/generated/compose-spec.validate.cjs');
    for (const unused of [
      'node_modules/ora/index.js',
      'node_modules/string-width/index.js',
      'src/report/sarif.ts',
      'src/report/json.ts',
      'src/report/github.ts',
      'src/report/compact.ts',
      'src/report/rule-list.ts',
      'src/config/init.ts',
      'src/cli/watch.ts',
      'src/schema/generated/escashoprc.validate.cjs',
      'src/schema/generated/baseline.validate.cjs',
      // Ajv itself checks rule options only; cosmiconfig reads package.json with parse-json when it is made.
      'node_modules/ajv/dist/ajv.js',
      'node_modules/parse-json/index.js',
    ]) {
      expect(loaded).not.toContain(unused);
    }
  });

  it('each format loads its own formatter only', () => {
    const formatters = FORMAT_NAMES.map((name) => `src/report/${name}.ts`);
    for (const name of FORMAT_NAMES) {
      const loaded = lazyModules(['--no-config', '--format', name, SMALL]);
      expect(formatters.filter((file) => loaded.includes(file))).toEqual([`src/report/${name}.ts`]);
    }
  });

  it('the configuration validator when a configuration is found, Ajv when it gives rule options, the baseline validator with a baseline', () => {
    const configured = lazyModules(['docker-compose.yml'], dir);
    expect(configured).toContain('src/schema/generated/escashoprc.validate.cjs');
    expect(configured).not.toContain('node_modules/ajv/dist/ajv.js');
    expect(lazyModules(['docker-compose.yml'], withOptions)).toContain('node_modules/ajv/dist/ajv.js');
    const withBaseline = lazyModules(['--no-config', '--write-baseline', 'baseline.json', 'docker-compose.yml'], dir);
    expect(withBaseline).not.toContain('src/schema/generated/escashoprc.validate.cjs');
    expect(lazyModules(['--no-config', '--baseline', 'baseline.json', 'docker-compose.yml'], dir)).toContain('src/schema/generated/baseline.validate.cjs');
  });

  it('--list-rules loads the rule list and no formatter', () => {
    const loaded = lazyModules(['--list-rules']);
    expect(loaded).toContain('src/report/rule-list.ts');
    expect(loaded).not.toContain('src/report/text.ts');
  });
});

describe('the formats the CLI loads', () => {
  it('are the API formats, with the same functions', async () => {
    expect(Object.keys(FORMAT_LOADERS)).toEqual(FORMAT_NAMES);
    for (const name of FORMAT_NAMES) expect(await FORMAT_LOADERS[name]()).toBe(FORMATTERS[name]);
  });
});

function runBin(root: string, args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'ESCASHOP_DEBUG', 'ESCASHOP_DEBUG_MODULES', 'NODE_OPTIONS']) delete env[name];
  const child = spawnSync(process.execPath, [path.join(root, 'bin/escashop-lint.js'), ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('an installed package', () => {
  let root: string;
  let project: string;
  beforeAll(() => {
    root = installedCopy();
    project = tempProject({
      'docker-compose.yml': `${CLEAN}  web:\n    image: nginx:1.27\n    healthcheck: {disable: true}\n    restat: always\n`,
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs the bundle alone, with schema messages, rule docs and the version read from the package', () => {
    for (const args of [['--version'], ['--no-config', 'docker-compose.yml'], ['--no-config', '--format', 'sarif', 'docker-compose.yml'], ['--explain', 'compose/healthcheck']]) {
      const installed = runBin(root, args, project);
      expect(installed).toEqual(runCli(args, { cwd: project }));
      expect(installed.status, installed.stderr).not.toBe(2);
    }
    // The schema message names the key Compose knows (from schemas/compose-spec/compose-spec.json).
    expect(runBin(root, ['--no-config', 'docker-compose.yml'], project).stdout).toContain('"restart"');
  });

  describe('the code cache', () => {
    const cache = () => path.join(root, `${BUNDLE}.cache`);
    const buildLine = () => `${readFileSync(path.join(root, BUNDLE), 'utf8').split('\n', 1)[0]}\n`;
    const leftovers = () => readdirSync(path.join(root, 'dist')).filter((name) => name.endsWith('.tmp'));
    let expected: ReturnType<typeof runBin>;

    beforeAll(() => {
      rmSync(cache(), { recursive: true, force: true });
      expected = runBin(root, ['--no-config', 'docker-compose.yml'], project);
    });

    it('is written after a run, for this build of the bundle', () => {
      expect(expected.status).toBe(1);
      const data = readFileSync(cache());
      expect(data.subarray(0, buildLine().length).toString('latin1')).toBe(buildLine());
      expect(data.length).toBeGreaterThan(buildLine().length + 1000);
      expect(leftovers()).toEqual([]);
    });

    it('is used as it is when V8 takes it', () => {
      const before = readFileSync(cache());
      expect(runBin(root, ['--no-config', 'docker-compose.yml'], project)).toEqual(expected);
      expect(readFileSync(cache()).equals(before)).toBe(true);
    });

    it('is written anew when it is corrupt, of another build, or cut short; the output stays the same', () => {
      const good = readFileSync(cache());
      const broken = [
        Buffer.concat([Buffer.from(buildLine(), 'latin1'), Buffer.alloc(5000, 7)]),
        Buffer.concat([Buffer.from('// escashop-lint 0.0.0 build 0123456789abcdef\n', 'latin1'), good.subarray(buildLine().length)]),
        good.subarray(0, buildLine().length + 100),
        Buffer.alloc(0),
      ];
      for (const data of broken) {
        writeFileSync(cache(), data);
        expect(runBin(root, ['--no-config', 'docker-compose.yml'], project)).toEqual(expected);
        const rewritten = readFileSync(cache());
        expect(rewritten.subarray(0, buildLine().length).toString('latin1')).toBe(buildLine());
        expect(rewritten.length).toBeGreaterThan(buildLine().length + 1000);
      }
      expect(leftovers()).toEqual([]);
    });

    it('leaves import() working: a JavaScript configuration file is loaded with and without it', () => {
      const configured = tempProject({
        'docker-compose.yml': 'services:\n  api:\n    image: nginx:latest\n',
        'escashop.config.mjs': 'export default { rules: { "compose/image-pinned": "off" } };\n',
      });
      const unpinned = runBin(root, ['--no-config', '--format', 'json', 'docker-compose.yml'], configured);
      expect(unpinned.stdout).toContain('compose/image-pinned');
      rmSync(cache(), { force: true });
      for (const run of ['without', 'with']) {
        const linted = runBin(root, ['--format', 'json', 'docker-compose.yml'], configured);
        expect({ run, stderr: linted.stderr, pinned: linted.stdout.includes('compose/image-pinned') }).toEqual({ run, stderr: '', pinned: false });
        expect(linted.stdout).toBe(runCli(['--format', 'json', 'docker-compose.yml'], { cwd: configured }).stdout);
      }
    });

    it('is done without when it cannot be read or written', () => {
      rmSync(cache(), { force: true });
      // A folder where the cache file would be: neither readable as a file nor replaceable by one.
      mkdirSync(cache());
      expect(runBin(root, ['--no-config', 'docker-compose.yml'], project)).toEqual(expected);
      expect(leftovers()).toEqual([]);
      rmSync(cache(), { recursive: true });
    });
  });

  it('says so in one line when the bundle is missing or broken', () => {
    const bundle = path.join(root, BUNDLE);
    const text = readFileSync(bundle);
    writeFileSync(bundle, `${text.toString('latin1').split('\n', 1)[0]}\nthis is not JavaScript(\n`);
    const broken = runBin(root, ['--version'], project);
    expect(broken.status).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^escashop-lint: cannot load the built CLI \(.+\); run `npm run build`\n$/);
    rmSync(bundle);
    expect(runBin(root, ['--version'], project)).toEqual({ status: 2, stdout: '', stderr: 'escashop-lint: not built yet; run `npm install` (or `npm run build`) in the package folder\n' });
    writeFileSync(bundle, text);
    expect(existsSync(bundle)).toBe(true);
  });
});
