/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, nested expressions in the
 * default, and `$$` for a literal `$`. Keeps, for every character of the result, whether it was
 * written in the file or came from a variable's value.
 */

export type Variables = ReadonlyMap<string, string>;

import type { Span } from '../parse/tree.js';

export interface InterpolationProblem {
  kind: 'unset' | 'required' | 'syntax';
  variable?: string;
  message: string;
  rawStart: number;
  rawEnd: number;
}

export interface Interpolated {
  value: string;
  spans: Span[];
  problems: InterpolationProblem[];
  /** Variables read, in order. */
  variables: string[];
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

export function hasInterpolation(raw: string): boolean {
  return raw.includes('$');
}

export function interpolate(raw: string, vars: Variables): Interpolated {
  const out: Interpolated = { value: '', spans: [], problems: [], variables: [] };
  new Interpolator(raw, vars, out).run(0, raw.length, 'file');
  return out;
}

class Interpolator {
  constructor(
    private readonly raw: string,
    private readonly vars: Variables,
    private readonly out: Interpolated,
  ) {}

  /** Appends `text` made from raw[rawStart, rawEnd). A variable's span is kept even when its value is empty. */
  private emit(text: string, rawStart: number, rawEnd: number, from: Span['from'], variable?: string): void {
    if (text === '' && from === 'file') return;
    const valueStart = this.out.value.length;
    this.out.value += text;
    const last = this.out.spans[this.out.spans.length - 1];
    if (last && from === 'file' && last.from === 'file' && last.rawEnd === rawStart && rawEnd - rawStart === text.length && last.rawEnd - last.rawStart === last.valueEnd - last.valueStart) {
      last.valueEnd = this.out.value.length;
      last.rawEnd = rawEnd;
      return;
    }
    this.out.spans.push({ valueStart, valueEnd: this.out.value.length, rawStart, rawEnd, from, ...(variable ? { variable } : {}) });
  }

  /** Interpolates raw[start, end) into the output. `from` is how literal text in it counts. */
  run(start: number, end: number, from: Span['from']): void {
    const raw = this.raw;
    let i = start;
    let literalStart = i;
    const flush = (upTo: number) => {
      if (upTo > literalStart) this.emit(raw.slice(literalStart, upTo), literalStart, upTo, from);
    };
    while (i < end) {
      if (raw[i] !== '$') {
        i++;
        continue;
      }
      flush(i);
      const next = raw[i + 1];
      if (next === '$') {
        this.emit('$', i, i + 2, from);
        i += 2;
      } else if (next === '{') {
        i = this.braced(i, end);
      } else {
        NAME.lastIndex = i + 1;
        const match = NAME.exec(raw);
        if (match && match.index === i + 1 && i + 1 + match[0].length <= end) {
          const name = match[0];
          const exprEnd = i + 1 + name.length;
          this.variable(name, i, exprEnd);
          i = exprEnd;
        } else {
          this.emit('$', i, i + 1, from);
          i += 1;
        }
      }
      literalStart = i;
    }
    flush(end);
  }

  private variable(name: string, exprStart: number, exprEnd: number): string | undefined {
    this.out.variables.push(name);
    const value = this.vars.get(name);
    if (value === undefined) {
      this.out.problems.push({ kind: 'unset', variable: name, message: `variable "${name}" is not set and has no default`, rawStart: exprStart, rawEnd: exprEnd });
    }
    this.emit(value ?? '', exprStart, exprEnd, 'variable', name);
    return value;
  }

