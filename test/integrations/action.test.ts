import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, VERSION } from '../../src/package-info.js';
import { sarifSchemaErrors } from '../report/helpers.js';
import { CLEAN } from '../cli/run.js';
import { gitEnv, run, snapshotRepository, tempFolder } from './git-snapshot.js';

/**
 * The composite action of action.yml. Its structure is checked as GitHub reads it, and each `run:`
 * step is run with bash as the runner runs it (`bash --noprofile --norc -eo pipefail <file>`), with
 * the variables the runner gives (GITHUB_ACTION_PATH, GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_OUTPUT)
 * and the step's `env:` evaluated from the inputs. The upload step is GitHub's own action and is
 * only checked for its wiring.
 */

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION_FILE = path.join(PACKAGE_ROOT, 'action.yml');
const action = parse(readFileSync(ACTION_FILE, 'utf8')) as Action;
const steps = action.runs.steps;
const runSteps = steps.filter((s) => s.run !== undefined);
const step = (name: string) => steps.find((s) => s.name === name)!;

/** A production compose file with error findings (privileged, the latest tag) and one secret. */
const BAD = 'services:\n  api:\n    image: nginx:latest\n    privileged: true\n    environment:\n      DB_PASSWORD: Zq8-escashop-action-secret\n';
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

/**
 * The value of a step's `env:` entry as the runner would set it. Only `${{ inputs.<name> }}` and
 * `${{ github.action_path }}` are evaluated: any other expression fails the test, so that what a
 * step receives stays plain data.
 */
function evaluate(value: string, inputs: Record<string, string>, actionPath: string): string {
  return value.replace(EXPRESSION, (_, expression: string) => {
    const text = expression.trim();
    if (text === 'github.action_path') return actionPath;
    const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(text);
    if (input && input[1]! in inputs) return inputs[input[1]!]!;
    throw new Error(`a run step's env has the expression "${text}", which this test does not evaluate`);
  });
}

/** The inputs a use of the action gets: each input's default, then `with`. */
function inputsOf(given: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(given)) if (!(name in action.inputs)) throw new Error(`action.yml has no input "${name}"`);
  return { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? ''])), ...given };
}

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs one `run:` step as the runner would, in `workspace`, with the action at `actionPath`. */
function runStep(s: Step, options: { workspace: string; actionPath: string; with?: Record<string, string>; temp: string }): StepRun {
  expect(s.shell).toBe('bash');
  const inputs = inputsOf(options.with ?? {});
  const runnerTemp = path.join(options.temp, `runner-${Math.random().toString(36).slice(2)}`);
  mkdirSync(runnerTemp);
  const script = path.join(runnerTemp, 'step.sh');
  writeFileSync(script, s.run!);
  const output = path.join(runnerTemp, 'output');
  writeFileSync(output, '');
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^(GITHUB_|INPUT_|RUNNER_)/.test(name)) env[name] = value;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_ACTION_PATH: options.actionPath,
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: output,
  });
  for (const [name, value] of Object.entries(s.env ?? {})) env[name] = evaluate(value, inputs, options.actionPath);
  const child = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], options.workspace, env);
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(output, 'utf8').split('\n')) {
    if (line === '') continue;
    const at = line.indexOf('=');
    expect(at, `GITHUB_OUTPUT line "${line}"`).toBeGreaterThan(0);
    outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, outputs };
}

