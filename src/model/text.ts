import type { Origin, Range } from '../parse/position.js';
import type { Span, YScalar } from '../parse/tree.js';

/**
 * A string of the effective model with the place it was written. Any slice of it still knows
 * its exact range in the file, through quotes and `${VAR}` interpolation.
 */
/** Marks a Text of any copy of this package (a plugin imports its own): see `isText`. */
const TEXT_BRAND: unique symbol = Symbol.for('escashop-lint.text') as never;

export class Text {
  /** Always true: the brand `isText` looks for. */
  readonly [TEXT_BRAND] = true;

  private constructor(
    readonly value: string,
    private readonly scalar: YScalar,
    /** Offset of this text inside the scalar's value. */
    private readonly offset: number,
  ) {}

  /**
   * The text of a scalar. Numbers and booleans read as written (`0.50`, `0440`, `True`), the way
   * Compose reads a value into a string; null is the empty string.
   */
  static of(scalar: YScalar): Text {
    if (scalar.sliceOf) {
      const { scalar: whole, start } = scalar.sliceOf;
      return Text.of(whole).slice(start, start + scalarText(scalar).length);
    }
    return new Text(scalarText(scalar), scalar, 0);
  }

  /** The scalar this text is (part of). */
  get node(): YScalar {
    return this.scalar;
  }

  get origin(): Origin {
    return this.originOf(0, this.value.length);
  }

  /** Like `String.prototype.slice` (negative offsets count from the end), keeping the place in the file. */
  slice(start: number, end = this.value.length): Text {
    const s = clamp(start, this.value.length);
    const e = Math.max(s, clamp(end, this.value.length));
    return new Text(this.value.slice(s, e), this.scalar, this.offset + s);
  }

  /**
   * The file origin of value[start, end): the characters written in the file that produced it. A part
   * that came from a variable maps to the whole `${...}` that gave it. Falls back to the whole scalar
   * where the mapping cannot be exact: a scalar over several lines, a block scalar, or a
   * double-quoted scalar with escapes.
   */
  originOf(start: number, end: number): Origin {
    const whole = this.scalar.origin;
    const s = this.offset + clamp(start, this.value.length);
    const range = locate(this.scalar, s, Math.max(s, this.offset + clamp(end, this.value.length)));
    return range ? { ...whole, range } : whole;
  }

  /**
   * True when every character of value[start, end) was written in the file (literal text or a
   * `${VAR:-default}`'s default), and no variable is referenced in it, not even one that gave "".
   */
  isLiteral(start = 0, end = this.value.length): boolean {
    const spans = this.scalar.interpolation?.spans;
    if (!spans) return true;
    const s = this.offset + start;
    const e = this.offset + end;
    return spans.every((span) => !fromVariableIn(span, s, e));
  }

  /** True when some character of the text came from a variable, or a variable in it gave "". */
  get fromVariable(): boolean {
    return !this.isLiteral();
  }

  /** The variables that gave some character of the text, or gave "" inside it: each name once, in order. */
  get variables(): string[] {
    const spans = this.scalar.interpolation?.spans ?? [];
    const end = this.offset + this.value.length;
    return [...new Set(spans.filter((span) => span.variable !== undefined && fromVariableIn(span, this.offset, end)).map((span) => span.variable!))];
  }

  toString(): string {
    return this.value;
  }
}

/** True for a Text, also one made by another copy of this module (a plugin's `escashop-lint`), unlike `instanceof`. */
export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && (value as { [TEXT_BRAND]?: unknown })[TEXT_BRAND] === true;
}

/**
 * A scalar made of value[start, end) of `scalar` (offsets as `Text.slice` reads them): a string
 * whose origin, and `Text.of()` slices, are the exact characters it was cut from.
 */
export function sliceScalar(scalar: YScalar, start: number, end?: number): YScalar {
  const text = Text.of(scalar);
  const length = text.value.length;
  const s = clamp(start, length);
  const e = Math.max(s, clamp(end ?? length, length));
  const whole = scalar.sliceOf ?? { scalar, start: 0 };
  const part = text.slice(s, e);
  return { kind: 'scalar', value: part.value, style: scalar.style, origin: part.origin, sliceOf: { scalar: whole.scalar, start: whole.start + s } };
}

