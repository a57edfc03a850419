import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/engine/rule.js';
import { lintHostProject, rangeOf } from './host-project.js';
import { markersOf } from './rule-tester.js';

/** What a fixture project's `setup.json` may say: modes (octal strings) and the paths git tracks. */
interface Setup {
  modes?: Record<string, string>;
  git?: string[];
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
          const spec = {
            files: Object.fromEntries(files.map((rel) => [rel, readFileSync(path.join(source, rel), 'utf8')])),
            modes: Object.fromEntries(Object.entries(setup.modes ?? {}).map(([rel, mode]) => [rel, parseInt(mode, 8)])),
            ...(setup.git ? { git: setup.git } : {}),
          };
          const want = files.flatMap((rel) => markersOf(readFileSync(path.join(source, rel), 'utf8')).map((m) => `${rel} ${m}`)).sort();
          if (kind === 'valid') expect(want, 'valid fixtures carry no markers').toEqual([]);
          else expect(want.length, 'invalid fixtures mark at least one finding').toBeGreaterThan(0);
          const findings = await lintHostProject(rule, spec);
          expect(findings.filter((f) => f.ruleId.startsWith('core/')).map((f) => `${f.file} ${f.message}`), 'fixture must be valid compose').toEqual([]);
          const got = findings.map((f) => `${f.file} ${f.ruleId} ${rangeOf(f)}`);
          expect(got.sort()).toEqual(want);
        });
      }
    }
  });
}
