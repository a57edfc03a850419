import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { Origin } from '../../src/parse/position.js';
import { getPath, isMap, keyText, toJS, type YNode } from '../../src/parse/tree.js';
import { MAX_ALIAS_NODES, parseYaml } from '../../src/parse/yaml.js';

const parse = (text: string) => parseYaml({ name: 'compose.yml', absPath: '/compose.yml', text });

/** `line:col-line:col message` of each finding, in the order reported. */
function found(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`);
}

function where(origin: Origin): string {
  let out = `${origin.range.start.line}:${origin.range.start.column}-${origin.range.end.line}:${origin.range.end.column}`;
  for (let via = origin.via; via; via = via.via) out += ` via ${via.range.start.line}:${via.range.start.column}-${via.range.end.line}:${via.range.end.column}`;
  return out;
}

function at(root: YNode | undefined, ...path: (string | number)[]): YNode {
  const node = getPath(root, path);
  if (!node) throw new Error(`nothing at ${path.join('.')}`);
  return node;
}

describe('YAML syntax errors', () => {
  it('reports every error, each at its own line and column, with the parser message', () => {
    const { findings } = parse('a: 1\nb: @x\nc: d: e\nf: `x\n');
    expect(found(findings)).toEqual([
      'core/yaml 2:4-2:5 plain value cannot start with reserved character @',
      'core/yaml 3:4-3:5 nested mappings are not allowed in compact mappings',
      'core/yaml 4:4-4:5 plain value cannot start with reserved character `',
    ]);
  });

  it('reports errors in different parts of a compose file', () => {
    const { findings } = parse('services:\n  web:\n    image: nginx:1\n   bad: 1\n  db:\n    command: [a\n    x: |\n  foo\n');
    expect(found(findings)).toEqual([
      'core/yaml 4:1-4:2 all mapping items must start at the same column',
      'core/yaml 7:5-7:6 flow sequence in block collection must be sufficiently indented and end with a ]',
      'core/yaml 8:3-8:4 block scalars with more-indented leading empty lines must use an explicit indentation indicator',
    ]);
  });

  it('points an error found at the end of the file at its last character, on a line that exists', () => {
    const { findings } = parse('services:\n  web:\n    image: "nginx\n\n');
    expect(found(findings)).toEqual(['core/yaml 3:17-3:18 missing closing "quote']);
  });

  it('places an error that runs across a line break on the lines of the text (found by test/robustness)', () => {
    // yaml's own line counter misses the break inside this error's token: the end was 1:6, past line 1.
    const { findings } = parse('{}5\ne');
    expect(found(findings)).toEqual(['core/yaml 1:3-2:2 unexpected scalar at node end']);
  });

  it('does not quote the text of the file in a message', () => {
    const { findings } = parse('a: 1\n]\n');
    expect(findings.map((f) => f.message)).toEqual(['unexpected flow-seq-end token in YAML stream']);
  });

  it('reads a file with errors as far as it can and still gives a tree, marked not well-formed', () => {
    const { root, findings, wellFormed } = parse('a: 1\nb: @x\n');
    expect(findings).toHaveLength(1);
    expect(wellFormed).toBe(false);
    expect(parse('a: 1\na: 2\n').wellFormed).toBe(true);
    expect(isMap(root) && root.entries.map((e) => keyText(e.key))).toEqual(['a', 'b']);
  });

  it('keeps columns in UTF-16 units after non-ASCII text', () => {
    const { findings } = parse('x: ["é😀", @x]\n');
    expect(found(findings)).toEqual(['core/yaml 1:12-1:13 plain value cannot start with reserved character @']);
  });
});

describe('duplicate keys', () => {
  it('reports the duplicate at the second key, with the first as a related location', () => {
    const { findings, root } = parse('services:\n  web:\n    image: a\n    image: b\n');
    expect(found(findings)).toEqual(['core/yaml 4:5-4:10 duplicate key "image": a mapping may have each key once']);
    expect(findings[0]!.related).toEqual([{ message: '"image" first set here', file: 'compose.yml', range: { start: { line: 3, column: 5 }, end: { line: 3, column: 10 } } }]);
    // The first one is kept, as in the tree Compose would refuse anyway.
    expect(toJS(root!)).toEqual({ services: { web: { image: 'a' } } });
  });

  it('compares keys by their text, as Compose does: 1 and "1" are the same key', () => {
    const { findings } = parse('labels:\n  1: a\n  "1": b\n');
    expect(found(findings)).toEqual(['core/yaml 3:3-3:6 duplicate key "1": a mapping may have each key once']);
  });

  it('reports each duplicate at every depth', () => {
    const { findings } = parse('a: 1\nb:\n  c: 1\n  c: 2\na: 3\n');
    expect(found(findings)).toEqual([
      'core/yaml 4:3-4:4 duplicate key "c": a mapping may have each key once',
      'core/yaml 5:1-5:2 duplicate key "a": a mapping may have each key once',
    ]);
  });

  it('reports two merge keys in one mapping', () => {
    const { findings } = parse('x: &a {p: 1}\ny: &b {q: 1}\nz:\n  <<: *a\n  <<: *b\n');
    expect(found(findings)).toEqual(['core/yaml 5:3-5:5 duplicate key "<<": a mapping may have each key once']);
  });
});