/** True when a span is a variable's value that makes part of value[start, end), or gave "" within it. */
function fromVariableIn(span: Span, start: number, end: number): boolean {
  if (span.from === 'file') return false;
  return span.valueStart === span.valueEnd ? span.valueStart >= start && span.valueStart <= end : span.valueEnd > start && span.valueStart < end;
}

/** An offset as `String.prototype.slice` reads it: negative from the end, then kept within the string. */
function clamp(offset: number, length: number): number {
  return Math.min(Math.max(0, offset < 0 ? length + offset : offset), length);
}

/** A scalar's value as a string; numbers and booleans as written when the source is known. */
function scalarText(scalar: YScalar): string {
  if (scalar.value === null) return '';
  if (typeof scalar.value === 'string') return scalar.value;
  return scalar.style === 'plain' && scalar.source !== undefined ? scalar.source : String(scalar.value);
}

/** Maps value[start, end) of a scalar to a file range, when the scalar is on one line and its quoting allows it. */
function locate(scalar: YScalar, start: number, end: number): Range | undefined {
  const { range } = scalar.origin;
  if (scalar.source === undefined || range.start.line !== range.end.line) return undefined;
  const written = scalar.interpolation?.raw ?? scalarText(scalar);
  const raw = toRaw(scalar.interpolation?.spans, written.length, start, end);
  const colStart = rawToColumn(scalar, written, raw[0]);
  const colEnd = rawToColumn(scalar, written, raw[1]);
  if (colStart === undefined || colEnd === undefined) return undefined;
  return { start: { line: range.start.line, column: colStart }, end: { line: range.start.line, column: Math.max(colStart, colEnd) } };
}

/**
 * The raw (pre-interpolation) range that produced value[start, end). Without spans the value is the
 * raw text. A piece of literal text maps character for character; a piece of a variable's value, or of
 * `$$`, maps to the whole expression that made it. An empty range maps to the expression that gave ""
 * there, if any, else to the point between raw characters.
 */
function toRaw(spans: readonly Span[] | undefined, rawLength: number, start: number, end: number): [number, number] {
  if (!spans) return [start, end];
  const exact = (span: Span) => span.from === 'file' && span.rawEnd - span.rawStart === span.valueEnd - span.valueStart;
  const containing = (offset: number) => spans.find((span) => span.valueStart <= offset && offset < span.valueEnd);
  if (start === end) {
    const empty = spans.find((span) => span.valueStart === start && span.valueEnd === start);
    if (empty) return [empty.rawStart, empty.rawEnd];
    const span = containing(start);
    if (span) return exact(span) ? [span.rawStart + (start - span.valueStart), span.rawStart + (start - span.valueStart)] : [span.rawStart, span.rawEnd];
    const before = [...spans].reverse().find((span) => span.valueEnd <= start);
    const point = before ? before.rawEnd : spans.length > 0 ? spans[0]!.rawStart : 0;
    return spans.length === 0 ? [0, rawLength] : [point, point];
  }
  const first = containing(start)!;
  const last = containing(end - 1)!;
  const rawStart = exact(first) ? first.rawStart + (start - first.valueStart) : first.rawStart;
  const rawEnd = exact(last) ? last.rawStart + (end - last.valueStart) : last.rawEnd;
  return [rawStart, rawEnd];
}

/** Column in the file of offset `raw` of the scalar's text as written (unquoted, before interpolation). */
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
        const step = source[i] === "'" && source[i + 1] === "'" ? 2 : 1;
        i += step;
        col += step;
      }
      return col;
    }
    default:
      return undefined;
  }
}

/**
 * The text of a scalar as written, before interpolation (`${DB_PASSWORD:-changeme}`, not its value):
 * its offsets are offsets of the raw text, so a slice of it is the exact place of part of an
 * expression. A slice of a scalar (a list item turned into a map entry) gives the whole scalar's text.
 */
export function rawText(scalar: YScalar): Text {
  const whole = scalar.sliceOf?.scalar ?? scalar;
  if (!whole.interpolation) return Text.of(whole);
  const { interpolation, ...written } = whole;
  return Text.of({ ...written, value: interpolation.raw });
}
