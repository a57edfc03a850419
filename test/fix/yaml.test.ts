import { describe, expect, it } from 'vitest';
import { getPath, isMap, isScalar, isSeq, type YEntry, type YMap, type YNode, type YScalar, type YSeq } from '../../src/parse/tree.js';
import { raw } from '../../src/fix/yaml-values.js';
import {
  addMapEntry,
  appendSeqItem,
  ensureMapEntry,
  ensureSeqItem,
  removeMapEntry,
  removeSeqItem,
  renameKey,
  replaceNode,
  setEntryValue,
  setScalar,
} from '../../src/fix/yaml.js';
import type { FixSources } from '../../src/fix/sources.js';
import { edited, editedOnce, refused } from './helpers.js';

const at = (root: YNode, ...path: (string | number)[]) => getPath(root, path);
const map = (root: YNode, ...path: (string | number)[]): YMap => {
  const node = at(root, ...path);
  if (!isMap(node)) throw new Error(`no mapping at ${path.join('.')}`);
  return node;
};
const seq = (root: YNode, ...path: (string | number)[]): YSeq => {
  const node = at(root, ...path);
  if (!isSeq(node)) throw new Error(`no list at ${path.join('.')}`);
  return node;
};
const scalar = (root: YNode, ...path: (string | number)[]): YScalar => {
  const node = at(root, ...path);
  if (!isScalar(node)) throw new Error(`no scalar at ${path.join('.')}`);
  return node;
};
const entry = (root: YNode, key: string, ...path: (string | number)[]): YEntry => map(root, ...path).index.get(key)!;
const web = (root: YNode) => map(root, 'services', 'web');

describe('setScalar', () => {
  const set = (value: string | number | boolean, ...path: (string | number)[]) => (root: YNode, sources: FixSources) => setScalar(scalar(root, ...path), value, sources);

  it('replaces a plain value, keeping the comment after it', () => {
    expect(editedOnce('services:\n  web:\n    restart: "no"   # for now\n    image: nginx\n', set('unless-stopped', 'services', 'web', 'restart'))).toBe(
      'services:\n  web:\n    restart: "unless-stopped"   # for now\n    image: nginx\n',
    );
    expect(editedOnce('a: 1 # one\nb: 2\n', set(3, 'a'))).toBe('a: 3 # one\nb: 2\n');
  });

  it('keeps single and double quotes, escaping as each needs', () => {
    expect(editedOnce("a: 'x'\n", set("it's", 'a'))).toBe("a: 'it''s'\n");
    expect(editedOnce('a: "x"\n', set('say "hi"', 'a'))).toBe('a: "say \\"hi\\""\n');
  });

  it('quotes a plain value that would read as something else, and writes a plain one plain', () => {
    expect(editedOnce('a: x\n', set('yes', 'a'))).toBe('a: "yes"\n');
    expect(editedOnce('a: x\n', set('8080', 'a'))).toBe('a: "8080"\n');
    expect(editedOnce('a: x\n', set('80:80', 'a'))).toBe('a: "80:80"\n');
    expect(editedOnce('a: x\n', set('a: b', 'a'))).toBe('a: "a: b"\n');
    expect(editedOnce('a: x\n', set('no-new-privileges:true', 'a'))).toBe('a: no-new-privileges:true\n');
    expect(editedOnce('a: x\n', set(true, 'a'))).toBe('a: true\n');
  });

  it('fills an empty value after its key', () => {
    expect(editedOnce('a:\nb: 1\n', set('x', 'a'))).toBe('a: x\nb: 1\n');
    expect(editedOnce('a: # why\nb: 1\n', set('x', 'a'))).toBe('a: x # why\nb: 1\n');
  });

  it('writes a block scalar as a one-line value', () => {
    expect(editedOnce('a: |\n  one\n  two\nb: 1\n', set('x', 'a'))).toBe('a: x\nb: 1\n');
  });

  it('edits an aliased value at its anchor', () => {
    expect(editedOnce('x: &v old\ny: *v\n', set('new', 'y'))).toBe('x: &v new\ny: *v\n');
    expect(editedOnce('base: &b\n  restart: "no"\nservices:\n  web:\n    <<: *b\n', set('always', 'services', 'web', 'restart'))).toBe(
      'base: &b\n  restart: "always"\nservices:\n  web:\n    <<: *b\n',
    );
  });

  it('keeps CRLF line endings and a missing final line break', () => {
    expect(editedOnce('a: 1\r\nb: 2\r\n', set(3, 'b'))).toBe('a: 1\r\nb: 3\r\n');
    expect(editedOnce('a: 1\nb: 2', set(3, 'b'))).toBe('a: 1\nb: 3');
  });

  it('counts columns in UTF-16 code units', () => {
    expect(editedOnce('a: "😀 é" # x\nb: 2\n', set('ok', 'a'))).toBe('a: "ok" # x\nb: 2\n');
    expect(editedOnce('x: 😀\nb: 2\n', set(3, 'b'))).toBe('x: 😀\nb: 3\n');
  });

  it('refuses a value interpolated from a variable', () => {
    expect(refused('a: ${PASSWORD}\n', set('x', 'a'))).toBe('the value at compose.yaml:1:4 comes from a variable; set it where the variable is defined');
    expect(refused('a: "pre-${X:-d}"\n', set('x', 'a'))).toBe('the value at compose.yaml:1:4 comes from a variable; set it where the variable is defined');
    expect(edited('a: cost $$5\n', set('free', 'a'))).toBe('a: free\n');
  });
});

