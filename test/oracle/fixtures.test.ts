import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { describe, expect, it } from 'vitest';
import { includedProjectDir } from '../../src/model/include.js';
import { ProjectLoader } from '../../src/model/load.js';
import { get, isMap, toJS } from '../../src/parse/tree.js';

/**
 * What docker-compose 1.29 cannot be asked about (`include`, `!reset`, `!override`, `name:`): each
 * folder under fixtures/ is a project, and its expected.yml holds the effective model written by hand
 * from the compose-spec text it quotes. Our model must be exactly that tree.
 */

interface Expected {
  /** Compose files, relative to the fixture folder, in `-f` order. */
  files: string[];
  /** The effective compose model. */
  effective: Record<string, unknown>;
  /** For included services: the folder their relative paths start from, relative to the fixture folder. */
  project_directories?: Record<string, string>;
}

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('the effective model on what docker-compose 1.29 lacks (hand-written expectations)', () => {
  it('has the cases: include, !reset, !override, name', () => {
    expect(cases).toEqual(expect.arrayContaining(['include', 'reset', 'override', 'name-interpolated', 'name-override']));
  });

  for (const name of cases) {
    it(name, () => {
      const dir = path.join(FIXTURES, name);
      const expected = parseYamlText(readFileSync(path.join(dir, 'expected.yml'), 'utf8')) as Expected;
      const loader = new ProjectLoader({ cwd: dir });
      const result = loader.load({ files: expected.files.map((f) => path.join(dir, f)) }, 'prod');
      expect(result.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`)).toEqual([]);
      expect(result.project, 'a project is built').toBeDefined();
      expect(result.project!.problems.map((p) => p.message)).toEqual([]);
      expect(toJS(result.project!.root)).toEqual(expected.effective);
      const services = get(result.project!.root, 'services');
      for (const [service, folder] of Object.entries(expected.project_directories ?? {})) {
        const node = get(services, service);
        expect(isMap(node), `service ${service}`).toBe(true);
        expect(includedProjectDir(node!), `project directory of ${service}`).toBe(path.join(dir, folder));
      }
    });
  }
});
