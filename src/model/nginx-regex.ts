/**
 * What the capture groups of an nginx (PCRE) regex can match, as far as the rules about
 * request-controlled values need it: whether a group can match a line feed, and whether it matches
 * only a fixed list of literal strings (so the client cannot choose its text). The pattern is read
 * with PCRE's defaults as nginx compiles it: `.` does not match a line feed unless `(?s)` says so.
 */

export interface CaptureFacts {
  /** True when the group can match a line feed: a `[^…]` class that does not exclude it, `\s`, `\v`, `\R`, `\W`, `\D`, `.` under `(?s)`, a written `\n`. */
  lineBreak: boolean;
  /** True when the group matches only literal text, with alternatives and `?` at most (`(api|www)`), never a class, `.` or a repetition. */
  fixed: boolean;
}

export interface RegexFacts {
  /** The capture groups in order: `captures[0]` is `$1`. */
  readonly captures: readonly CaptureFacts[];
  /** Named groups (`(?<name>…)`, `(?P<name>…)`, `(?'name'…)`) → index into `captures`. */
  readonly names: ReadonlyMap<string, number>;
}

const LF = 0x0a;

/** A group being read: a capture (its index), a non-capturing group, or a lookaround (whose text is not part of the match). */
type Frame = number | 'group' | 'look';

/** The code point a single-character escape or literal stands for, with its length; undefined for a class escape. */
function codePoint(pattern: string, i: number): { code: number; length: number } | undefined {
  if (pattern[i] !== '\\') return { code: pattern.codePointAt(i)!, length: 1 };
  const c = pattern[i + 1] ?? '';
  const simple: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, e: 0x1b, a: 0x07 };
  if (c in simple) return { code: simple[c]!, length: 2 };
  if (c === 'x') {
    const braced = /^\{([0-9a-fA-F]+)\}/.exec(pattern.slice(i + 2));
    if (braced) return { code: parseInt(braced[1]!, 16), length: 2 + braced[0].length };
    const hex = /^[0-9a-fA-F]{0,2}/.exec(pattern.slice(i + 2))![0];
    return { code: hex ? parseInt(hex, 16) : 0, length: 2 + hex.length };
  }
  if (c === '0') {
    const oct = /^[0-7]{0,2}/.exec(pattern.slice(i + 2))![0];
    return { code: oct ? parseInt(oct, 8) : 0, length: 2 + oct.length };
  }
  if (c === 'c' && i + 2 < pattern.length) return { code: pattern.charCodeAt(i + 2) ^ 0x40, length: 3 };
  if (/[dDwWsSvVhHRNpPXC]/.test(c) || /[1-9]/.test(c)) return undefined;
  return { code: pattern.codePointAt(i + 1) ?? 0, length: 2 };
}

/** The escapes that stand for a set of characters, and whether the set holds a line feed. */
const CLASS_ESCAPES: Readonly<Record<string, boolean>> = { d: false, D: true, w: false, W: true, s: true, S: false, v: true, V: false, h: false, H: true, R: true, N: false, X: true, C: true };

/** Length of a `\p{…}`/`\pL` property escape starting at `i`. */
function propertyLength(pattern: string, i: number): number {
  return pattern[i + 2] === '{' ? pattern.indexOf('}', i) + 1 - i || 2 : 3;
}

/** Reads a `[…]` class at `i`: its length and whether it can match a line feed. */
function charClass(pattern: string, i: number): { length: number; lineBreak: boolean } {
  let j = i + 1;
  const negated = pattern[j] === '^';
  if (negated) j++;
  let holdsLF = false;
  let first = true;
  while (j < pattern.length && (pattern[j] !== ']' || first)) {
    first = false;
    const posix = /^\[:(\^?)(\w+):\]/.exec(pattern.slice(j));
    if (posix) {
      const withLF = posix[2] === 'space' || posix[2] === 'cntrl';
      if (withLF !== (posix[1] === '^')) holdsLF = true;
      j += posix[0].length;
      continue;
    }
    const escape = pattern[j] === '\\' ? pattern[j + 1] ?? '' : '';
    if (escape in CLASS_ESCAPES) {
      holdsLF ||= CLASS_ESCAPES[escape]!;
      j += 2;
      continue;
    }
    if (escape === 'p' || escape === 'P') {
      holdsLF ||= escape === 'P';
      j += propertyLength(pattern, j);
      continue;
    }
    const low = codePoint(pattern, j) ?? { code: 0, length: 2 };
    j += low.length;
    if (pattern[j] === '-' && pattern[j + 1] !== ']' && j + 1 < pattern.length) {
      const high = codePoint(pattern, j + 1) ?? { code: low.code, length: 2 };
      j += 1 + high.length;
      if (low.code <= LF && LF <= high.code) holdsLF = true;
    } else if (low.code === LF) holdsLF = true;
  }
  return { length: j + 1 - i, lineBreak: negated ? !holdsLF : holdsLF };
}

