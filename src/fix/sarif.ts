import type { ArtifactChange, Fix as SarifFix, Replacement } from 'sarif';
import type { Fix } from './types.js';

/**
 * A fix as SARIF 2.1.0 carries it in `result.fixes`: its text edits as replacements per file (the
 * same 1-based, end-exclusive regions, columns in UTF-16 code units, as `utf16CodeUnits` runs say).
 * The files a fix writes are not part of it: a secret's value never leaves the machine, and an
 * append depends on the file as it is when the fix is applied. `uriOf` turns an absolute path into
 * the artifact URI the run uses for it (the SARIF reporter's `artifactUri`).
 */
export function sarifFix(fix: Fix, uriOf: (file: string) => string): SarifFix {
  const byFile = new Map<string, Replacement[]>();
  for (const edit of fix.edits) {
    const list = byFile.get(edit.file) ?? [];
    const { start, end } = edit.range;
    list.push({
      deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
      ...(edit.text === '' ? {} : { insertedContent: { text: edit.text } }),
    });
    byFile.set(edit.file, list);
  }
  const artifactChanges: ArtifactChange[] = [...byFile].map(([file, replacements]) => ({ artifactLocation: { uri: uriOf(file) }, replacements }));
  return { description: { text: fix.description }, artifactChanges };
}
