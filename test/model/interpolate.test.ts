import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/model/interpolate.js';

const vars = (entries: Record<string, string> = {}) => new Map(Object.entries(entries));
const value = (raw: string, entries: Record<string, string> = {}) => interpolate(raw, vars(entries)).value;
const problems = (raw: string, entries: Record<string, string> = {}) => interpolate(raw, vars(entries)).problems.map((p) => `${p.kind} ${p.rawStart}-${p.rawEnd} ${p.message}`);

describe('plain references', () => {
  it('$VAR and ${VAR} give the value', () => {
    expect(value('$A', { A: 'x' })).toBe('x');
    expect(value('${A}', { A: 'x' })).toBe('x');
    expect(value('a$A-b${A}c', { A: 'x' })).toBe('ax-bxc');
  });

  it('a name is letters, digits and underscores, not starting with a digit', () => {
    expect(value('$A_1.conf', { A_1: 'x' })).toBe('x.conf');
    expect(value('$_a', { _a: 'x' })).toBe('x');
    expect(value('$1A', { A: 'x' })).toBe('$1A');
  });

  it('an unset variable gives "" with a problem at its expression', () => {
    expect(value('a${A}b')).toBe('ab');
    expect(problems('a${A}b')).toEqual(['unset 1-5 variable "A" is not set and has no default']);
    expect(problems('x $A')).toEqual(['unset 2-4 variable "A" is not set and has no default']);
  });

  it('a variable set to "" gives "" without a problem', () => {
    expect(value('a${A}b', { A: '' })).toBe('ab');
    expect(problems('a${A}b', { A: '' })).toEqual([]);
  });

  it('lists the variables read, in order', () => {
    expect(interpolate('$A ${B:-$C} ${D:+x}', vars({ D: '1' })).variables).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('defaults: ${VAR:-d} when unset or empty, ${VAR-d} when unset', () => {
  it(':- uses the default when unset or empty', () => {
    expect(value('${A:-d}')).toBe('d');
    expect(value('${A:-d}', { A: '' })).toBe('d');
    expect(value('${A:-d}', { A: 'v' })).toBe('v');
  });

  it('- uses the default only when unset', () => {
    expect(value('${A-d}')).toBe('d');
    expect(value('${A-d}', { A: '' })).toBe('');
    expect(value('${A-d}', { A: 'v' })).toBe('v');
  });

  it('a default may be empty or hold any character but an unmatched }', () => {
    expect(value('${A:-}')).toBe('');
    expect(value('${A:-a b:c/d?e}')).toBe('a b:c/d?e');
    expect(problems('${A:-}')).toEqual([]);
  });

  it('a bare { in a default does not nest: the first } closes, as in Compose', () => {
    expect(value('${A:-{}}')).toBe('{}');
    expect(value('${A:-{"k":1}}')).toBe('{"k":1}');
    expect(value('${A:-{}', {})).toBe('{');
  });

  it('defaults nest', () => {
    expect(value('${A:-${B:-x}}')).toBe('x');
    expect(value('${A:-${B:-x}}', { B: 'b' })).toBe('b');
    expect(value('${A:-${B:-x}}', { A: 'a', B: 'b' })).toBe('a');
    expect(value('${A:-pre-${B}-post}', { B: 'b' })).toBe('pre-b-post');
    expect(value('${A-$B}', { B: 'b' })).toBe('b');
  });
});

describe('required: ${VAR:?e} when unset or empty, ${VAR?e} when unset', () => {
  it(':? is a problem when unset or empty', () => {
    expect(problems('${A:?set A}')).toEqual(['required 0-11 required variable "A" is not set: set A']);
    expect(problems('${A:?set A}', { A: '' })).toEqual(['required 0-11 required variable "A" is empty: set A']);
    expect(value('${A:?e}', { A: 'v' })).toBe('v');
    expect(problems('${A:?e}', { A: 'v' })).toEqual([]);
  });

  it('? is a problem only when unset', () => {
    expect(problems('x${A?}')).toEqual(['required 1-6 required variable "A" is not set']);
    expect(problems('${A?e}', { A: '' })).toEqual([]);
    expect(value('${A?e}', { A: '' })).toBe('');
  });
});

describe('alternatives: ${VAR:+a} when set and not empty, ${VAR+a} when set', () => {
  it(':+ gives the alternative only for a non-empty value', () => {
    expect(value('${A:+alt}', { A: 'v' })).toBe('alt');
    expect(value('${A:+alt}', { A: '' })).toBe('');
    expect(value('${A:+alt}')).toBe('');
    expect(problems('${A:+alt}')).toEqual([]);
  });

  it('+ gives the alternative for any set value', () => {
    expect(value('${A+alt}', { A: '' })).toBe('alt');
    expect(value('${A+alt}', { A: 'v' })).toBe('alt');
    expect(value('${A+alt}')).toBe('');
  });

  it('the alternative is interpolated', () => {
    expect(value('${A:+--flag=$B}', { A: '1', B: 'b' })).toBe('--flag=b');
  });
});

describe('$$ and text that is not a reference', () => {
  it('$$ is a literal $ and stops interpolation', () => {
    expect(value('$$')).toBe('$');
    expect(value('$$A', { A: 'x' })).toBe('$A');
    expect(value('$${A}', { A: 'x' })).toBe('${A}');
    expect(value('a$$$A', { A: 'x' })).toBe('a$x');
    expect(value('${A:-$$}')).toBe('$');
  });

  it('a $ not followed by a name or { is kept as written', () => {
    expect(value('cost: 5$')).toBe('cost: 5$');
    expect(value('$1 $- $ $.')).toBe('$1 $- $ $.');
    expect(problems('$1 $- $ $.')).toEqual([]);
  });
});

describe('invalid ${ expressions', () => {
  it('an unclosed ${ is a syntax problem and its text is kept', () => {
    expect(value('a${A')).toBe('a${A');
    expect(problems('a${A')).toEqual(['syntax 1-4 unclosed "${": missing "}"']);
    expect(problems('${A:-${B}')).toEqual(['syntax 0-9 unclosed "${": missing "}"']);
  });

  it('an empty name, a bad name or an unknown operator is a syntax problem', () => {
    expect(problems('${}')).toEqual(['syntax 0-3 invalid variable expression "${}"']);
    expect(problems('${1A}')).toEqual(['syntax 0-5 invalid variable expression "${1A}"']);
    expect(problems('x${A B}')).toEqual(['syntax 1-7 invalid variable expression "${A B}"']);
    expect(problems('${A:x}')).toEqual(['syntax 0-6 invalid variable expression "${A:x}"']);
    expect(problems('${A/x/y}')).toEqual(['syntax 0-8 invalid variable expression "${A/x/y}"']);
  });

  it('interpolation goes on after a syntax problem', () => {
    expect(value('${} $A', { A: 'x' })).toBe(' x');
  });
});

describe('spans: which characters came from where', () => {
  const spans = (raw: string, entries: Record<string, string> = {}) =>
    interpolate(raw, vars(entries)).spans.map((s) => `${s.from}${s.variable ? `(${s.variable})` : ''} value ${s.valueStart}-${s.valueEnd} raw ${s.rawStart}-${s.rawEnd}`);

  it('literal text maps character for character; a variable maps to its whole expression', () => {
    expect(spans('pre-${A}-post', { A: 'xyz' })).toEqual(['file value 0-4 raw 0-4', 'variable(A) value 4-7 raw 4-8', 'file value 7-12 raw 8-13']);
    expect(spans('$A/$B', { A: 'a', B: 'bb' })).toEqual(['variable(A) value 0-1 raw 0-2', 'file value 1-2 raw 2-3', 'variable(B) value 2-4 raw 3-5']);
  });

  it('a default is written in the file: its characters map into the default text', () => {
    expect(spans('${A:-abc}:x')).toEqual(['file value 0-3 raw 5-8', 'file value 3-5 raw 9-11']);
    expect(spans('${A:-abc}', { A: 'v' })).toEqual(['variable(A) value 0-1 raw 0-9']);
  });

  it('a variable that gave "" keeps an empty span, so the reference still shows', () => {
    expect(spans('a${A}b')).toEqual(['file value 0-1 raw 0-1', 'variable(A) value 1-1 raw 1-5', 'file value 1-2 raw 5-6']);
    expect(spans('${A:+x}')).toEqual(['variable(A) value 0-0 raw 0-7']);
    expect(spans('${A:?e}')).toEqual(['variable(A) value 0-0 raw 0-7']);
  });

  it('$$ maps to both characters', () => {
    expect(spans('a$$b')).toEqual(['file value 0-1 raw 0-1', 'file value 1-2 raw 1-3', 'file value 2-3 raw 3-4']);
  });

  it('nested expressions map to the innermost that gave the characters', () => {
    expect(spans('${A:-<${B:-x}>}', { B: 'bb' })).toEqual(['file value 0-1 raw 5-6', 'variable(B) value 1-3 raw 6-13', 'file value 3-4 raw 13-14']);
  });
});
