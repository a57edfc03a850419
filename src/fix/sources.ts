import type { SourceFile } from '../input/source.js';
import { LineIndex, type Origin, type Position, type Range } from '../parse/position.js';
import type { TextEdit } from './types.js';

/**
 * The text of a file a fix edits, with what edits need to know of it: offsets of positions, its
 * line ending, the indentation of a line. Edits are built against this text and applied to it.
 */
export class FixText {
  readonly lines: LineIndex;
  /** The file's line ending: CRLF when its first line break is one, else LF. */
  readonly eol: '\n' | '\r\n';

  constructor(readonly source: SourceFile) {
    this.lines = new LineIndex(source.text);
    const nl = source.text.indexOf('\n');
    this.eol = nl > 0 && source.text[nl - 1] === '\r' ? '\r\n' : '\n';
  }

  get text(): string {
    return this.source.text;
  }

  offset(position: Position): number {
    return Math.min(this.lines.offset(position), this.text.length);
  }

  /** [start, end) offsets of a range. */
  offsets(range: Range): [number, number] {
    return [this.offset(range.start), this.offset(range.end)];
  }

  /** The edit replacing text[start, end) by `text`, whose line breaks (`\n`) become the file's. */
  edit(start: number, end: number, text: string): TextEdit {
    const written = this.eol === '\n' ? text : text.replace(/\r?\n/g, this.eol);
    return { file: this.source.absPath, range: this.lines.range(start, end), text: written };
  }

  /** An insertion of whole entries at `offset`, which other such insertions there do not conflict with (`TextEdit.joinable`). */
  insert(offset: number, text: string): TextEdit {
    return { ...this.edit(offset, offset, text), joinable: true };
  }

  /** The offset where the line holding `offset` starts. */
  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The offset where the line holding `offset` ends, before its line break (`\r\n` or `\n`). */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    if (nl === -1) return this.text.length;
    return nl > 0 && this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  /** The offset just past the line break of the line holding `offset` (the end of the text on the last line). */
  nextLine(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl + 1;
  }

  /** The spaces a line starts with. */
  indentAt(offset: number): number {
    const start = this.lineStart(offset);
    let i = start;
    while (this.text[i] === ' ') i++;
    return i - start;
  }
}

/** A span of a file's text, in offsets. */
export interface Located {
  text: FixText;
  start: number;
  end: number;
}

/**
 * The files edits may be made in, by the name origins give them (`Origin.file`): a fix lands where
 * the value was written, whichever file that is. Each file's text is read once.
 */
export class FixSources {
  private readonly known = new Map<string, FixText | undefined>();

  constructor(private readonly lookup: (name: string) => SourceFile | undefined) {}

  /** Sources for these files, by their `name`. */
  static of(...files: SourceFile[]): FixSources {
    const byName = new Map(files.map((file) => [file.name, file]));
    return new FixSources((name) => byName.get(name));
  }

  get(name: string): FixText | undefined {
    if (!this.known.has(name)) {
      const source = this.lookup(name);
      this.known.set(name, source && new FixText(source));
    }
    return this.known.get(name);
  }

  /** The text an origin is in, and its [start, end) offsets there; why not, when the file is not among the sources. */
  locate(origin: Origin): Located | string {
    const text = this.get(origin.file);
    if (!text) return `${origin.file} is not among the files that can be edited`;
    const [start, end] = text.offsets(origin.range);
    return { text, start, end };
  }
}