  /** `${...}` starting at `start`; returns the index after its closing brace. */
  private braced(start: number, end: number): number {
    const raw = this.raw;
    const close = matchingBrace(raw, start + 1, end);
    if (close === -1) {
      this.out.problems.push({ kind: 'syntax', message: 'unclosed "${": missing "}"', rawStart: start, rawEnd: end });
      this.emit(raw.slice(start, end), start, end, 'file');
      return end;
    }
    NAME.lastIndex = start + 2;
    const match = NAME.exec(raw);
    if (!match || match.index !== start + 2) {
      this.out.problems.push({ kind: 'syntax', message: `invalid variable expression "${raw.slice(start, close + 1)}"`, rawStart: start, rawEnd: close + 1 });
      return close + 1;
    }
    const name = match[0];
    const afterName = start + 2 + name.length;
    const op = /^(:-|-|:\?|\?|:\+|\+)?/.exec(raw.slice(afterName, close))![0];
    if (op === '' && afterName !== close) {
      this.out.problems.push({ kind: 'syntax', message: `invalid variable expression "${raw.slice(start, close + 1)}"`, rawStart: start, rawEnd: close + 1 });
      return close + 1;
    }
    const exprEnd = close + 1;
    this.out.variables.push(name);
    const value = this.vars.get(name);
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    const wordStart = afterName + op.length;
    switch (op) {
      case '':
        if (!set) this.out.problems.push({ kind: 'unset', variable: name, message: `variable "${name}" is not set and has no default`, rawStart: start, rawEnd: exprEnd });
        this.emit(value ?? '', start, exprEnd, 'variable', name);
        break;
      case ':-':
      case '-':
        if (op === ':-' ? nonEmpty : set) this.emit(value!, start, exprEnd, 'variable', name);
        else this.run(wordStart, close, 'file');
        break;
      case ':?':
      case '?':
        if (op === ':?' ? nonEmpty : set) this.emit(value!, start, exprEnd, 'variable', name);
        else {
          this.emit('', start, exprEnd, 'variable', name);
          const detail = raw.slice(wordStart, close);
          this.out.problems.push({
            kind: 'required',
            variable: name,
            message: `required variable "${name}" is ${set ? 'empty' : 'not set'}${detail ? `: ${detail}` : ''}`,
            rawStart: start,
            rawEnd: exprEnd,
          });
        }
        break;
      case ':+':
      case '+':
        // The alternative when the variable is set (and, for `:+`, not empty); otherwise its value, which is empty.
        if (op === ':+' ? nonEmpty : set) this.run(wordStart, close, 'file');
        else this.emit('', start, exprEnd, 'variable', name);
        break;
    }
    return exprEnd;
  }
}

/**
 * Index of the `}` closing the `${` whose `{` is at `open`; -1 if none. Only a nested `${` opens
 * another level, as in Compose: a bare `{` in a default (`${JSON:-{}}`) does not.
 */
function matchingBrace(raw: string, open: number, end: number): number {
  let depth = 1;
  for (let i = open + 1; i < end; i++) {
    if (raw[i] === '}' && --depth === 0) return i;
    if (raw[i] === '$' && raw[i + 1] === '{' && i + 1 < end) {
      depth++;
      i++;
    }
  }
  return -1;
}

/** One `${NAME…}` expression as written, with offsets into the raw text. */
export interface VariableExpression {
  readonly name: string;
  /** `''` for `${NAME}`, else `:-`, `-`, `:?`, `?`, `:+` or `+`. */
  readonly operator: string;
  /** raw[start, end) is the whole expression. */
  readonly start: number;
  readonly end: number;
  /** raw[wordStart, wordEnd) is what follows the operator: the default, the error message or the alternative. */
  readonly wordStart: number;
  readonly wordEnd: number;
}

/**
 * Every braced expression written in a raw value, whatever the variables are set to: the outer ones
 * and those nested in a word (`${A:-${B:-x}}`). `$${…}` is a literal `$` followed by text, not an expression.
 */
export function variableExpressions(raw: string, from = 0, to = raw.length): VariableExpression[] {
  const out: VariableExpression[] = [];
  for (let i = from; i < to; i++) {
    if (raw[i] !== '$') continue;
    if (raw[i + 1] === '$') {
      i++;
      continue;
    }
    if (raw[i + 1] !== '{') continue;
    const close = matchingBrace(raw, i + 1, to);
    if (close === -1) break;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(:-|-|:\?|\?|:\+|\+)?/.exec(raw.slice(i + 2, close));
    if (m && (m[2] !== undefined || i + 2 + m[1]!.length === close)) {
      const wordStart = i + 2 + m[0].length;
      out.push({ name: m[1]!, operator: m[2] ?? '', start: i, end: close + 1, wordStart, wordEnd: close });
      out.push(...variableExpressions(raw, wordStart, close));
    }
    i = close;
  }
  return out;
}