describe('anchors, aliases and merge keys', () => {
  const text = [
    'x-a: &a', //               1
    '  p: 1', //                2
    '  q: 2', //                3
    'x-b: &b', //               4
    '  q: 3', //                5
    '  r: 4', //                6
    'z:', //                    7
    '  <<: [*a, *b]', //        8
    '  p: 9', //                9
    'w: *a', //                10
    'v: &v', //                11
    '  <<: *b', //             12
    'u: *v', //                13
    '',
  ].join('\n');
  const { root, findings } = parse(text);

  it('parses without findings', () => expect(findings).toEqual([]));

  it('merges: explicit keys win, then earlier sources win over later ones', () => {
    expect(toJS(at(root, 'z'))).toEqual({ p: 9, q: 2, r: 4 });
  });

  it('keeps the origin of a value written in the mapping itself', () => {
    expect(where(at(root, 'z', 'p').origin)).toBe('9:6-9:7');
  });

  it('gives a merged value the anchored origin, via the alias in the merge list that brought it', () => {
    expect(where(at(root, 'z', 'q').origin)).toBe('3:6-3:7 via 8:8-8:10');
    expect(where(at(root, 'z', 'r').origin)).toBe('6:6-6:7 via 8:12-8:14');
  });

  it('gives merged keys the same origin and via', () => {
    const z = at(root, 'z');
    expect(isMap(z) && where(z.index.get('q')!.key.origin)).toBe('3:3-3:4 via 8:8-8:10');
  });

  it('gives every value under an aliased mapping the anchored origin via the alias', () => {
    expect(where(at(root, 'w').origin)).toBe('2:3-3:7 via 10:4-10:6');
    expect(where(at(root, 'w', 'p').origin)).toBe('2:6-2:7 via 10:4-10:6');
    expect(where(at(root, 'w', 'q').origin)).toBe('3:6-3:7 via 10:4-10:6');
  });

  it('chains aliases: the innermost alias first, then the one that pulled it further', () => {
    expect(where(at(root, 'u', 'q').origin)).toBe('5:6-5:7 via 12:7-12:9 via 13:4-13:6');
  });

  it('does not change the anchored values themselves', () => {
    expect(where(at(root, 'x-a', 'p').origin)).toBe('2:6-2:7');
  });

  it('accepts a single mapping or an inline mapping after <<', () => {
    const parsed = parse('base: &base {image: a, restart: always}\nweb:\n  <<: {user: app}\n  image: b\ndb:\n  <<: *base\n');
    expect(parsed.findings).toEqual([]);
    expect(toJS(at(parsed.root, 'web'))).toEqual({ image: 'b', user: 'app' });
    expect(toJS(at(parsed.root, 'db'))).toEqual({ image: 'a', restart: 'always' });
    expect(where(at(parsed.root, 'web', 'user').origin)).toBe('3:14-3:17');
  });

  it('resolves an alias to the last anchor of that name before it', () => {
    const parsed = parse('a: &x 1\nb: *x\nc: &x 2\nd: *x\n');
    expect(toJS(parsed.root!)).toEqual({ a: 1, b: 1, c: 2, d: 2 });
    expect(found(parsed.findings)).toEqual(['core/yaml 3:7-3:8 anchor "&x" is defined again; aliases after this point get this value, not the first one']);
    expect(parsed.findings[0]!.related[0]!.range).toEqual({ start: { line: 1, column: 7 }, end: { line: 1, column: 8 } });
  });

  it('reports an alias without an anchor, and an anchor used before it is defined', () => {
    const { findings } = parse('a: *nope\nb: *later\nc: &later 1\n');
    expect(found(findings)).toEqual([
      'core/yaml 1:4-1:9 alias "*nope" has no anchor "&nope" before it',
      'core/yaml 2:4-2:10 alias "*later" has no anchor "&later" before it',
    ]);
  });

  it('reports an alias inside the node it refers to instead of recursing forever', () => {
    const { findings } = parse('a: &a [1, *a]\nb: &b\n  c: *b\nd: &d\n  <<: *d\n');
    expect(found(findings)).toEqual([
      'core/yaml 1:11-1:13 alias "*a" is inside the node it refers to, which would make it infinitely deep',
      'core/yaml 3:6-3:8 alias "*b" is inside the node it refers to, which would make it infinitely deep',
      'core/yaml 5:7-5:9 alias "*d" is inside the node it refers to, which would make it infinitely deep',
    ]);
  });

  it('reports a merge of an alias without an anchor once', () => {
    expect(found(parse('y: {<<: *m, b: 1}\n').findings)).toEqual(['core/yaml 1:9-1:11 alias "*m" has no anchor "&m" before it']);
  });

  it('reads an alias used as a key as the text it refers to', () => {
    const { root, findings } = parse('x: &k name\n*k : v\n');
    expect(findings).toEqual([]);
    expect(toJS(root!)).toEqual({ x: 'name', name: 'v' });
  });

  it('reports a merge of something that is not a mapping', () => {
    const { findings, root } = parse('x: &a {p: 1}\nl: &l [1]\ny:\n  <<: 5\nz:\n  <<: [*a, 1]\nw:\n  <<: *l\n');
    expect(found(findings)).toEqual([
      'core/yaml 4:7-4:8 "<<" merges mappings only; this is a single value',
      'core/yaml 6:12-6:13 "<<" merges mappings only; this is a single value',
      'core/yaml 8:7-8:9 "<<" merges mappings only; this is a list',
    ]);
    expect(toJS(at(root, 'z'))).toEqual({ p: 1 });
  });

  it('treats a quoted "<<" as an ordinary key', () => {
    const { root, findings } = parse('x: &a {p: 1}\ny:\n  "<<": *a\n');
    expect(findings).toEqual([]);
    expect(toJS(at(root, 'y'))).toEqual({ '<<': { p: 1 } });
  });
});

