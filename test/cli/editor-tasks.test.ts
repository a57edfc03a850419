import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { ESLINT_COMPACT } from '../report/problem-matchers.js';
import { ONE_ERROR, ONE_WARNING, runCli, tempProject } from './run.js';
import { saveByRename, startWatch } from './watch-run.js';

interface ProblemMatcher {
  base: string;
  owner: string;
  background?: { activeBegin: boolean; beginsPattern: string; endsPattern: string };
}

interface Task {
  label: string;
  type: string;
  command: string;
  args: string[];
  options: { cwd: string };
  isBackground?: boolean;
  problemMatcher: ProblemMatcher;
}

/** JSON with comments, as VS Code reads tasks.json: `//` and `/* *\/` comments outside strings removed. */
function parseJsonc(text: string): unknown {
  return JSON.parse(text.replace(/("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, string: string | undefined) => string ?? ''));
}

const TASKS = (parseJsonc(readFileSync(path.join(PACKAGE_ROOT, 'docs/examples/vscode-tasks.json'), 'utf8')) as { version: string; tasks: Task[] }).tasks;
const task = (label: string) => TASKS.find((t) => t.label === label)!;

/** A task's arguments for the CLI as VS Code would pass them: `npx escashop-lint` becomes the built bin, variables are set. */
function argsOf(t: Task, variables: Record<string, string>): { args: string[]; cwd: string } {
  const expand = (value: string) => value.replace(/\$\{(\w+)\}/g, (_, name: string) => variables[name] ?? `\${${name}}`);
  expect([t.type, t.command, t.args[0]]).toEqual(['shell', 'npx', 'escashop-lint']);
  return { args: t.args.slice(1).map(expand), cwd: expand(t.options.cwd) };
}

/** The lines of a run's output that the `$eslint-compact` pattern takes as problems: [file, line, column, severity, message, code]. */
function problems(output: string): string[][] {
  return output.split('\n').flatMap((line) => {
    const match = ESLINT_COMPACT.exec(line);
    return match ? [match.slice(1)] : [];
  });
}

describe('docs/examples/vscode-tasks.json', () => {
  it('is JSON with comments holding the three tasks, each matching problems with $eslint-compact', () => {
    expect(TASKS.map((t) => t.label)).toEqual(['escashop-lint: lint workspace', 'escashop-lint: lint current file', 'escashop-lint: watch']);
    for (const t of TASKS) expect([t.problemMatcher.base, t.problemMatcher.owner, t.args.slice(1, 4).includes('compact')]).toEqual(['$eslint-compact', 'escashop-lint', true]);
    expect(TASKS.filter((t) => t.isBackground).map((t) => t.label)).toEqual(['escashop-lint: watch']);
  });

  it('the lint tasks print what $eslint-compact reads as problems, at absolute paths', () => {
    const dir = realpathSync(tempProject({ 'docker-compose.yml': ONE_ERROR, 'deploy/compose.yaml': ONE_WARNING }));
    const workspace = argsOf(task('escashop-lint: lint workspace'), { workspaceFolder: dir });
    const all = runCli(['--no-config', ...workspace.args], { cwd: workspace.cwd });
    expect(all.status).toBe(1);
    expect(problems(all.stdout)).toEqual([
      [path.join(dir, 'deploy/compose.yaml'), '2', '3', 'Warning', 'service "worker" has no healthcheck', 'compose/healthcheck'],
      [path.join(dir, 'docker-compose.yml'), '4', '11', 'Error', 'service "api" runs as root ("user: root")', 'compose/non-root-user'],
    ]);
    expect(all.stdout.split('\n').length).toBe(problems(all.stdout).length + 3);

    const current = argsOf(task('escashop-lint: lint current file'), { workspaceFolder: dir, file: path.join(dir, 'deploy/compose.yaml') });
    const one = runCli(['--no-config', ...current.args], { cwd: current.cwd });
    expect(problems(one.stdout)).toEqual([[path.join(dir, 'deploy/compose.yaml'), '2', '3', 'Warning', 'service "worker" has no healthcheck', 'compose/healthcheck']]);
  });

  it('the watch task\'s background patterns match the lines --watch frames each run with, and no other', async () => {
    const watchTask = task('escashop-lint: watch');
    const { beginsPattern, endsPattern, activeBegin } = watchTask.problemMatcher.background!;
    expect(activeBegin).toBe(true);
    const begins = new RegExp(beginsPattern);
    const ends = new RegExp(endsPattern);
    const dir = realpathSync(tempProject({ 'docker-compose.yml': ONE_ERROR }));
    const { args, cwd } = argsOf(watchTask, { workspaceFolder: dir });
    const watch = startWatch(args, cwd);
    const output = () => `${watch.stdout()}${watch.stderr()}`;
    const count = (pattern: RegExp) => output().split('\n').filter((line) => pattern.test(line)).length;

    await watch.until(() => count(ends) === 1);
    expect(problems(watch.stdout())).toEqual([[path.join(dir, 'docker-compose.yml'), '4', '11', 'Error', 'service "api" runs as root ("user: root")', 'compose/non-root-user']]);
    // A broken configuration ends a run too, so that VS Code does not wait for it forever.
    saveByRename(path.join(dir, '.escashoprc.json'), '{"colour": true}\n');
    await watch.until(() => count(ends) === 2);
    saveByRename(path.join(dir, '.escashoprc.json'), '{"rules": {"compose/non-root-user": "off"}}\n');
    await watch.until(() => count(ends) === 3);
    expect(await watch.stop('SIGINT')).toEqual({ code: 0, signal: null });

    const frames = watch.stderr().split('\n').filter((line) => begins.test(line) || ends.test(line));
    expect(frames.map((line) => (begins.test(line) ? 'begin' : 'end'))).toEqual(['begin', 'end', 'begin', 'end', 'begin', 'end']);
    expect(frames.filter((line) => ends.test(line))).toEqual([
      'escashop-lint: done, 1 problem (watching for changes)',
      'escashop-lint: failed, see above (watching for changes)',
      'escashop-lint: done, 0 problems (watching for changes)',
    ]);
    expect(watch.stdout().split('\n').filter((line) => begins.test(line) || ends.test(line))).toEqual([]);
  });
});
