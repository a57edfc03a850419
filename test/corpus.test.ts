import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings/finding.js';
import { fileKindOf, type FileKind } from '../src/input/file-kind.js';
import { lint, type LintResult } from '../src/lint.js';
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

/** What is wrong with the places of a lint result's findings: each must be a range of a file the lint read. */
function misplaced(linted: string, result: LintResult): string[] {
  const problems: string[] = [];
  for (const finding of result.findings) {
    // A finding may sit in another file of the project: one the file extends or includes.
    if (!result.files.some((f) => f.file === finding.file)) problems.push(`${linted}: a finding names a file that was not read, ${finding.file}`);
    const text = textOf(finding.file);
    if (text === undefined) {
      // only a core/input finding (a missing extended or included file) may be about a file that cannot be read
      if (finding.ruleId !== 'core/input') problems.push(`${linted}: ${finding.ruleId} names a file that cannot be read, ${finding.file}`);
      continue;
    }
    const bad = badRange(finding, text);
    if (bad) problems.push(`${linted}: ${finding.ruleId} ${bad}: ${finding.message}`);
    if (!finding.message || finding.message.includes('\n')) problems.push(`${linted}: ${finding.ruleId} has an empty or multi-line message`);
  }
  return problems;
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
      findings += result.findings.length;
      problems.push(...misplaced(entry.path, result));
      if (broken.has(entry.path) && !result.findings.some((f) => f.ruleId === 'core/yaml')) {
        problems.push(`${entry.path}: the corpus lists it as broken YAML (${broken.get(entry.path)}), but there is no core/yaml finding`);
      }
    }
    expect(problems).toEqual([]);
    expect(findings).toBeGreaterThan(0);
  });
});

/** Corpus config files whose kind neither name nor text tells: broken or comment-only test files, and a pg_ident.conf. */
const KIND_UNTOLD = new Map<string, FileKind | undefined>([
  ['certbot__certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/broken.conf', undefined],
  ['certbot__certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/comment_in_file.conf', undefined],
  ['certbot__certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/mime.types', 'compose'],
  ['nginxinc__crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf', 'redis'],
  ['supabase__postgres/ansible/files/postgresql_config/pg_ident.conf.j2', undefined],
]);

describe('the shared corpus of nginx, redis and postgres files, each linted on its own', () => {
  const entries = manifest().filter((e) => ['nginx', 'redis', 'postgres'].includes(e.kind));
  const kindOf = (entry: Entry) => fileKindOf(path.join(CORPUS, entry.path), () => textOf(entry.path));

  it('tells the kind of every file from its name or text, but for a few that nothing tells', () => {
    expect(entries.length).toBeGreaterThan(400);
    const wrong = entries.filter((e) => !(e.kind === 'postgres' ? ['postgresql', 'pg_hba'] : [e.kind]).includes(kindOf(e) ?? ''));
    expect(new Map(wrong.map((e) => [e.path, kindOf(e)]))).toEqual(KIND_UNTOLD);
  });

  it('lints every one without an exception, with every finding inside a file it read', async () => {
    const problems: string[] = [];
    let findings = 0;
    for (const entry of entries) {
      const told = kindOf(entry);
      const kind: FileKind = told && told !== 'compose' ? told : entry.kind === 'postgres' ? (/hba/.test(entry.path) ? 'pg_hba' : 'postgresql') : (entry.kind as FileKind);
      try {
        const result = await lint([entry.path], { cwd: CORPUS, kind });
        findings += result.findings.length;
        problems.push(...misplaced(entry.path, result));
      } catch (error) {
        problems.push(`${entry.path}: threw ${(error as Error).stack ?? String(error)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(findings).toBeGreaterThan(entries.length);
  });
});