describe('alias bombs', () => {
  const laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) laughs.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  const bomb = `${laughs.join('\n')}\n`;

  it('reports a billion laughs once, at the alias that would pass the limit, and gives no tree', () => {
    const parsed = parse(bomb);
    expect(found(parsed.findings)).toEqual([
      `core/yaml 5:30-5:33 aliases expand to more than ${MAX_ALIAS_NODES} nodes; the file is refused as an alias bomb ("billion laughs")`,
    ]);
    expect(parsed.root).toBeUndefined();
  });

  it('never copies more than the limit: the 9^10 expansion is not built', () => {
    const parsed = parse(bomb);
    expect(parsed.aliasNodes).toBeGreaterThan(0);
    expect(parsed.aliasNodes).toBeLessThanOrEqual(MAX_ALIAS_NODES);
  });

  it('counts what aliases copy: a small anchor used often is fine', () => {
    const lines = ['x-common: &common {restart: always, init: true}', 'services:'];
    for (let i = 0; i < 200; i++) lines.push(`  s${i}:`, '    <<: *common', '    image: app');
    const parsed = parse(`${lines.join('\n')}\n`);
    expect(parsed.findings).toEqual([]);
    expect(parsed.aliasNodes).toBe(200 * 5);
  });
});

describe('tags', () => {
  it('accepts !reset and !override without a finding and records them on the node', () => {
    const { root, findings } = parse('services:\n  web:\n    image: !reset null\n    ports: !reset []\n    build: !override\n      context: .\n    command: !reset\n');
    expect(findings).toEqual([]);
    expect(at(root, 'services', 'web', 'image').tag).toBe('!reset');
    expect(at(root, 'services', 'web', 'ports').tag).toBe('!reset');
    expect(at(root, 'services', 'web', 'build').tag).toBe('!override');
    expect(at(root, 'services', 'web', 'command').tag).toBe('!reset');
  });

  it('leaves !reset values out of what is validated, as Compose removes them', () => {
    const { root } = parse('services:\n  web:\n    image: !reset null\n    ports: [!reset "80", "81"]\n    user: app\n');
    expect(toJS(root!)).toEqual({ services: { web: { ports: ['81'], user: 'app' } } });
  });

  it('reports any other tag at the tag', () => {
    const { findings } = parse('a: !custom x\nb: !!python/object x\nc: !!str 5\n');
    expect(found(findings)).toEqual([
      'core/yaml 1:4-1:11 unknown tag "!custom": Compose only knows "!reset" and "!override"',
      'core/yaml 2:4-2:19 unknown tag "tag:yaml.org,2002:python/object": Compose only knows "!reset" and "!override"',
    ]);
  });

  it('does not record standard tags', () => {
    const { root } = parse('c: !!str 5\n');
    expect(at(root, 'c')).toMatchObject({ value: '5' });
    expect(at(root, 'c').tag).toBeUndefined();
  });
});