describe('renameKey', () => {
  it('renames a key and keeps its quoting', () => {
    expect(edited('services:\n  web:\n    ports: ["80"]\n', (root, s) => renameKey(entry(root, 'ports', 'services', 'web'), 'expose', s))).toBe('services:\n  web:\n    expose: ["80"]\n');
    expect(edited("'ports': []\n", (root, s) => renameKey(entry(root, 'ports'), 'expose', s))).toBe("'expose': []\n");
  });
});

describe('addMapEntry', () => {
  it('adds a block entry at the keys\' indent, after the last entry and its comment', () => {
    const text = 'services:\n  web:\n    image: nginx # pinned below\n    # ports are for dev\n\n  db:\n    image: postgres\n';
    expect(edited(text, (root, s) => addMapEntry(web(root), 'read_only', true, s))).toBe(
      'services:\n  web:\n    image: nginx # pinned below\n    read_only: true\n    # ports are for dev\n\n  db:\n    image: postgres\n',
    );
  });

  it('nests a list and a mapping one step in, as the file indents (2 or 4, dash under the key or in)', () => {
    const two = 'services:\n  web:\n    image: nginx\n    volumes:\n      - a:/a\n';
    expect(edited(two, (root, s) => addMapEntry(web(root), 'cap_drop', ['ALL'], s))).toBe(`${two}    cap_drop:\n      - ALL\n`);
    const four = 'services:\n    web:\n        image: nginx\n        volumes:\n        - a:/a\n';
    expect(edited(four, (root, s) => addMapEntry(web(root), 'cap_drop', ['ALL'], s))).toBe(`${four}        cap_drop:\n        - ALL\n`);
    expect(edited(four, (root, s) => addMapEntry(web(root), 'logging', { driver: 'json-file', options: { 'max-size': '10m' } }, s))).toBe(
      `${four}        logging:\n            driver: json-file\n            options:\n                max-size: 10m\n`,
    );
    expect(edited(two, (root, s) => addMapEntry(web(root), 'security_opt', [{ a: 1, b: 2 }], s))).toBe(`${two}    security_opt:\n      - a: 1\n        b: 2\n`);
  });

  it('writes raw YAML as given', () => {
    expect(edited('services:\n  web:\n    image: nginx\n', (root, s) => addMapEntry(web(root), 'cap_drop', raw('[ALL]'), s))).toBe('services:\n  web:\n    image: nginx\n    cap_drop: [ALL]\n');
  });

  it('adds to a flow mapping before its brace, and fills an empty one', () => {
    expect(edited('services:\n  web: {image: nginx}\n', (root, s) => addMapEntry(web(root), 'restart', 'always', s))).toBe('services:\n  web: {image: nginx, restart: always}\n');
    expect(edited('services:\n  web: { image: nginx }\n', (root, s) => addMapEntry(web(root), 'cap_drop', ['ALL'], s))).toBe('services:\n  web: { image: nginx, cap_drop: [ALL] }\n');
    expect(edited('services:\n  web: {}\n', (root, s) => addMapEntry(web(root), 'image', 'nginx', s))).toBe('services:\n  web: {image: nginx}\n');
    expect(edited('x: {\n  a: 1,\n  b: 2\n}\n', (root, s) => addMapEntry(map(root, 'x'), 'c', 3, s))).toBe('x: {\n  a: 1,\n  b: 2,\n  c: 3\n}\n');
  });

  it('adds to a mapping that is a list item at its keys\' column', () => {
    expect(edited('x:\n  - a: 1\n    b: 2\n  - c\n', (root, s) => addMapEntry(map(root, 'x', 0), 'z', 9, s))).toBe('x:\n  - a: 1\n    b: 2\n    z: 9\n  - c\n');
  });

  it('adds to the anchored mapping of a merge key\'s alias, and to the end of a mapping that merges one', () => {
    const text = 'x-base: &base\n  image: nginx\nservices:\n  web:\n    <<: *base\n';
    expect(edited(text, (root, s) => addMapEntry(web(root), 'read_only', true, s))).toBe(`${text}    read_only: true\n`);
    expect(edited(text, (root, s) => addMapEntry(map(root, 'x-base'), 'restart', 'always', s))).toBe(
      'x-base: &base\n  image: nginx\n  restart: always\nservices:\n  web:\n    <<: *base\n',
    );
  });

  it('keeps CRLF and a missing final line break', () => {
    expect(edited('services:\r\n  web:\r\n    image: nginx\r\n', (root, s) => addMapEntry(web(root), 'cap_drop', ['ALL'], s))).toBe(
      'services:\r\n  web:\r\n    image: nginx\r\n    cap_drop:\r\n      - ALL\r\n',
    );
    expect(edited('services:\n  web:\n    image: nginx', (root, s) => addMapEntry(web(root), 'restart', 'always', s))).toBe('services:\n  web:\n    image: nginx\n    restart: always');
  });

  it('refuses a key the mapping has, and a mapping the model made from a list', () => {
    expect(refused('a: 1\n', (root, s) => addMapEntry(root as YMap, 'a', 2, s))).toBe('the mapping at compose.yaml:1:1 already has "a"');
  });
});

