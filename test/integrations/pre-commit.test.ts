import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { CLEAN } from '../cli/run.js';
import { git, gitEnv, run, snapshotRepository, tempFolder } from './git-snapshot.js';

/**
 * The pre-commit hook of .pre-commit-hooks.yaml, run by Debian's pre-commit (scripts/oracle-setup.sh
 * installs it) as a team would: a throwaway git repository whose .pre-commit-config.yaml names this
 * checkout (a committed snapshot of it, uncommitted work included) as the hook repository, a
 * `pre-commit install`, and `git commit`. pre-commit installs the hook as it would for any user: it
 * clones the repository, runs `npm install` there (which builds dist/), packs it and installs the
 * package into its own node environment. Outside CI the test is skipped when pre-commit is missing.
 */
const havePreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = !havePreCommit && !process.env.CI;
const title = skip ? 'pre-commit hook (skipped: pre-commit is not installed; scripts/oracle-setup.sh installs Debian\'s)' : 'pre-commit hook';

/** A production compose file with findings: privileged, no user, the latest tag. */
const BAD = 'services:\n  api:\n    image: nginx:latest\n    privileged: true\n';
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

describe.skipIf(skip)(title, () => {
  let project: string;
  let env: NodeJS.ProcessEnv;
  let installSeconds: number;

  /** `git commit` of the staged files, through the installed hook; the output without colors. */
  const commit = (message: string) => {
    const child = run('git', ['commit', '-m', message], project, env);
    return { status: child.status, output: `${child.stdout}${child.stderr}`.replace(ANSI, '') };
  };

  beforeAll(() => {
    const home = tempFolder('escashop-pre-commit-');
    // One PRE_COMMIT_HOME for every case: the hook's environment is installed once. Color on, as on
    // a terminal: pre-commit then runs the hook on a pseudo-terminal, where a spinner could show.
    env = gitEnv(home, { PRE_COMMIT_HOME: path.join(home, 'cache'), PRE_COMMIT_COLOR: 'always' });
    const hooks = snapshotRepository(PACKAGE_ROOT, path.join(home, 'hook-repository'), env);
    project = path.join(home, 'project');
    mkdirSync(project);
    git(['init', '-q'], project, env);
    writeFileSync(
      path.join(project, '.pre-commit-config.yaml'),
      [
        'repos:',
        `  - repo: ${hooks.repo}`,
        `    rev: ${hooks.rev}`,
        '    hooks:',
        '      - id: escashop-lint',
        // What the linter sees of pre-commit: the PRE_COMMIT variable its spinner check reads.
        '  - repo: local',
        '    hooks:',
        '      - id: environment',
        '        name: environment',
        '        language: system',
        '        entry: sh -c \'echo "PRE_COMMIT=${PRE_COMMIT-unset}"\'',
        '        pass_filenames: false',
        '        always_run: true',
        '        verbose: true',
        '',
      ].join('\n'),
    );
    const install = run('pre-commit', ['install'], project, env);
    expect(install.stdout + install.stderr).toContain('pre-commit installed at .git/hooks/pre-commit');
    const started = Date.now();
    const hookInstall = run('pre-commit', ['install-hooks'], project, env);
    installSeconds = (Date.now() - started) / 1000;
    if (hookInstall.status !== 0) throw new Error(`pre-commit install-hooks failed:\n${hookInstall.stdout}${hookInstall.stderr}\n${readLog(home)}`);
  }, 480_000);

  it('installs the hook from the checkout in a time CI can afford', () => {
    // npm install (dev dependencies and the build), npm pack (the build again), npm install -g:
    // about a minute of CPU time. The wall time depends on how busy the machine is (the rest of the
    // suite runs beside this file); the bound catches an install that downloads a toolchain or
    // waits on the network, not a slow machine.
    console.info(`pre-commit installed the escashop-lint hook in ${installSeconds.toFixed(1)} s`);
    expect(installSeconds).toBeLessThan(420);
  });

  it('fails a commit of a compose file with error findings, naming each finding', () => {
    writeFileSync(path.join(project, 'compose.yaml'), BAD);
    git(['add', '.pre-commit-config.yaml', 'compose.yaml'], project, env);
    const { status, output } = commit('add a compose file');
    expect(status).toBe(1);
    expect(output).toMatch(/^escashop-lint\.+Failed$/m);
    expect(output).toContain('- hook id: escashop-lint\n- exit code: 1\n');
    expect(output).toMatch(/^compose\.yaml$/m);
    expect(output).toMatch(/^ {2}4:17 +error +service "api" sets "privileged: true".* compose\/no-privileged$/m);
    expect(output).toMatch(/^ {2}3:18 +warning +image "nginx:latest" of service "api" uses the "latest" tag.* compose\/image-pinned$/m);
    // No spinner on pre-commit's pseudo-terminal: no frames, no progress text.
    expect(output).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|linting: \d+ of/);
    expect(output).toContain('PRE_COMMIT=1');
    // Nothing was committed.
    expect(run('git', ['rev-parse', '--verify', '-q', 'HEAD'], project, env).status).not.toBe(0);
  });

  it('passes a commit of a compose file without findings', () => {
    writeFileSync(path.join(project, 'compose.yaml'), CLEAN);
    git(['add', '.pre-commit-config.yaml', 'compose.yaml'], project, env);
    const { status, output } = commit('a hardened compose file');
    expect(output).toMatch(/^escashop-lint\.+Passed$/m);
    expect(status).toBe(0);
    expect(git(['log', '--format=%s'], project, env)).toBe('a hardened compose file\n');
  });

  it('passes only the files its pattern names; a commit without any is no run', () => {
    const { files } = (parse(readFileSync(path.join(PACKAGE_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { files: string }[])[0]!;
    const pattern = new RegExp(files.replace(/^\(\?i\)/, ''), 'i');
    for (const name of ['compose.yaml', 'deploy/docker-compose.prod.yml', 'Compose.YML', 'nginx/nginx.conf', 'nginx.prod.conf', 'site.nginx', 'config/redis/redis-prod.conf', 'valkey.conf', 'db/postgresql.conf', 'pg_hba.conf']) {
      expect(pattern.test(name), name).toBe(true);
    }
    for (const name of ['README.md', 'compose.json', 'docker-compose.yml.bak', 'mycompose.yaml', 'nginx.conf.example', 'fluent.conf', 'postgresql.conf/x']) {
      expect(pattern.test(name), name).toBe(false);
    }
    writeFileSync(path.join(project, 'README.md'), '# notes\n');
    git(['add', 'README.md'], project, env);
    const { status, output } = commit('notes');
    expect(output).toMatch(/^escashop-lint\.+\(no files to check\)Skipped$/m);
    expect(status).toBe(0);
  });

  it('lints an override file committed alone over the base file beside it', () => {
    // The override only changes the base's service, which has its image in compose.yaml: linted
    // over that base, in the override's environment (prod), the service runs as root.
    writeFileSync(path.join(project, 'compose.prod.yaml'), 'services:\n  api:\n    user: root\n');
    git(['add', 'compose.prod.yaml'], project, env);
    const { status, output } = commit('run as root');
    expect(status).toBe(1);
    expect(output).toMatch(/^compose\.prod\.yaml$/m);
    expect(output).toMatch(/^ {2}3:11 +error +service "api" runs as root.* compose\/non-root-user$/m);
  });
});

function readLog(home: string): string {
  try {
    return readFileSync(path.join(home, 'cache', 'pre-commit.log'), 'utf8');
  } catch {
    return '';
  }
}