describe('keys', () => {
  it('reports a key that is a list or a mapping and leaves the entry out', () => {
    const { findings, root } = parse('? [a]\n: 1\n{x: 1}: 2\nok: 3\n');
    expect(found(findings)).toEqual([
      'core/yaml 1:3-1:6 a mapping key must be a string, not a list',
      'core/yaml 3:1-3:7 a mapping key must be a string, not a mapping',
    ]);
    expect(toJS(root!)).toEqual({ ok: 3 });
  });

  it('reads number and boolean keys as written, as Compose does', () => {
    const { root } = parse('1.0: a\n0x10: b\ntrue: c\n');
    expect(isMap(root) && root.entries.map((e) => e.key.value)).toEqual(['1.0', '0x10', 'true']);
  });
});

describe('documents', () => {
  it('reports a second document at its --- marker', () => {
    const { findings, root } = parse('services: {}\n---\nservices: {}\n');
    expect(found(findings)).toEqual([
      'core/yaml 2:1-2:4 the file holds more than one YAML document: Compose merges them in order, but only the first is checked here; put each in its own file',
    ]);
    expect(toJS(root!)).toEqual({ services: {} });
  });

  it('accepts one document with a leading --- and a trailing ...', () => {
    expect(parse('---\nservices: {}\n...\n').findings).toEqual([]);
  });

  it('gives an empty file, or one with only comments, a null root at 1:1 and no YAML finding', () => {
    for (const text of ['', '\n\n', '# nothing here\n  # still nothing\n']) {
      const parsed = parse(text);
      expect(parsed.findings, JSON.stringify(text)).toEqual([]);
      expect(parsed.root).toEqual({ kind: 'scalar', value: null, style: 'plain', origin: { file: 'compose.yml', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } });
    }
  });

  it('gives a lone document marker a null root', () => {
    const parsed = parse('---\n');
    expect(parsed.findings).toEqual([]);
    expect(parsed.root).toMatchObject({ kind: 'scalar', value: null });
  });

  it('gives no tree when a file has errors and no content', () => {
    const parsed = parse(']\n');
    expect(parsed.root).toBeUndefined();
    expect(parsed.findings).toHaveLength(1);
  });
});

describe('positions', () => {
  const { root } = parse('services:\n  web:\n    image: nginx   # comment\n    command: |\n      run\n\n    ports:\n      - "80"\n\n# trailing\n');

  it('ends a block mapping or list at its last item, not at the next line', () => {
    expect(where(at(root, 'services', 'web').origin)).toBe('3:5-8:13');
    expect(where(at(root, 'services', 'web', 'ports').origin)).toBe('8:7-8:13');
    expect(where(root!.origin)).toBe('1:1-8:13');
  });

  it('ends a block scalar at its last character', () => {
    expect(where(at(root, 'services', 'web', 'command').origin)).toBe('4:14-5:10');
  });

  it('places scalars exactly and keeps the source of one-line scalars', () => {
    const image = at(root, 'services', 'web', 'image');
    expect(where(image.origin)).toBe('3:12-3:17');
    expect(image).toMatchObject({ style: 'plain', source: 'nginx' });
    expect(at(root, 'services', 'web', 'ports', 0)).toMatchObject({ style: 'double', source: '80', value: '80' });
  });

  it('places an empty value right after its key', () => {
    const parsed = parse('a:\nb: 1\n');
    expect(where(at(parsed.root, 'a').origin)).toBe('1:3-1:3');
  });

  it('handles CRLF line ends', () => {
    const parsed = parse('a: 1\r\nb:\r\n  c: x\r\n');
    expect(where(at(parsed.root, 'b', 'c').origin)).toBe('3:6-3:7');
  });

  it('survives deep nesting without throwing', () => {
    const deep = `a: ${'['.repeat(2000)}${']'.repeat(2000)}\n`;
    expect(() => parse(deep)).not.toThrow();
    const block = `${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`;
    const parsed = parse(block);
    expect(parsed.findings).toEqual([]);
  });

  it('reads !!omap pairs as one-entry mappings at their key', () => {
    const parsed = parse('a: !!omap\n  - x: 1\n  - y: 2\n');
    expect(parsed.findings).toEqual([]);
    expect(toJS(parsed.root!)).toEqual({ a: [{ x: 1 }, { y: 2 }] });
    expect(where(at(parsed.root, 'a', 1).origin)).toBe('3:5-3:6');
  });
});
