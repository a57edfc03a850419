import type { Range } from '../parse/position.js';

/**
 * What a fix is made of: edits of existing text, each replacing one exact span, and files it writes.
 * See docs/fix-design.md.
 */

/** Replaces `range` of `file` by `text`. An empty range inserts; an empty `text` deletes. */
export interface TextEdit {
  /** The file's absolute path. */
  readonly file: string;
  /** 1-based, end exclusive, columns in UTF-16 code units, as every range of the project (src/parse/position.ts). */
  readonly range: Range;
  readonly text: string;
  /**
   * An insertion that adds whole entries (new lines, a flow collection's item): another joinable
   * insertion at the same place does not conflict with it, and both go in, in the order of their
   * fixes (two fixes that each add a key at the end of one service). Any other two insertions at one
   * place conflict.
   */
  readonly joinable?: true;
}

/** A file a fix writes that is not an edit of parsed text: a secret's value, a line of `.gitignore`. */
export interface FileWrite {
  /** Absolute path. */
  readonly file: string;
  readonly text: string;
  /** Permission bits of a file the write creates (0o600 for a secret). */
  readonly mode?: number;
  /** The text is a secret value: no output shows it (a diff says only that the file is written). */
  readonly secret?: boolean;
  /**
   * Adds `text` (one or more whole lines) at the end of the file, creating it when missing; lines the
   * file already has are not added again. Without it the write creates the file, and two fixes that
   * write the same file with different text conflict.
   */
  readonly append?: boolean;
}

export interface Fix {
  /** What the fix does, in words; never a secret's value. */
  readonly description: string;
  readonly edits: readonly TextEdit[];
  readonly files?: readonly FileWrite[];
  /** `fix`: `--fix` applies it. `suggestion`: shown, applied only when asked for by rule or type. */
  readonly kind: 'fix' | 'suggestion';
}

/** What an edit builder returns: the edits, or why it makes none (the value is not literal text, the node is not where it looks). */
export type EditResult = { readonly edits: readonly TextEdit[] } | { readonly refused: string };

export function refuse(reason: string): EditResult {
  return { refused: reason };
}

export function edits(...list: TextEdit[]): EditResult {
  return { edits: list };
}

export function isRefused(result: EditResult): result is { readonly refused: string } {
  return 'refused' in result;
}

/** The edits of several results, or the first refusal among them. */
export function combine(results: readonly EditResult[]): EditResult {
  const out: TextEdit[] = [];
  for (const result of results) {
    if (isRefused(result)) return result;
    out.push(...result.edits);
  }
  return { edits: out };
}
