import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/engine/rule.js';
import type { Finding } from '../src/findings/finding.js';
import { lint } from '../src/lint.js';
import { hostProject, lintHostProject, rangeOf, type HostProjectSpec } from './host-project.js';
import { expectValidOptions, markersOf, type CaseSettings } from './rule-tester.js';

/**
 * What a fixture project's `setup.json` may say: modes (octal strings), the paths git tracks, and the
 * rule's `options` and the stack's `policy` (`ingress`, `secrets`) as a configuration file gives them.
 */
interface Setup extends CaseSettings {
  modes?: Record<string, string>;
  git?: string[];
}

/**
 * Lints a temporary project with one rule, like `lintHostProject`, with the options and policy of
 * `settings` given as a configuration file does (`rules: { "<id>": { "options": … } }`, `ingress`,
 * `secrets`), written outside the linted files and passed as `config`. Options the rule's schema
 * refuses fail the test.
 */
export async function lintWithSettings(rule: Rule, spec: HostProjectSpec, settings: CaseSettings = {}): Promise<Finding[]> {
  expectValidOptions(rule, settings);
  if (!settings.options && !settings.policy) return lintHostProject(rule, spec);
  const dir = hostProject(spec);
  const config = path.join(dir, '.escashoprc.json');
  writeFileSync(config, JSON.stringify({ ...(settings.options ? { rules: { [rule.meta.id]: { options: settings.options } } } : {}), ...settings.policy }));
  return (await lint([dir], { cwd: dir, rules: [rule], config })).findings;
}

/** Every file under a folder, relative, with `/` separators. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${rel}/`) : [rel];
  });
}

/**
 * Runs the fixture projects of a rule: each folder under `<ruleDir>/fixtures/valid/` and
 * `fixtures/invalid/` is a project, copied into a temporary folder and linted there as a directory
 * (with its `.env`), so that it can carry what files in the repository cannot: permission bits and a
 * git index of its own. Its `setup.json` (not copied) gives `modes` (`{"secrets/db.txt": "644"}`)
 * and `git` (the paths to add to a fresh repository's index; without it there is no repository).
 * `options` and `policy` give the rule options and the stack's policy through a configuration file.
 * Expected findings are caret markers in any file of the project, compose or not (an env file's `#`
 * lines are comments too); a valid project has none and must give no finding of the rule.
 */
export function projectFixtureTests(rule: Rule, ruleDir: string): void {
  describe(`${rule.meta.id}: fixture projects`, () => {
    for (const kind of ['valid', 'invalid'] as const) {
      const root = path.join(ruleDir, 'fixtures', kind);
      const projects = existsSync(root) ? readdirSync(root).filter((name) => statSync(path.join(root, name)).isDirectory()).sort() : [];
      it(`has ${kind} fixture projects`, () => expect(projects.length).toBeGreaterThan(0));
      for (const name of projects) {
        it(`${kind}/${name}/`, async () => {
          const source = path.join(root, name);
          const setupFile = path.join(source, 'setup.json');
          const setup: Setup = existsSync(setupFile) ? (JSON.parse(readFileSync(setupFile, 'utf8')) as Setup) : {};
          const files = filesUnder(source).filter((rel) => rel !== 'setup.json');
          const settings: CaseSettings = { ...(setup.options ? { options: setup.options } : {}), ...(setup.policy ? { policy: setup.policy } : {}) };
          const spec = {
            files: Object.fromEntries(files.map((rel) => [rel, readFileSync(path.join(source, rel), 'utf8')])),
            modes: Object.fromEntries(Object.entries(setup.modes ?? {}).map(([rel, mode]) => [rel, parseInt(mode, 8)])),
            ...(setup.git ? { git: setup.git } : {}),
          };
          const want = files.flatMap((rel) => markersOf(readFileSync(path.join(source, rel), 'utf8')).map((m) => `${rel} ${m}`)).sort();
          if (kind === 'valid') expect(want, 'valid fixtures carry no markers').toEqual([]);
          else expect(want.length, 'invalid fixtures mark at least one finding').toBeGreaterThan(0);
          const findings = await lintWithSettings(rule, spec, settings);
          expect(findings.filter((f) => f.ruleId.startsWith('core/')).map((f) => `${f.file} ${f.message}`), 'fixture must be valid compose').toEqual([]);
          const got = findings.map((f) => `${f.file} ${f.ruleId} ${rangeOf(f)}`);
          expect(got.sort()).toEqual(want);
        });
      }
    }
  });
}
