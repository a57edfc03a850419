import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings/finding.js';
import { lint } from '../src/lint.js';
import { PACKAGE_ROOT } from '../src/package-info.js';

/**
 * Every real compose file of the shared corpus, linted with every built-in rule: nothing throws,
 * every finding sits inside the file it names (the linted file, or one it extends or includes), and
 * the files the corpus lists as broken YAML get a `core/yaml` finding. The corpus lies beside the
 * repository (`../shared/corpus`), as it does in CI.
 */
const CORPUS = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus');
const MANIFEST = path.join(CORPUS, 'MANIFEST.tsv');

interface Entry {
  path: string;
  kind: string;
  /** `ok`, or what the corpus's own YAML reader said was wrong. */
  yaml: string;
}

function manifest(): Entry[] {
  if (!existsSync(MANIFEST)) {
    throw new Error(`the shared corpus is missing: expected ${MANIFEST} (shared/ must sit beside the repository, as in CI)`);
  }
  const [header, ...rows] = readFileSync(MANIFEST, 'utf8').trimEnd().split('\n');
  expect(header!.split('\t')).toEqual(['path', 'kind', 'bytes', 'yaml']);
  return rows.map((row) => {
    const [file, kind, , yaml] = row.split('\t');
    return { path: file!, kind: kind!, yaml: yaml! };
  });
}

/** Why a finding's range is not a place in `text`, or undefined when it is. */
function badRange(finding: Finding, text: string): string | undefined {
  const lines = text.split('\n');
  const { start, end } = finding.range;
  const where = `${start.line}:${start.column}-${end.line}:${end.column}`;
  if (start.line < 1 || start.column < 1) return `${where} starts before 1:1`;
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) return `${where} ends before it starts`;
  if (end.line > lines.length) return `${where} is past the last line (${lines.length})`;
  if (start.column > lines[start.line - 1]!.length + 1) return `${where} starts past the end of line ${start.line}`;
  if (end.column > lines[end.line - 1]!.length + 1) return `${where} ends past the end of line ${end.line}`;
  return undefined;
}

const texts = new Map<string, string | undefined>();
/** The text of a file a finding names (relative to the corpus, or absolute), without a byte-order mark. */
function textOf(file: string): string | undefined {
  if (!texts.has(file)) {
    let text: string | undefined;
    try {
      text = readFileSync(path.resolve(CORPUS, file), 'utf8').replace(/^\uFEFF/, '');
    } catch {
      text = undefined;
    }
    texts.set(file, text);
  }
  return texts.get(file);
}

describe('the shared corpus of real compose files', () => {
  it('is there', () => {
    expect(() => manifest()).not.toThrow();
  });

  it('lints every compose file without an exception, with every finding inside its file', async () => {
    const entries = manifest().filter((e) => e.kind === 'compose');
    expect(entries.length).toBeGreaterThan(1000);
    const problems: string[] = [];
    const broken = new Map(entries.filter((e) => e.yaml !== 'ok').map((e) => [e.path, e.yaml]));
    expect(broken.size).toBeGreaterThan(0);
    let findings = 0;
    for (const entry of entries) {
      let result;
      try {
        result = await lint([entry.path], { cwd: CORPUS });
      } catch (error) {
        problems.push(`${entry.path}: threw ${(error as Error).stack ?? String(error)}`);
        continue;
      }
      for (const finding of result.findings) {
        findings++;
        // A finding may sit in another file of the project: one the file extends or includes.
        if (!result.files.some((f) => f.file === finding.file)) problems.push(`${entry.path}: a finding names a file that was not read, ${finding.file}`);
        const text = textOf(finding.file);
        if (text === undefined) {
          // only a core/input finding (a missing extended or included file) may be about a file that cannot be read
          if (finding.ruleId !== 'core/input') problems.push(`${entry.path}: ${finding.ruleId} names a file that cannot be read, ${finding.file}`);
          continue;
        }
        const bad = badRange(finding, text);
        if (bad) problems.push(`${entry.path}: ${finding.ruleId} ${bad}: ${finding.message}`);
        if (!finding.message || finding.message.includes('\n')) problems.push(`${entry.path}: ${finding.ruleId} has an empty or multi-line message`);
      }
      if (broken.has(entry.path) && !result.findings.some((f) => f.ruleId === 'core/yaml')) {
        problems.push(`${entry.path}: the corpus lists it as broken YAML (${broken.get(entry.path)}), but there is no core/yaml finding`);
      }
    }
    expect(problems).toEqual([]);
    expect(findings).toBeGreaterThan(0);
  });
});