describe('action.yml', () => {
  it('is a composite action whose every input and output is described', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBe('escashop-lint');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\S/);
      expect(input.required ?? false, name).toBe(false);
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.description, name).toMatch(/\S/);
      expect(output.value, name).toBe(`\${{ steps.lint.outputs.${name} }}`);
    }
    expect(steps.map((s) => s.name)).toEqual(['Set up Node.js', 'Build escashop-lint', 'Lint', 'Upload SARIF to code scanning']);
  });

  it('uploads the SARIF with upload-sarif, in the category input, also after the lint step failed', () => {
    const upload = step('Upload SARIF to code scanning');
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload.with).toEqual({ sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: '${{ inputs.category }}' });
    // !cancelled(): runs after a failed step, as always() does, but not in a cancelled run.
    expect(upload.if).toBe("${{ !cancelled() && inputs.upload == 'true' && steps.lint.outputs.sarif-file != '' }}");
    expect(step('Lint').id).toBe('lint');
    expect(step('Set up Node.js')).toMatchObject({ if: "inputs.node-version != ''", uses: 'actions/setup-node@v4', with: { 'node-version': '${{ inputs.node-version }}' } });
  });

  it('passes inputs to its scripts only through env, never spliced into a script', () => {
    expect(runSteps).toHaveLength(2);
    for (const s of runSteps) {
      expect(s.run, s.name).not.toMatch(/\$\{\{/);
      // Every expression in env is one this test evaluates (evaluate() throws on any other).
      for (const value of Object.values(s.env ?? {})) evaluate(value, inputsOf({}), '/action');
    }
    // Each input a script reads is in its env.
    const lint = step('Lint');
    for (const name of ['paths', 'args', 'config', 'sarif-file', 'category', 'annotations', 'fail-on-findings']) {
      expect(lint.env![`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
    }
  });

  describe('its shell steps, run as the runner runs them', () => {
    let temp: string;
    let actionPath: string;
    let build: StepRun;

    /** A repository to lint: a bad production file and a clean one. */
    const workspace = (files: Record<string, string>) => {
      const dir = path.join(temp, `workspace-${Math.random().toString(36).slice(2)}`);
      mkdirSync(dir);
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      return dir;
    };
    const lint = (dir: string, given: Record<string, string>) => runStep(step('Lint'), { workspace: dir, actionPath, temp, with: given });

    beforeAll(() => {
      temp = tempFolder('escashop-action-');
      // The action as a workflow checks it out: this checkout's files, without node_modules or dist.
      actionPath = snapshotRepository(PACKAGE_ROOT, path.join(temp, 'action'), gitEnv(temp)).repo;
      build = runStep(step('Build escashop-lint'), { workspace: workspace({}), actionPath, temp });
    }, 480_000);

    it('builds the linter in the action\'s folder, once per job', () => {
      expect(build.stdout).toMatch(/^::group::npm ci \(the locked dependencies; prepare builds dist\/\)\n[\s\S]*\n::endgroup::\n/);
      expect(build.stdout.endsWith(`::endgroup::\nescashop-lint ${VERSION} is built\n`)).toBe(true);
      expect(build.status).toBe(0);
      const again = runStep(step('Build escashop-lint'), { workspace: workspace({}), actionPath, temp });
      expect(again.stdout).toBe(`escashop-lint ${VERSION} is built\n`);
      expect(again.status).toBe(0);
    });

    it('writes the SARIF report in the category, annotates, sets the outputs, and fails the step on error findings', () => {
      const dir = workspace({ 'deploy/docker-compose.prod.yml': BAD });
      const result = lint(dir, { paths: 'deploy/docker-compose.prod.yml', category: 'compose/prod', 'sarif-file': 'reports/escashop.sarif' });
      const sarifFile = path.join(dir, 'reports/escashop.sarif');
      const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
      const count = (level: string) => String(log.runs[0].results.filter((r: { level: string }) => r.level === level).length);
      expect(count('error')).not.toBe('0');
      expect(result.outputs).toEqual({ 'exit-code': '1', 'sarif-file': sarifFile, errors: count('error'), warnings: count('warning'), notes: count('note') });
      expect(result.status).toBe(1);
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(log.runs[0].automationDetails).toEqual({ id: 'compose/prod/' });
      expect(log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('deploy/docker-compose.prod.yml');
      expect(result.stdout).toContain('::error file=deploy/docker-compose.prod.yml,line=4,endLine=4,col=17,endColumn=21,title=compose/no-privileged::service "api" sets "privileged: true"');
      expect(result.stdout).toMatch(/^escashop-lint exited 1: error-level findings, or more warnings than --max-warnings allows$/m);
      expect(`${result.stdout}${result.stderr}${readFileSync(sarifFile, 'utf8')}`).not.toContain('Zq8-escashop-action-secret');
    });

    it('passes the step on findings when fail-on-findings is false, and prints no annotations when asked not to', () => {
      const dir = workspace({ 'docker-compose.prod.yml': BAD });
      const result = lint(dir, { paths: 'docker-compose.prod.yml', 'fail-on-findings': 'false', annotations: 'false' });
      expect(result.status).toBe(0);
      expect(result.outputs['exit-code']).toBe('1');
      expect(result.outputs['sarif-file']).toBe(path.join(dir, 'escashop-lint.sarif'));
      expect(result.stdout).not.toContain('::error');
      expect(JSON.parse(readFileSync(path.join(dir, 'escashop-lint.sarif'), 'utf8')).runs[0].automationDetails).toEqual({ id: 'escashop-lint/' });
    });

    it('passes on a clean repository, linting the folder by default', () => {
      const dir = workspace({ 'compose.yaml': CLEAN });
      const result = lint(dir, {});
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('');
      expect(result.status).toBe(0);
      expect(result.outputs).toEqual({ 'exit-code': '0', 'sarif-file': path.join(dir, 'escashop-lint.sarif'), errors: '0', warnings: '0', notes: '0' });
    });

    it('takes inputs as data: no shell expansion of paths, args or category', () => {
      const dir = workspace({ 'compose.yaml': CLEAN });
      const category = lint(dir, { category: '$(touch pwned-category)/`touch pwned-too`' });
      expect(category.status).toBe(0);
      expect(JSON.parse(readFileSync(path.join(dir, 'escashop-lint.sarif'), 'utf8')).runs[0].automationDetails).toEqual({ id: '$(touch pwned-category)/`touch pwned-too`/' });
      // What the linter makes of such words is its own affair (a path it cannot read, a glob that
      // matches nothing); the shell runs none of them.
      lint(dir, { paths: 'compose.yaml $(touch pwned-paths) ${HOME}', args: '`touch pwned-args` $(touch pwned-args-too)' });
      for (const name of ['pwned-category', 'pwned-too', 'pwned-paths', 'pwned-args', 'pwned-args-too']) expect(existsSync(path.join(dir, name)), name).toBe(false);
    });

    it('fails the step without a report, and without an upload, on a usage error', () => {
      const dir = workspace({ 'compose.yaml': CLEAN });
      const result = lint(dir, { args: '--no-such-option' });
      expect(result.stderr).toBe("escashop-lint: Unknown option '--no-such-option'\n");
      expect(result.stdout).toBe('::error title=escashop-lint::escashop-lint stopped with exit code 2 before writing a report (see the message above)\n');
      expect(result.status).toBe(2);
      expect(result.outputs).toEqual({ 'exit-code': '2' });
    });

    it('refuses a line break in the sarif-file or category input, which would forge step outputs', () => {
      const dir = workspace({ 'compose.yaml': CLEAN });
      const result = lint(dir, { category: 'x\nerrors=0' });
      expect(result.stdout).toBe('::error title=escashop-lint::the sarif-file and category inputs are one line each\n');
      expect(result.status).toBe(2);
      expect(result.outputs).toEqual({ 'exit-code': '2' });
    });
  });
});

describe('the sample workflow (docs/examples/github-workflow.yml)', () => {
  interface Workflow {
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[] }>;
  }
  const workflow = parse(readFileSync(path.join(PACKAGE_ROOT, 'docs/examples/github-workflow.yml'), 'utf8')) as Workflow;

  it('grants what the upload needs and uses the action at this version with inputs it has', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    const all = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(all[0]!.uses).toBe('actions/checkout@v4');
    const uses = all.filter((s) => s.uses?.includes('/escashop-lint@'));
    expect(uses).toHaveLength(1);
    expect(uses[0]!.uses).toBe(`OWNER/escashop-lint@v${VERSION}`);
    expect(() => inputsOf(uses[0]!.with ?? {})).not.toThrow();
  });

  it('is the workflow docs/github-actions.md shows', () => {
    const doc = readFileSync(path.join(PACKAGE_ROOT, 'docs/github-actions.md'), 'utf8');
    expect(doc).toContain(`\`\`\`yaml\n${readFileSync(path.join(PACKAGE_ROOT, 'docs/examples/github-workflow.yml'), 'utf8')}\`\`\``);
  });
});
