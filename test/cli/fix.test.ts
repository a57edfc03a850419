import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { HARDENED_SERVICE, runCli, tempProject } from './run.js';

/**
 * `--fix`, `--fix-dry-run`, `--fix-type` and `--rule` through the built CLI, on temporary projects,
 * with the built-in rules' fixes (docs/fixes.md). The fix loop's conflicts, unsafe fixes and writes
 * are tested with rules made for them in fix-run.test.ts.
 */

/** A prod service with every hardening but cap_drop, with comments. */
const NO_CAP_DROP = `# production stack\nservices:\n  api: # the API\n${HARDENED_SERVICE.replace('    cap_drop: [ALL]\n', '').replace('pids: 200}', 'pids: 200} # small')}`;

const CAP_DROP_ADDED = `${NO_CAP_DROP}    cap_drop:
      - ALL
`;

const CAP_DROP_DIFF = `--- a/docker-compose.prod.yml
+++ b/docker-compose.prod.yml
@@ -13,3 +13,5 @@
     deploy:
       resources:
         limits: {memory: 256M, cpus: "0.5", pids: 200} # small
+    cap_drop:
+      - ALL
`;

/** Fully hardened but read_only, which only a suggestion fixes. */
const NO_READ_ONLY = NO_CAP_DROP.replace('    read_only: true\n', '    cap_drop: [ALL]\n');

const FILE = 'docker-compose.prod.yml';

function read(dir: string, name = FILE): string {
  return readFileSync(path.join(dir, name), 'utf8');
}

describe('--fix', () => {
  it('says in the text summary how many findings --fix can fix', () => {
    const dir = tempProject({ [FILE]: NO_CAP_DROP });
    const run = runCli([FILE], { cwd: dir });
    expect(run.stdout).toBe(`${FILE}
  3:3  error    service "api" has no cap_drop; it keeps every default capability (add "cap_drop: [ALL]")  compose/cap-drop-all

✖ 1 problem (1 error, 0 warnings, 0 info) in 1 file; 1 potentially fixable with --fix
`);
    expect(run.status).toBe(1);
  });

  it('writes exactly the fix, keeps comments and the file mode, reports what remains, and a second run changes nothing', () => {
    const dir = tempProject({ [FILE]: NO_CAP_DROP });
    chmodSync(path.join(dir, FILE), 0o640);
    const run = runCli(['--fix', FILE], { cwd: dir });
    expect(read(dir)).toBe(CAP_DROP_ADDED);
    expect(statSync(path.join(dir, FILE)).mode & 0o777).toBe(0o640);
    expect(run.stdout).toBe('✔ no problems in 1 file\n');
    expect(run.stderr).toBe('escashop-lint: fixed 1 problem in 1 file\n');
    expect(run.status).toBe(0);
    // No temporary file is left behind.
    expect(readdirSync(dir).sort()).toEqual([FILE]);
    const again = runCli(['--fix', FILE], { cwd: dir });
    expect(read(dir)).toBe(CAP_DROP_ADDED);
    expect(again.stderr).toBe('escashop-lint: nothing to fix\n');
    expect(again.status).toBe(0);
  });

  it('keeps CRLF line endings', () => {
    const crlf = NO_CAP_DROP.replace(/\n/g, '\r\n');
    const dir = tempProject({ [FILE]: crlf });
    expect(runCli(['--fix', FILE], { cwd: dir }).status).toBe(0);
    expect(read(dir)).toBe(CAP_DROP_ADDED.replace(/\n/g, '\r\n'));
  });

  it('exits 1 when error findings remain, and reports them in the format asked for', () => {
    const dir = tempProject({ [FILE]: NO_CAP_DROP.replace('user: "10001:10001"', 'user: root') });
    const run = runCli(['--fix', '--format', 'json', FILE], { cwd: dir });
    expect(read(dir)).toBe(CAP_DROP_ADDED.replace('user: "10001:10001"', 'user: root'));
    const report = JSON.parse(run.stdout) as { results: { ruleId: string; line: number }[] };
    expect(report.results.map((r) => `${r.ruleId} ${r.line}`)).toEqual(['compose/non-root-user 5']);
    expect(run.status).toBe(1);
  });

  it('applies suggestions only with --fix-type suggestion', () => {
    const dir = tempProject({ [FILE]: NO_READ_ONLY });
    const plain = runCli(['--fix', FILE], { cwd: dir });
    expect(read(dir)).toBe(NO_READ_ONLY);
    expect(plain.stderr).toBe('escashop-lint: nothing to fix\n');
    expect(plain.stdout).toContain('in 1 file; 1 potentially fixable with --fix --fix-type suggestion\n');
    const run = runCli(['--fix', '--fix-type', 'suggestion', FILE], { cwd: dir });
    expect(read(dir)).toBe(`${NO_READ_ONLY}    read_only: true\n`);
    expect(run.stderr).toBe('escashop-lint: fixed 1 problem in 1 file\n');
    expect(run.status).toBe(0);
  });

  it('applies only the fixes of the rules --rule names', () => {
    const both = NO_CAP_DROP.replace('    read_only: true\n', '');
    const dir = tempProject({ [FILE]: both });
    const run = runCli(['--fix', '--fix-type', 'fix,suggestion', '--rule', 'compose/read-only-rootfs', FILE], { cwd: dir });
    expect(read(dir)).toBe(`${both}    read_only: true\n`);
    expect(run.stdout).toContain('compose/cap-drop-all');
    expect(run.status).toBe(1);
  });
});

