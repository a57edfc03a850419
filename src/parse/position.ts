/** 1-based line and column; columns count UTF-16 code units, as JavaScript strings and SARIF do. */
export interface Position {
  line: number;
  column: number;
}

/** A span of text: `end` is exclusive (the column just after the last character). */
export interface Range {
  start: Position;
  end: Position;
}

/** Where something came from: a real file and a range in it. */
export interface Origin {
  file: string;
  range: Range;
  /** Set when the value was reached through an alias or merge key: the place that pulled it in. */
  via?: Origin;
}

/** Maps string offsets to positions. Built once per file; lookups are a binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  static fromStarts(starts: readonly number[]): LineIndex {
    const index = new LineIndex('');
    // Copied one by one: spreading a huge array into push() overflows the call stack.
    index.starts.length = 0;
    for (const start of starts) index.starts.push(start);
    return index;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The offset of a position, the inverse of `position()`; a line past the last one is past every offset. */
  offset(pos: Position): number {
    const start = this.starts[pos.line - 1];
    return start === undefined ? Number.MAX_SAFE_INTEGER : start + pos.column - 1;
  }
}

export const FILE_START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

/** True when two ranges share a character. */
export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}
