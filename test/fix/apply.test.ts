import { describe, expect, it } from 'vitest';
import { applyFixes, joinLines } from '../../src/fix/apply.js';
import { FixSources } from '../../src/fix/sources.js';
import type { Fix, TextEdit } from '../../src/fix/types.js';
import { ensureMapEntry } from '../../src/fix/yaml.js';
import { getPath, type YMap } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { fixOf, source } from './helpers.js';

const FILE = '/project/compose.yaml';
const TEXT = 'services:\n  web:\n    image: nginx\n    restart: "no"\n';

/** An edit of FILE from line:column to line:column. */
function edit(start: [number, number], end: [number, number], text: string, file = FILE): TextEdit {
  return { file, range: { start: { line: start[0], column: start[1] }, end: { line: end[0], column: end[1] } }, text };
}
const fix = (description: string, ...edits: TextEdit[]): Fix => ({ description, edits, kind: 'fix' });
const texts = (text = TEXT) => new Map([[FILE, text]]);

describe('applyFixes', () => {
  it('applies the edits of each fix, from the end of the file, insertions before a replacement at the same place', () => {
    const a = fix('restart', edit([4, 14], [4, 18], 'always'));
    const b = fix('read only', edit([4, 18], [4, 18], '\n    read_only: true'));
    const c = fix('image', edit([3, 12], [3, 17], 'nginx:1.27'), edit([3, 12], [3, 12], '"'), edit([3, 17], [3, 17], '"'));
    const result = applyFixes(texts(), [a, b, c]);
    expect(result.texts.get(FILE)).toBe('services:\n  web:\n    image: "nginx:1.27"\n    restart: always\n    read_only: true\n');
    expect(result.applied).toEqual([a, b, c]);
    expect(result.conflicts).toEqual([]);
    expect(result.unsafe).toEqual([]);
  });

  it('applies neither of two fixes that change the same text, and says why', () => {
    const a = fix('always', edit([4, 14], [4, 18], 'always'));
    const b = fix('unless-stopped', edit([4, 14], [4, 18], '"unless-stopped"'));
    const c = fix('image', edit([3, 12], [3, 17], 'nginx:1.27'));
    const result = applyFixes(texts(), [a, b, c]);
    expect(result.texts.get(FILE)).toBe(TEXT.replace('nginx', 'nginx:1.27'));
    expect(result.applied).toEqual([c]);
    expect(result.conflicts).toEqual([{ fixes: [a, b], file: FILE, why: 'they change the same text' }]);
  });

  it('applies neither of two fixes that insert different text at one place, nor one that inserts inside the other\'s span', () => {
    const a = fix('a', edit([4, 18], [4, 18], '\n    read_only: true'));
    const b = fix('b', edit([4, 18], [4, 18], '\n    cap_drop: [ALL]'));
    expect(applyFixes(texts(), [a, b]).conflicts).toEqual([{ fixes: [a, b], file: FILE, why: 'they insert different text at the same place' }]);
    const c = fix('c', edit([4, 14], [4, 18], 'always'));
    const d = fix('d', edit([4, 16], [4, 16], 'x'));
    expect(applyFixes(texts(), [c, d]).conflicts).toEqual([{ fixes: [c, d], file: FILE, why: 'one inserts inside text the other changes' }]);
  });

  it('applies a fix all or none: one conflicting edit holds back its others', () => {
    const a = fix('a', edit([3, 12], [3, 17], 'nginx:1.27'), edit([4, 14], [4, 18], 'always'));
    const b = fix('b', edit([4, 14], [4, 18], 'on-failure'));
    const result = applyFixes(texts(), [a, b]);
    expect(result.texts.get(FILE)).toBe(TEXT);
    expect(result.applied).toEqual([]);
  });

  it('counts identical edits of two fixes once, and applies both', () => {
    const a = fix('a', edit([4, 14], [4, 18], 'always'));
    const b = fix('b', edit([4, 14], [4, 18], 'always'), edit([3, 12], [3, 17], 'caddy'));
    const result = applyFixes(texts(), [a, b]);
    expect(result.texts.get(FILE)).toBe('services:\n  web:\n    image: caddy\n    restart: always\n');
    expect(result.applied).toEqual([a, b]);
  });

  it('applies joinable insertions at one place, of one fix or several: deepest first, then in order', () => {
    const join = (e: TextEdit): TextEdit => ({ ...e, joinable: true });
    const a = fix('a', join(edit([4, 18], [4, 18], '\n    x: 1')), join(edit([4, 18], [4, 18], '\n    y: 2')));
    expect(applyFixes(texts(), [a]).texts.get(FILE)).toBe(`${TEXT}    x: 1\n    y: 2\n`);
    const list = 'services:\n  web:\n    cap_drop:\n      - NET_RAW\n';
    const key = fix('key', join(edit([4, 16], [4, 16], '\n    read_only: true')));
    const service = fix('service', join(edit([4, 16], [4, 16], '\n  db:\n    image: postgres')));
    const item = fix('item', join(edit([4, 16], [4, 16], '\n      - ALL')));
    const result = applyFixes(texts(list), [key, service, item]);
    expect(result.texts.get(FILE)).toBe('services:\n  web:\n    cap_drop:\n      - NET_RAW\n      - ALL\n    read_only: true\n  db:\n    image: postgres\n');
    expect(result.conflicts).toEqual([]);
  });

  it('drops a fix whose own edits overlap, or that edits outside the text or an unknown file', () => {
    const overlap = fix('overlap', edit([4, 14], [4, 18], 'a'), edit([4, 15], [4, 17], 'b'));
    const outside = fix('outside', edit([9, 1], [9, 1], 'x'));
    const pastLine = fix('past the line', edit([1, 30], [1, 30], 'x'));
    const unknown = fix('unknown', edit([1, 1], [1, 1], 'x', '/elsewhere.yaml'));
    const result = applyFixes(texts(), [overlap, outside, pastLine, unknown]);
    expect(result.unsafe).toEqual([
      { fix: overlap, why: `its own edits overlap in ${FILE}` },
      { fix: outside, why: `an edit is outside ${FILE} as it is now` },
      { fix: pastLine, why: `an edit is outside ${FILE} as it is now` },
      { fix: unknown, why: '/elsewhere.yaml is not among the files read' },
    ]);
    expect(result.texts.get(FILE)).toBe(TEXT);
  });

  it('drops a fix that leaves the YAML file with a new error, and the fixes that do so together', () => {
    const duplicate = fix('duplicate', edit([4, 18], [4, 18], '\n    image: caddy'));
    const fine = fix('fine', edit([4, 14], [4, 18], 'always'));
    const one = applyFixes(texts(), [duplicate, fine]);
    expect(one.unsafe).toEqual([{ fix: duplicate, why: `it leaves ${FILE} unreadable: duplicate key "image": a mapping may have each key once` }]);
    expect(one.texts.get(FILE)).toBe(TEXT.replace('"no"', 'always'));
    const x = fix('x', edit([3, 17], [3, 17], '\n    x: 1'));
    const y = fix('y', edit([4, 18], [4, 18], '\n    x: 2'));
    const both = applyFixes(texts(), [x, y]);
    expect(both.unsafe.map((u) => u.why)).toEqual([`with the other fixes of ${FILE} it leaves the file unreadable`, `with the other fixes of ${FILE} it leaves the file unreadable`]);
    expect(both.texts.get(FILE)).toBe(TEXT);
  });

  it('keeps the errors a file already had', () => {
    const broken = 'a: 1\na: 2\nb: x\n';
    const result = applyFixes(texts(broken), [fix('b', edit([3, 4], [3, 5], 'y'))]);
    expect(result.unsafe).toEqual([]);
    expect(result.texts.get(FILE)).toBe('a: 1\na: 2\nb: y\n');
  });

  it('changes nothing on a second run with the fixes made again on its result', () => {
    const build = (text: string) => {
      const file = source(text);
      const web = getPath(parseYaml(file).root, ['services', 'web']) as YMap;
      const sources = FixSources.of(file);
      return [fixOf(ensureMapEntry(web, 'restart', 'always', sources)), fixOf(ensureMapEntry(web, 'read_only', true, sources))];
    };
    const once = applyFixes(texts(), build(TEXT)).texts.get(FILE)!;
    expect(once).toBe('services:\n  web:\n    image: nginx\n    restart: "always"\n    read_only: true\n');
    const twice = applyFixes(texts(once), build(once));
    expect(twice.texts.get(FILE)).toBe(once);
    expect(twice.applied.every((f) => f.edits.length === 0)).toBe(true);
  });

  it('merges the files fixes write: identical writes once, appends to one file as one, different writes of one file a conflict', () => {
    const secret = { file: '/project/secrets/db_password.txt', text: 's3cret\n', mode: 0o600, secret: true };
    const ignoreA = { file: '/project/.gitignore', text: 'secrets/\n', append: true };
    const ignoreB = { file: '/project/.gitignore', text: 'secrets/\n.env\n', append: true };
    const a: Fix = { description: 'a', edits: [], files: [secret, ignoreA], kind: 'fix' };
    const b: Fix = { description: 'b', edits: [], files: [secret, ignoreB], kind: 'fix' };
    expect(applyFixes(texts(), [a, b]).writes).toEqual([secret, { ...ignoreA, text: 'secrets/\n.env\n' }]);
    const c: Fix = { description: 'c', edits: [], files: [{ ...secret, text: 'other\n' }], kind: 'fix' };
    expect(applyFixes(texts(), [a, c]).conflicts).toEqual([{ fixes: [a, c], file: secret.file, why: 'they write the same file differently' }]);
  });
});