describe('--fix-dry-run', () => {
  it('prints the exact diff, writes nothing, and exits as the fixed files would', () => {
    const dir = tempProject({ [FILE]: NO_CAP_DROP });
    const run = runCli(['--fix-dry-run', FILE], { cwd: dir });
    expect(run.stdout).toBe(CAP_DROP_DIFF);
    expect(run.stderr).toBe('escashop-lint: would fix 1 problem in 1 file\n');
    expect(run.status).toBe(0);
    expect(read(dir)).toBe(NO_CAP_DROP);
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it('prints nothing when there is nothing to fix, and exits 1 for the errors that stay', () => {
    const dir = tempProject({ [FILE]: CAP_DROP_ADDED.replace('user: "10001:10001"', 'user: root') });
    const run = runCli(['--fix-dry-run', FILE], { cwd: dir });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('escashop-lint: nothing to fix\n');
    expect(run.status).toBe(1);
  });

  it('reads standard input, with the diff under --stdin-filename', () => {
    const dir = tempProject({});
    const run = runCli(['--fix-dry-run', '--stdin-filename', FILE, '-'], { cwd: dir, input: NO_CAP_DROP });
    expect(run.stdout).toBe(CAP_DROP_DIFF);
    expect(run.status).toBe(0);
    expect(existsSync(path.join(dir, FILE))).toBe(false);
  });
});

describe('usage errors (exit 2)', () => {
  const cases: [string[], string][] = [
    [['--fix', '-'], '--fix writes files, and standard input (-) is none: use --fix-dry-run to see the fixes as a diff'],
    [['--fix', '--fix-dry-run', FILE], '--fix writes the fixes and --fix-dry-run prints them: give one of them'],
    [['--fix', '--fix-type', 'problem', FILE], '--fix-type must be fix, suggestion or both as fix,suggestion, not "problem"'],
    [['--fix-type', 'fix', FILE], '--fix-type applies to --fix or --fix-dry-run'],
    [['--rule', 'compose/cap-drop-all', FILE], '--rule chooses the fixes of --fix or --fix-dry-run'],
    [['--fix', '--rule', '', FILE], '--rule needs a rule id, e.g. --rule compose/cap-drop-all'],
    [['--fix', '--rule', 'cap-drop-al', FILE], '--rule cap-drop-al: unknown rule; did you mean "compose/cap-drop-all"? (see --list-rules)'],
    [['--fix', '--rule', 'compose/healthcheck', FILE], '--rule compose/healthcheck: the rule fixes nothing (rules with fixes: '],
    [['--fix', '--watch', FILE], '--fix changes the files --watch watches; leave out --watch'],
    [['--fix-dry-run', '--write-baseline', 'b.json', FILE], '--fix-dry-run and --write-baseline cannot be combined: fix first, then write the baseline of what remains'],
    [['--fix-dry-run', '--format', 'sarif', FILE], '--fix-dry-run prints a unified diff, not --format sarif; the json and sarif reports carry each finding\'s fix'],
    [['--fix', '--list-rules'], '--fix and --list-rules cannot be combined'],
  ];
  it.each(cases)('%j', (args, message) => {
    const dir = tempProject({ [FILE]: NO_CAP_DROP });
    const run = runCli(args, { cwd: dir });
    expect(run.stderr.startsWith(`escashop-lint: ${message}`)).toBe(true);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
    expect(read(dir)).toBe(NO_CAP_DROP);
  });

  it('docs/fixes.md lists each rule that fixes, with its kind', () => {
    const docs = readFileSync(path.join(PACKAGE_ROOT, 'docs/fixes.md'), 'utf8');
    const listed = [...docs.matchAll(/^\| \[`([a-z]+\/[a-z0-9-]+)`\]\([^)]*\) \| (fix|suggestion) \|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(listed).toEqual(rules.filter((rule) => rule.meta.fixable).map((rule) => `${rule.meta.id} ${rule.meta.fixable}`).sort());
  });

  it('--help lists the four options', () => {
    const help = runCli(['--help']).stdout;
    for (const option of ['--fix ', '--fix-dry-run', '--fix-type <type>', '--rule <rule-id>']) expect(help).toContain(`\n  ${option}`);
  });
});
