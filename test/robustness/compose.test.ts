import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { sourceFromBytes, type SourceFile } from '../../src/input/source.js';
import { lint, lintSource } from '../../src/lint.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { COMPOSE_FRAGMENTS, composeText, treeOrigins } from './compose-text.js';
import { corpusFiles, findingProblems, mutatedCorpus, originProblem, params, TIMEOUT } from './properties.js';

/**
 * The YAML loader and the whole compose pipeline never throw on any text, and every finding (and
 * every node of the tree) lies inside the file: on generated compose-like documents and on mutated
 * corpus files. Each file sits in an empty temporary folder, so what it extends or includes is missing.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'escashop-robust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAME = 'docker-compose.prod.yml';

/** The text as the linter reads it from disk: UTF-8 bytes, checked and decoded (a BOM dropped). */
function read(text: string): SourceFile | string[] {
  const result = sourceFromBytes(Buffer.from(text, 'utf8'), NAME, path.join(dir, NAME));
  if (result.ok) return result.file;
  // A refusal (invalid UTF-8 cannot come from a JavaScript string; NUL bytes can) is a finding at a place in the text.
  return findingProblems([result.finding], new Map([[NAME, text.replace(/^\uFEFF/, '')]]));
}

/** Problems with parsing and linting `text`: findings or tree nodes outside the file; an exception fails the property. */
function problems(text: string): string[] {
  const source = read(text);
  if (Array.isArray(source)) return source;
  const texts = new Map([[source.name, source.text]]);
  const parsed = parseYaml(source);
  const out = findingProblems(parsed.findings, texts);
  for (const origin of treeOrigins(parsed.root)) {
    const bad = originProblem(origin, texts);
    if (bad) out.push(`tree node ${bad}`);
  }
  return out.concat(findingProblems(lintSource(source, rules), texts));
}

describe('compose files, generated and mutated', () => {
  it(
    'a generated compose-like document parses and lints without an exception, every place inside the file',
    () => {
      fc.assert(
        fc.property(composeText, (text) => {
          expect(problems(text)).toEqual([]);
        }),
        params(150),
      );
    },
    TIMEOUT,
  );

  it(
    'a corpus compose file truncated, bit-flipped, with lines deleted, duplicated, swapped or re-indented, lints without an exception',
    () => {
      fc.assert(
        fc.property(mutatedCorpus(corpusFiles('compose'), COMPOSE_FRAGMENTS), ({ text }) => {
          expect(problems(text)).toEqual([]);
        }),
        params(150),
      );
    },
    TIMEOUT,
  );

  it(
    'lint() on a project of two generated files and an env file (interpolation, then merge) names only files it read',
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(composeText, composeText, fc.array(fc.constantFrom('TAG=1', 'A=', 'B=${C}', 'K', '=x', 'X="unclosed', 'Y=$$'), { maxLength: 4 }), async (base, override, env) => {
          const project = path.join(dir, `p${n++}`);
          mkdirSync(project);
          const files = { 'compose.yaml': base, 'compose.override.yaml': override, '.env': env.join('\n') };
          for (const [name, text] of Object.entries(files)) writeFileSync(path.join(project, name), text);
          const result = await lint([{ files: ['compose.yaml', 'compose.override.yaml'] }], { cwd: project, useConfig: false });
          const texts = new Map(Object.entries(files).map(([name, text]) => [name, text.replace(/^\uFEFF/, '')]));
          const read = new Set(result.files.map((f) => f.file));
          const unread = result.findings.filter((f) => !read.has(f.file)).map((f) => `${f.ruleId} names ${f.file}, not in the result's files`);
          expect(unread.concat(findingProblems(result.findings, texts))).toEqual([]);
        }),
        params(25),
      );
    },
    TIMEOUT,
  );
});