describe('ensureMapEntry and ensureSeqItem', () => {
  it('add what is missing, change what differs, and then leave it', () => {
    const text = 'services:\n  web:\n    image: nginx\n    read_only: false\n';
    expect(editedOnce(text, (root, s) => ensureMapEntry(web(root), 'read_only', true, s))).toBe('services:\n  web:\n    image: nginx\n    read_only: true\n');
    expect(editedOnce('services:\n  web:\n    image: nginx\n', (root, s) => ensureMapEntry(web(root), 'restart', 'always', s))).toBe('services:\n  web:\n    image: nginx\n    restart: always\n');
    expect(editedOnce('s:\n  - a\n', (root, s) => ensureSeqItem(seq(root, 's'), 'ALL', s))).toBe('s:\n  - a\n  - ALL\n');
    expect(editedOnce('s:\n  - "80"\n', (root, s) => ensureSeqItem(seq(root, 's'), 80, s))).toBe('s:\n  - "80"\n');
  });
});

describe('appendSeqItem', () => {
  it('appends a block item at the dashes\' column, after a trailing comment', () => {
    expect(edited('cap_drop:\n  - NET_RAW # raw sockets\n# end\n', (root, s) => appendSeqItem(seq(root, 'cap_drop'), 'ALL', s))).toBe('cap_drop:\n  - NET_RAW # raw sockets\n  - ALL\n# end\n');
    expect(edited('cap_drop:\n- NET_RAW\n', (root, s) => appendSeqItem(seq(root, 'cap_drop'), 'ALL', s))).toBe('cap_drop:\n- NET_RAW\n- ALL\n');
    expect(edited('s:\n    - a\n', (root, s) => appendSeqItem(seq(root, 's'), { target: 80, mode: 'host' }, s))).toBe('s:\n    - a\n    - target: 80\n      mode: host\n');
  });

  it('appends to a flow list, an empty one, and one written over several lines', () => {
    expect(edited('cap_drop: [NET_RAW]\n', (root, s) => appendSeqItem(seq(root, 'cap_drop'), 'ALL', s))).toBe('cap_drop: [NET_RAW, ALL]\n');
    expect(edited('cap_drop: []\n', (root, s) => appendSeqItem(seq(root, 'cap_drop'), 'ALL', s))).toBe('cap_drop: [ALL]\n');
    expect(edited('p: [ ]\n', (root, s) => appendSeqItem(seq(root, 'p'), '80:80', s))).toBe('p: [ "80:80" ]\n');
    expect(edited('p: [a, b,]\n', (root, s) => appendSeqItem(seq(root, 'p'), 'c', s))).toBe('p: [a, b, c,]\n');
    expect(edited('p: [\n    a,\n    b\n]\n', (root, s) => appendSeqItem(seq(root, 'p'), 'c', s))).toBe('p: [\n    a,\n    b,\n    c\n]\n');
  });
});

