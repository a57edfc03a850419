import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { FileWrite } from './types.js';
import { joinLines } from './apply.js';

/**
 * What `--fix-dry-run` prints: a unified diff per changed file (3 lines of context), and for each file
 * a fix writes, its lines, or only that it is written when it holds a secret value.
 */

/** The unified diff of one file (`--- a/name`, `+++ b/name`); empty when nothing changed. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

/**
 * The diff of a file a fix writes. `existing` is its text now (undefined when it does not exist). A
 * secret's value is never shown: only the file's name and mode.
 */
export function writeDiff(name: string, write: FileWrite, existing: string | undefined): string {
  if (write.secret) {
    const mode = write.mode === undefined ? '' : `, mode ${write.mode.toString(8).padStart(4, '0')}`;
    return `--- ${existing === undefined ? '/dev/null' : `a/${name}`}\n+++ b/${name}\n(${existing === undefined ? 'new file' : 'file replaced'}${mode}, contents not shown)\n`;
  }
  const after = write.append ? joinLines(existing ?? '', write.text) : write.text;
  if (existing === undefined) return createTwoFilesPatch('/dev/null', `b/${name}`, '', after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  return unifiedDiff(name, existing, after);
}

/** The diffs of every file whose text changed, in name order; `nameOf` gives the name a file is shown under. */
export function diffTexts(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, nameOf: (file: string) => string): string {
  const changed = [...after].filter(([file, text]) => before.get(file) !== text).map(([file, text]) => ({ name: nameOf(file), old: before.get(file) ?? '', text }));
  changed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return changed.map(({ name, old, text }) => unifiedDiff(name, old, text)).join('');
}
