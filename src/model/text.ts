import type { Origin, Range } from '../parse/position.js';
import type { Span, YScalar } from '../parse/tree.js';

/**
 * A string of the effective model with the place it was written. Any slice of it still knows
 * its exact range in the file, through quotes and `${VAR}` interpolation.
 */
export class Text {
  private constructor(
    readonly value: string,
    private readonly scalar: YScalar,
    /** Offset of this text inside the scalar's value. */
    private readonly offset: number,
  ) {}

  static of(scalar: YScalar): Text {
    return new Text(scalar.value === null ? '' : String(scalar.value), scalar, 0);
  }

  /** The scalar this text is (part of). */
  get node(): YScalar {
    return this.scalar;
  }

  get origin(): Origin {
    return this.originOf(0, this.value.length);
  }

  slice(start: number, end = this.value.length): Text {
    return new Text(this.value.slice(start, end), this.scalar, this.offset + start);
  }

  /** The file origin of value[start, end). Falls back to the whole scalar where the mapping is not exact. */
  originOf(start: number, end: number): Origin {
    const whole = this.scalar.origin;
    const range = locate(this.scalar, this.offset + start, this.offset + end);
    return range ? { ...whole, range } : whole;
  }

  /** True when every character of value[start, end) was written in the file (literal or a `${VAR:-default}`), none from a variable. */
  isLiteral(start = 0, end = this.value.length): boolean {
    const spans = this.scalar.interpolation?.spans;
    if (!spans) return true;
    const s = this.offset + start;
    const e = this.offset + end;
    return spans.every((span) => span.from === 'file' || span.valueEnd <= s || span.valueStart >= e);
  }

  /** True when some character of the text came from a variable. */
  get fromVariable(): boolean {
    return !this.isLiteral();
  }

  toString(): string {
    return this.value;
  }
}

/** Maps value[start, end) of a scalar to a file range, when the scalar is on one line and its quoting allows it. */
function locate(scalar: YScalar, start: number, end: number): Range | undefined {
  const { range } = scalar.origin;
  if (scalar.source === undefined || range.start.line !== range.end.line) return undefined;
  const written = scalar.interpolation?.raw ?? (scalar.value === null ? '' : String(scalar.value));
  const rawStart = toRaw(scalar.interpolation?.spans, start, 'start');
  const rawEnd = toRaw(scalar.interpolation?.spans, end, 'end');
  const colStart = rawToColumn(scalar, written, rawStart);
  const colEnd = rawToColumn(scalar, written, rawEnd);
  if (colStart === undefined || colEnd === undefined) return undefined;
  return { start: { line: range.start.line, column: colStart }, end: { line: range.start.line, column: Math.max(colStart, colEnd) } };
}

function toRaw(spans: readonly Span[] | undefined, offset: number, side: 'start' | 'end'): number {
  if (!spans || spans.length === 0) return offset;
  for (const span of spans) {
    const inside = side === 'start' ? offset >= span.valueStart && offset < span.valueEnd : offset > span.valueStart && offset <= span.valueEnd;
    if (!inside) continue;
    if (span.from === 'variable' || span.rawEnd - span.rawStart !== span.valueEnd - span.valueStart) return side === 'start' ? span.rawStart : span.rawEnd;
    return span.rawStart + (offset - span.valueStart);
  }
  const last = spans[spans.length - 1]!;
  return side === 'start' && offset === 0 ? spans[0]!.rawStart : last.rawEnd;
}

/** Column in the file of offset `raw` of the scalar's decoded text. */
function rawToColumn(scalar: YScalar, written: string, raw: number): number | undefined {
  const base = scalar.origin.range.start.column;
  const source = scalar.source!;
  switch (scalar.style) {
    case 'plain':
      return source === written ? base + raw : undefined;
    case 'double':
      return source === written ? base + 1 + raw : undefined;
    case 'single': {
      // '' in the source is one ' in the value.
      let col = base + 1;
      for (let i = 0, k = 0; k < raw; k++) {
        if (source[i] === "'" && source[i + 1] === "'") {
          i += 2;
          col += 2;
        } else {
          i++;
          col++;
        }
      }
      return col;
    }
    default:
      return undefined;
  }
}