describe('removeMapEntry', () => {
  it('removes the entry\'s lines and the comments inside its block, keeping the comments above and around', () => {
    const text = '# Compose file\nversion: "3.8" # legacy\nservices:\n  web:\n    image: nginx\n';
    expect(editedOnce(text, (root, s) => removeMapEntry(root as YMap, 'version', s))).toBe('# Compose file\nservices:\n  web:\n    image: nginx\n');
    const ports = 'services:\n  web:\n    # published for dev\n    ports:\n      - "80:80"\n      # - "443:443"\n    image: nginx # the image\n';
    expect(editedOnce(ports, (root, s) => removeMapEntry(web(root), 'ports', s))).toBe('services:\n  web:\n    # published for dev\n    image: nginx # the image\n');
  });

  it('removes the last line of a file without a final line break, keeping it without one', () => {
    expect(editedOnce('a: 1\r\nversion: "3"', (root, s) => removeMapEntry(root as YMap, 'version', s))).toBe('a: 1');
    expect(editedOnce('version: "3"\nservices: {}', (root, s) => removeMapEntry(root as YMap, 'version', s))).toBe('services: {}');
    expect(editedOnce('a: 1\r\nversion: "3"\r\nb: 2\r\n', (root, s) => removeMapEntry(root as YMap, 'version', s))).toBe('a: 1\r\nb: 2\r\n');
  });

  it('removes from a flow mapping with one comma', () => {
    expect(editedOnce('x: {a: 1, b: 2, c: 3}\n', (root, s) => removeMapEntry(map(root, 'x'), 'b', s))).toBe('x: {a: 1, c: 3}\n');
    expect(editedOnce('x: {a: 1, b: 2}\n', (root, s) => removeMapEntry(map(root, 'x'), 'b', s))).toBe('x: {a: 1}\n');
    expect(editedOnce('x: { a: 1 }\n', (root, s) => removeMapEntry(map(root, 'x'), 'a', s))).toBe('x: {}\n');
    expect(editedOnce('x: {\n  a: 1,\n  b: 2\n}\n', (root, s) => removeMapEntry(map(root, 'x'), 'a', s))).toBe('x: {\n  b: 2\n}\n');
  });

  it('moves the next key of a list item up in place of its first one, and refuses the only one', () => {
    expect(editedOnce('x:\n  - a: 1\n    b: 2\n', (root, s) => removeMapEntry(map(root, 'x', 0), 'a', s))).toBe('x:\n  - b: 2\n');
    expect(refused('x:\n  - a: 1\n  - b: 2\n', (root, s) => removeMapEntry(map(root, 'x', 0), 'a', s))).toBe('"a" at compose.yaml:2:5 is the only key of its list item');
  });

  it('removes a merged entry where its anchor wrote it', () => {
    expect(edited('x: &x\n  a: 1\n  b: 2\ny:\n  <<: *x\n', (root, s) => removeMapEntry(map(root, 'y'), 'b', s))).toBe('x: &x\n  a: 1\ny:\n  <<: *x\n');
  });
});

describe('removeSeqItem and replaceNode', () => {
  it('removes block and flow items', () => {
    expect(edited('s:\n  - a\n  - b # two\n  - c\n', (root, s) => removeSeqItem(seq(root, 's').items[1]!, s))).toBe('s:\n  - a\n  - c\n');
    expect(edited('s: [a, b, c]\n', (root, s) => removeSeqItem(seq(root, 's').items[2]!, s))).toBe('s: [a, b]\n');
    expect(edited('s: [a]\n', (root, s) => removeSeqItem(seq(root, 's').items[0]!, s))).toBe('s: []\n');
  });

  it('replaces a long-syntax item by a one-line value', () => {
    expect(edited('ports:\n  - target: 80 # web\n    published: 8080\n  - "9000"\n', (root, s) => replaceNode(seq(root, 'ports').items[0]!, '80', s))).toBe('ports:\n  - "80"\n  - "9000"\n');
  });
});

describe('setEntryValue', () => {
  const fill = (value: Parameters<typeof setEntryValue>[1], ...path: (string | number)[]) => (root: YNode, s: FixSources) => setEntryValue(entry(root, String(path.at(-1)), ...path.slice(0, -1)), value, s);

  it('writes a list or mapping below an empty key, after its comment, one step in', () => {
    expect(editedOnce('services:\n  web:\n    environment:\n    image: x\n', (root, s) => {
      const environment = map(root, 'services', 'web').index.get('environment')!;
      return environment.value.kind === 'map' ? { edits: [] } : setEntryValue(environment, { A: '1' }, s);
    })).toBe('services:\n  web:\n    environment:\n      A: "1"\n    image: x\n');
    expect(edited('x: # later\ny: 1\n', fill(['a', 'b'], 'x'))).toBe('x: # later\n  - a\n  - b\ny: 1\n');
    expect(edited('x: ~\n', fill({ k: 'v' }, 'x'))).toBe('x:\n  k: v\n');
    expect(edited('- x:\n  y: 1\n', fill({ k: 'v' }, 0, 'x'))).toBe('- x:\n    k: v\n  y: 1\n');
  });

  it('writes a one-line value beside the key', () => {
    expect(edited('x:\ny: 1\n', fill([], 'x'))).toBe('x: []\ny: 1\n');
    expect(edited('x: # later\n', fill(raw('[ALL]'), 'x'))).toBe('x: [ALL] # later\n');
    expect(edited('x: ~\n', fill('v', 'x'))).toBe('x: v\n');
  });

  it('refuses an entry that has a value', () => {
    expect(refused('x: [a]\n', fill(['b'], 'x'))).toBe('"x" at compose.yaml:1:1 already has a value');
  });
});
