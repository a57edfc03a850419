/**
 * A policy's path: keys from a service's mapping, parsed once when the policy is compiled.
 *
 *   environment.JWT_EXPIRES_IN    keys, separated by dots
 *   labels."com.example.tier"     a key with dots (or any of . " [ ] * and blanks) in double quotes; \" and \\ inside
 *   ports.*.published, ports[0]   `*` any key or item, `[n]` the n-th item (from 0)
 */
export type Step = { readonly kind: 'key'; readonly name: string } | { readonly kind: 'any' } | { readonly kind: 'index'; readonly index: number };

export interface PolicyPath {
  readonly source: string;
  readonly steps: readonly Step[];
}

/** A path that does not parse: what is wrong, in words. */
export class PathError extends Error {}

/** Parses a path; throws `PathError` naming the character where it goes wrong. */
export function parsePath(source: string): PolicyPath {
  const steps: Step[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new PathError(`${why} at character ${i + 1}`);
  };
  for (;;) {
    if (source[i] === '"') {
      let name = '';
      for (i++; source[i] !== '"'; i++) {
        if (i >= source.length) fail('a quoted key is not closed');
        if (source[i] === '\\') i++;
        if (i >= source.length) fail('a quoted key is not closed');
        name += source[i];
      }
      i++;
      if (name === '') fail('an empty quoted key');
      steps.push({ kind: 'key', name });
    } else {
      const bare = /^[^."[\]\s]*/.exec(source.slice(i))![0];
      if (bare === '') fail(i === source.length ? 'a key is missing' : `"${source[i]}" cannot start a key`);
      if (bare.includes('*') && bare !== '*') fail('"*" stands for a whole key; quote a key that contains it');
      steps.push(bare === '*' ? { kind: 'any' } : { kind: 'key', name: bare });
      i += bare.length;
    }
    for (let m = /^\[(\d+)\]/.exec(source.slice(i)); m; m = /^\[(\d+)\]/.exec(source.slice(i))) {
      steps.push({ kind: 'index', index: Number(m[1]) });
      i += m[0].length;
    }
    if (i === source.length) return { source, steps };
    if (source[i] !== '.') fail(source[i] === '[' ? 'an index is a number in brackets, like [0],' : `"${source[i]}" cannot follow a key`);
    i++;
  }
}

/** A key as a path writes it: bare when it can be, else quoted. */
export function pathKey(name: string): string {
  return /^[^."[\]\s*\\]+$/.test(name) ? name : `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
