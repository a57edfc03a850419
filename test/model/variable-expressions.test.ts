import { describe, expect, it } from 'vitest';
import { variableExpressions } from '../../src/model/interpolate.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { isMap, isSeq, type YScalar } from '../../src/parse/tree.js';
import { interpolateTree } from '../../src/model/project.js';
import { rawText, sliceScalar } from '../../src/model/text.js';

/** Each expression as `name operator word`. */
const read = (raw: string) => variableExpressions(raw).map((e) => `${raw.slice(e.start, e.end)} | ${e.name} ${e.operator || '∅'} ${raw.slice(e.wordStart, e.wordEnd)}`);

describe('variableExpressions', () => {
  it('lists every braced expression with its operator and word', () => {
    expect(read('${A} ${B:-x} ${C-y} ${D:?err} ${E?} ${F:+alt} ${G+}')).toEqual([
      '${A} | A ∅ ',
      '${B:-x} | B :- x',
      '${C-y} | C - y',
      '${D:?err} | D :? err',
      '${E?} | E ? ',
      '${F:+alt} | F :+ alt',
      '${G+} | G + ',
    ]);
  });

  it('lists nested expressions after the one whose word holds them', () => {
    expect(read('${A:-${B:-${C}}x}')).toEqual(['${A:-${B:-${C}}x} | A :- ${B:-${C}}x', '${B:-${C}} | B :- ${C}', '${C} | C ∅ ']);
  });

  it('skips $$, $VAR, unclosed and invalid expressions; a bare { in a default opens no level, as in Compose', () => {
    expect(read('$${A:-x} $B ${1X} ${C:-{}} ${D')).toEqual(['${C:-{} | C :- {']);
  });
});

describe('rawText', () => {
  it('is the scalar as written, whatever the variables gave, with exact columns', () => {
    const doc = parseYaml({ name: 'c.yml', absPath: '/c.yml', text: 'a: "x ${P:-changeme} y"\nb:\n  - K=${Q:-v}\n' });
    const tree = interpolateTree(doc.root!, new Map([['P', 'set']]), []);
    if (!isMap(tree)) throw new Error('not a map');
    const a = tree.entries[0]!.value as YScalar;
    const raw = rawText(a);
    expect(raw.value).toBe('x ${P:-changeme} y');
    expect(raw.slice(8, 16).origin.range).toEqual({ start: { line: 1, column: 13 }, end: { line: 1, column: 21 } });
    // A slice of a scalar (a list item turned into a map entry) gives the whole scalar's text.
    const list = tree.entries[1]!.value;
    if (!isSeq(list)) throw new Error('not a list');
    const item = list.items[0] as YScalar;
    expect(rawText(sliceScalar(item, 2)).value).toBe('K=${Q:-v}');
  });
});