describe('joinLines', () => {
  it('adds the lines a file lacks, once, ending with a line break', () => {
    expect(joinLines('node_modules\n', 'secrets/\n')).toBe('node_modules\nsecrets/\n');
    expect(joinLines('node_modules', 'secrets/\n')).toBe('node_modules\nsecrets/\n');
    expect(joinLines('secrets/\r\nx\r\n', 'secrets/\n')).toBe('secrets/\r\nx\r\n');
    expect(joinLines('', 'secrets/')).toBe('secrets/\n');
  });
});

describe('applyFixes check', () => {
  it('takes a check of its own for other files, such as a config parser', () => {
    const conf = '/project/nginx.conf';
    const broken = fix('broken', edit([1, 1], [1, 1], '{', conf));
    const fine = fix('fine', edit([1, 15], [1, 17], 'off', conf));
    const check = (file: string, _before: string, after: string) => (file.endsWith('.conf') && after.includes('{') ? 'unbalanced braces' : undefined);
    const result = applyFixes(new Map([[conf, 'server_tokens on;\n']]), [broken, fine], { check });
    expect(result.unsafe).toEqual([{ fix: broken, why: `it leaves ${conf} unreadable: unbalanced braces` }]);
    expect(result.texts.get(conf)).toBe('server_tokens off;\n');
  });
});
