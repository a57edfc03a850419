import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN, ONE_ERROR, ONE_WARNING, runCli, tempProject } from './run.js';
import { frameLines, saveByRename, startWatch } from './watch-run.js';

const BEGIN = 'escashop-lint: linting...';
const done = (problems: string) => `escashop-lint: done, ${problems} (watching for changes)`;
const ends = (stderr: string) => frameLines(stderr).filter((line) => line.endsWith('(watching for changes)')).length;

/** A compose file's compact line for the ONE_WARNING service. */
const warningLine = (file: string) => `${file}: line 2, col 3, Warning - service "worker" has no healthcheck (compose/healthcheck)`;

describe('--watch', () => {
  it('lints, then lints again after each change, framing each run, and exits 0 on SIGTERM', async () => {
    const dir = realpathSync(tempProject({ 'docker-compose.yml': ONE_WARNING }));
    const file = path.join(dir, 'docker-compose.yml');
    const watch = startWatch(['--watch', '--format', 'compact', 'docker-compose.yml'], dir);

    await watch.until((_, err) => ends(err) === 1);
    expect(frameLines(watch.stderr())).toEqual([BEGIN, done('1 problem')]);
    await watch.until((out) => out === `${warningLine(file)}\n\n1 problem\n`);

    // Fixed, and saved through a rename: the file's folder is watched, not the replaced file.
    saveByRename(file, ONE_WARNING.replace('    deploy:', '    healthcheck:\n      test: ["CMD", "/app/healthcheck"]\n    deploy:'));
    await watch.until((_, err) => ends(err) === 2);
    expect(frameLines(watch.stderr())).toEqual([BEGIN, done('1 problem'), BEGIN, done('0 problems')]);

    // Written in place: a new error.
    writeFileSync(file, ONE_ERROR);
    await watch.until((_, err) => frameLines(err).at(-1) === done('1 problem'));
    await watch.until((out) => out.endsWith(`${file}: line 4, col 11, Error - service "api" runs as root ("user: root") (compose/non-root-user)\n\n1 problem\n`));

    expect(await watch.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('keeps watching through a configuration error, and reads the configuration afresh each run', async () => {
    const dir = realpathSync(tempProject({ 'docker-compose.yml': ONE_WARNING }));
    const config = path.join(dir, '.escashoprc.json');
    const watch = startWatch(['--watch', '--format', 'compact', 'docker-compose.yml'], dir);
    await watch.until((_, err) => ends(err) === 1);

    writeFileSync(config, '{\n  "rules": {"compose/healthcheck": "off"},\n  "colour": true\n}\n');
    await watch.until((_, err) => frameLines(err).at(-1) === 'escashop-lint: failed, see above (watching for changes)');
    const error = frameLines(watch.stderr()).at(-2)!;
    expect(error).toMatch(/^escashop-lint: \.escashoprc\.json:3:3: .*"colour"/);

    writeFileSync(config, '{"rules": {"compose/healthcheck": "off"}}\n');
    await watch.until((_, err) => frameLines(err).at(-1) === done('0 problems'));

    rmSync(config);
    await watch.until((_, err) => frameLines(err).at(-1) === done('1 problem'));
    expect(await watch.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(frameLines(watch.stderr()).filter((line) => line === BEGIN).length).toBe(ends(watch.stderr()));
  });

  it('lints a new compose file in a folder given, and rewrites --output-file on each run', async () => {
    const dir = realpathSync(tempProject({ 'deploy/compose.yaml': CLEAN }));
    const report = path.join(dir, 'report.txt');
    const watch = startWatch(['--watch', '--format', 'compact', '-o', 'report.txt', 'deploy'], dir);
    await watch.until((_, err) => ends(err) === 1);
    expect(frameLines(watch.stderr())).toEqual([BEGIN, done('0 problems')]);
    expect(readFileSync(report, 'utf8')).toBe('');

    writeFileSync(path.join(dir, 'deploy/compose.worker.yml'), ONE_WARNING);
    await watch.until((_, err) => frameLines(err).at(-1) === done('1 problem'));
    expect(readFileSync(report, 'utf8')).toBe(`${warningLine(path.join(dir, 'deploy/compose.worker.yml'))}\n\n1 problem\n`);
    expect(watch.stdout()).toBe('');
    expect(await watch.stop()).toEqual({ code: 0, signal: null });
  });

  it('is a usage error with standard input or a mode that lints nothing', () => {
    const dir = tempProject({ 'docker-compose.yml': CLEAN });
    const stdin = runCli(['--watch', '-'], { cwd: dir, input: CLEAN });
    expect([stdin.status, stdin.stderr]).toEqual([2, 'escashop-lint: --watch watches files, and standard input (-) is read once: give the file itself\n']);
    const list = runCli(['--watch', '--list-rules'], { cwd: dir });
    expect([list.status, list.stderr]).toEqual([2, 'escashop-lint: --watch lints again on changes; --list-rules lints nothing\n']);
  });
});
