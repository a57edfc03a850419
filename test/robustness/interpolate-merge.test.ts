import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, variableExpressions } from '../../src/model/interpolate.js';
import { extendService, mergeDocuments, mergeService } from '../../src/model/merge.js';
import { interpolateTree, withoutResets, type ModelProblem } from '../../src/model/project.js';
import { Text } from '../../src/model/text.js';
import { isMap, isScalar, type YNode } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { composeText, treeOrigins } from './compose-text.js';
import { originProblem, params, soup, TIMEOUT } from './properties.js';

/**
 * Interpolation never throws and accounts for every character of its result; merging any two
 * compose trees (and interpolating them) never throws and keeps every node's origin inside its file.
 */

const NAMES = ['A', 'B', 'VAR', 'EMPTY'];
const RAW = soup(['$', '${', '}', '$$', '$$$', ...NAMES, ':-', '-', ':?', '?', ':+', '+', 'err msg', '${A}', '${A:-${B:-x}}', '${B?${A}}', '${:-x}', '${1}', '$1', '{', '"', "'", '\\', 'é', '\u{1F600}'], ['', '', ' ', '\n']);
const VARIABLES = fc.dictionary(fc.constantFrom(...NAMES), fc.oneof(fc.constantFrom('', '$', '${A}', 'x y', '$$'), fc.string({ maxLength: 4 }))).map((vars) => new Map(Object.entries(vars)));

describe('interpolation of random values', () => {
  it('never throws, and its spans cover the result in order with every offset inside the raw text', () => {
    fc.assert(
      fc.property(RAW, VARIABLES, (raw, vars) => {
        const out = interpolate(raw, vars);
        const problems: string[] = [];
        let at = 0;
        for (const span of out.spans) {
          if (span.valueStart !== at || span.valueEnd < span.valueStart) problems.push(`span ${JSON.stringify(span)} does not continue at ${at}`);
          if (span.rawStart < 0 || span.rawEnd < span.rawStart || span.rawEnd > raw.length) problems.push(`span ${JSON.stringify(span)} is outside the raw text`);
          const value = out.value.slice(span.valueStart, span.valueEnd);
          if (span.from === 'variable' && value !== (vars.get(span.variable!) ?? '')) problems.push(`span ${JSON.stringify(span)} is not the value of ${span.variable}`);
          if (span.from === 'file' && span.rawEnd - span.rawStart === value.length && raw.slice(span.rawStart, span.rawEnd) !== value) problems.push(`span ${JSON.stringify(span)} is not the text it was written as`);
          at = span.valueEnd;
        }
        if (at !== out.value.length) problems.push(`the spans end at ${at}, the value at ${out.value.length}`);
        for (const p of out.problems) if (p.rawStart < 0 || p.rawEnd < p.rawStart || p.rawEnd > raw.length || !p.message) problems.push(`problem ${JSON.stringify(p)} is outside the raw text`);
        for (const e of variableExpressions(raw)) {
          if (!(raw[e.start] === '$' && e.start < e.wordStart && e.wordStart <= e.wordEnd && e.wordEnd < e.end && e.end <= raw.length)) problems.push(`expression ${JSON.stringify(e)} is not inside the raw text`);
        }
        expect(problems).toEqual([]);
      }),
      params(2000),
    );
  });
});

/** A generated compose text parsed as `name`, and the texts origins may name. */
function parsed(name: string, text: string): YNode | undefined {
  return parseYaml({ name, absPath: `/p/${name}`, text }).root;
}

/** Problems with the places a tree, and each interpolated scalar's characters, name. */
function placeProblems(tree: YNode, texts: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const origin of treeOrigins(tree)) {
    const bad = originProblem(origin, texts);
    if (bad) out.push(bad);
  }
  const scalars = (node: YNode): YNode[] => (node.kind === 'map' ? node.entries.flatMap((e) => [e.key, ...scalars(e.value)]) : node.kind === 'seq' ? node.items.flatMap(scalars) : [node]);
  for (const node of scalars(tree)) {
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const text = Text.of(node);
    for (const [s, e] of [[0, text.value.length], [0, Math.min(1, text.value.length)], [text.value.length >> 1, text.value.length]] as const) {
      const bad = originProblem(text.slice(s, e).origin, texts);
      if (bad) out.push(`a slice of ${JSON.stringify(text.value)}: ${bad}`);
    }
  }
  return out;
}

describe('merging random compose trees', () => {
  it(
    'an override over a base, and each service over each, interpolated: no exception, every origin inside its file',
    () => {
      fc.assert(
        fc.property(composeText, composeText, VARIABLES, (baseText, overText, vars) => {
          const texts = new Map([
            ['base.yml', baseText.replace(/^\uFEFF/, '')],
            ['override.yml', overText.replace(/^\uFEFF/, '')],
          ]);
          const base = parsed('base.yml', texts.get('base.yml')!);
          const over = parsed('override.yml', texts.get('override.yml')!);
          if (!base || !over) return;
          const modelProblems: ModelProblem[] = [];
          const trees = [mergeDocuments(base, over), mergeDocuments(over, base)].map((t) => withoutResets(interpolateTree(t, vars, modelProblems)));
          const services = [base, over].flatMap((doc) => (isMap(doc) ? doc.entries.filter((e) => e.key.value === 'services').flatMap((e) => (isMap(e.value) ? e.value.entries.map((s) => s.value) : [])) : [])).filter(isMap);
          const origins = modelProblems.map((p) => p.origin);
          for (const a of services) {
            for (const b of services) {
              const onProblem = (p: { origin: (typeof origins)[number] }) => origins.push(p.origin);
              trees.push(mergeService(a, b, { onProblem, service: 's' }), extendService(a, b, { onProblem, service: 's' }));
            }
          }
          const problems = trees.flatMap((t) => placeProblems(t, texts));
          for (const origin of origins) {
            const bad = originProblem(origin, texts);
            if (bad) problems.push(`problem ${bad}`);
          }
          expect(problems).toEqual([]);
        }),
        params(100),
      );
    },
    TIMEOUT,
  );
});
