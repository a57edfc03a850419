import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { ProjectLoader } from '../../src/model/load.js';
import type { SourceFile } from '../../src/input/source.js';
import type { YNode } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { applyFixes } from '../../src/fix/apply.js';
import { FixSources } from '../../src/fix/sources.js';
import { isRefused, type EditResult, type Fix } from '../../src/fix/types.js';

export function source(text: string, name = 'compose.yaml'): SourceFile {
  return { name, absPath: `/project/${name}`, text };
}

export type Build = (root: YNode, sources: FixSources) => EditResult;

export function fixOf(result: EditResult, description = 'test fix'): Fix {
  if (isRefused(result)) throw new Error(`refused: ${result.refused}`);
  return { description, edits: result.edits, kind: 'fix' };
}

/** Parses `text`, builds the edits and applies them: the new text, which must parse with no error. */
export function edited(text: string, build: Build): string {
  const file = source(text);
  const parsed = parseYaml(file);
  expect(parsed.findings).toEqual([]);
  const fix = fixOf(build(parsed.root!, FixSources.of(file)));
  const result = applyFixes(new Map([[file.absPath, text]]), [fix]);
  expect(result.unsafe).toEqual([]);
  expect(result.conflicts).toEqual([]);
  const out = result.texts.get(file.absPath)!;
  expect(parseYaml(source(out)).findings).toEqual([]);
  return out;
}

/** `edited`, then the same build on the result, which must change nothing more. */
export function editedOnce(text: string, build: Build): string {
  const once = edited(text, build);
  const again = parseYaml(source(once));
  const result = build(again.root!, FixSources.of(source(once)));
  expect(result).toEqual({ edits: [] });
  return once;
}

/** The reason the build refuses. */
export function refused(text: string, build: Build): string {
  const file = source(text);
  const result = build(parseYaml(file).root!, FixSources.of(file));
  if (!isRefused(result)) throw new Error(`not refused: ${JSON.stringify(result)}`);
  return result.refused;
}

/** Applies one fix's edits to these files: the texts that changed, by file name. */
export function applyTo(files: readonly SourceFile[], result: EditResult): Record<string, string> {
  const applied = applyFixes(new Map(files.map((file) => [file.absPath, file.text])), [fixOf(result)]);
  expect(applied.unsafe).toEqual([]);
  return Object.fromEntries(files.filter((file) => applied.texts.get(file.absPath) !== file.text).map((file) => [file.name, applied.texts.get(file.absPath)!]));
}

/**
 * A project of compose files in a new folder, loaded as lint() loads it: its effective model, the
 * sources edits are made against, and `apply()`, which gives the texts a fix changes, by file name.
 */
export function loadProject(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'escashop-fix-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const loader = new ProjectLoader({ cwd: dir });
  const composeFiles = Object.keys(files).filter((name) => /\.ya?ml$/.test(name));
  const result = loader.load({ files: composeFiles.map((name) => path.join(dir, name)), envFiles: [] }, 'prod');
  const sources = new FixSources((name) => loader.text(path.resolve(dir, name)));
  // The loader keeps the texts it read: the folder is not needed past loading.
  rmSync(dir, { recursive: true, force: true });
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), text]));
  const apply = (fix: EditResult | Fix): Record<string, string> => {
    const applied = applyFixes(texts, ['kind' in fix ? fix : fixOf(fix)]);
    expect(applied.unsafe).toEqual([]);
    return Object.fromEntries([...applied.texts].filter(([file, text]) => texts.get(file) !== text).map(([file, text]) => [path.basename(file), text]));
  };
  return { project: result.project!, sources, apply, dir };
}