/** Reads the facts of every capture group of a PCRE pattern. Never throws: an unusual construct is read as something that can match anything. */
export function regexFacts(pattern: string): RegexFacts {
  const captures: CaptureFacts[] = [];
  const names = new Map<string, number>();
  const open: Frame[] = [];
  let dotAll = false;
  /** Marks the capture groups a matched atom sits in (up to a lookaround, whose text is not captured). */
  const atom = (lineBreak: boolean, free: boolean): void => {
    for (let k = open.length - 1; k >= 0; k--) {
      const frame = open[k]!;
      if (frame === 'look') return;
      if (typeof frame !== 'number') continue;
      captures[frame]!.lineBreak ||= lineBreak;
      if (free) captures[frame]!.fixed = false;
    }
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const e = pattern[i + 1] ?? '';
      if (e === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const text = pattern.slice(i + 2, end === -1 ? undefined : end);
        atom(text.includes('\n'), false);
        i = end === -1 ? pattern.length : end + 2;
      } else if (/[bBAzZGK]/.test(e)) {
        i += 2;
      } else if (e in CLASS_ESCAPES) {
        atom(CLASS_ESCAPES[e]!, true);
        i += 2;
      } else if (e === 'p' || e === 'P') {
        atom(e === 'P', true);
        i += propertyLength(pattern, i);
      } else if (/[1-9]/.test(e)) {
        atom(false, true);
        i += 2;
      } else {
        const point = codePoint(pattern, i)!;
        atom(point.code === LF, false);
        i += point.length;
      }
    } else if (c === '[') {
      const cls = charClass(pattern, i);
      atom(cls.lineBreak, true);
      i += cls.length;
    } else if (c === '.') {
      atom(dotAll, true);
      i++;
    } else if (c === '(') {
      i = openGroup(pattern, i, open, captures, names, (on) => (dotAll = on));
    } else if (c === ')') {
      open.pop();
      i++;
    } else if (c === '*' || c === '+' || (c === '{' && /^\{\d*,\d*\}/.test(pattern.slice(i)))) {
      // a repetition: the text of every group around it is no longer one of a few literals
      atom(false, true);
      i += c === '{' ? pattern.indexOf('}', i) + 1 - i : 1;
      if (pattern[i] === '?' || pattern[i] === '+') i++;
    } else if (c === '?' || (c === '{' && /^\{\d+\}/.test(pattern.slice(i)))) {
      i += c === '{' ? pattern.indexOf('}', i) + 1 - i : 1;
      if (pattern[i] === '?' || pattern[i] === '+') i++;
    } else if (c === '|' || c === '^' || c === '$') {
      i++;
    } else {
      atom(c === '\n', false);
      i++;
    }
  }
  return { captures, names };
}

/** Reads a group's opening at `i` (`(`, `(?:`, `(?<name>`, a lookaround, inline flags); returns where its body starts. */
function openGroup(pattern: string, i: number, open: Frame[], captures: CaptureFacts[], names: Map<string, number>, setDotAll: (on: boolean) => void): number {
  const capture = (name?: string): void => {
    open.push(captures.length);
    if (name) names.set(name, captures.length);
    captures.push({ lineBreak: false, fixed: true });
  };
  const rest = pattern.slice(i);
  if (rest.startsWith('(*') || rest.startsWith('(?#')) {
    const close = pattern.indexOf(')', i);
    return close === -1 ? pattern.length : close + 1;
  }
  if (!rest.startsWith('(?')) {
    capture();
    return i + 1;
  }
  const named = /^\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
  if (named) {
    capture(named[1] ?? named[2]);
    return i + named[0].length;
  }
  const look = /^\(\?(?:=|!|<=|<!)/.exec(rest);
  if (look) {
    open.push('look');
    return i + look[0].length;
  }
  const flags = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
  if (flags) {
    if (flags[1]!.includes('s')) setDotAll(true);
    if (flags[2]?.includes('s')) setDotAll(false);
    if (flags[3] === ':') open.push('group');
    return i + flags[0].length;
  }
  // (?>…), (?|…) and anything else: a group that captures nothing
  open.push('group');
  return i + 3;
}
