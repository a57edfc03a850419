import { describe, expect, it } from 'vitest';
import { isMap, isScalar, type YEntry, type YNode } from '../../src/parse/tree.js';
import { ensureListItem, portsToExpose } from '../../src/fix/compose.js';
import { addMapEntry, setScalar } from '../../src/fix/yaml.js';
import { loadProject } from './helpers.js';

const BASE = `services:
  web:
    image: nginx
    environment:
      - DEBUG=true # on in dev
      - "QUOTED=x y"
    ports:
      - "8080:80" # public
      - target: 443
        published: 8443
      - 53:53/udp
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
`;
const OVERRIDE = `services:
  web:
    restart: "no"
    environment:
      LOG: info
`;

describe('edits on the effective model', () => {
  const { project: p, sources, apply } = loadProject({ 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE });
  const web = p.service('web')!;
  const entryOf = (node: YNode | undefined, key: string): YEntry => {
    if (!isMap(node)) throw new Error('not a mapping');
    return node.index.get(key)!;
  };

  it('lands in the override file for a value the override sets', () => {
    const restart = web.get('restart');
    if (!isScalar(restart)) throw new Error('no restart');
    expect(apply(setScalar(restart, 'unless-stopped', sources))).toEqual({
      'compose.override.yaml': OVERRIDE.replace('"no"', '"unless-stopped"'),
    });
  });

  it('lands in the base file for a value the base sets, even under a mapping the override merged', () => {
    const result = portsToExpose(entryOf(web.node, 'ports'), undefined, sources);
    expect(apply(result)).toEqual({
      'compose.yaml': BASE.replace('    ports:\n      - "8080:80" # public\n      - target: 443\n        published: 8443\n      - 53:53/udp', '    expose:\n      - "80" # public\n      - "443"\n      - 53/udp'),
    });
  });

  it('adds to the merged service mapping in the file the mapping is written in (the override)', () => {
    expect(apply(addMapEntry(web.node, 'read_only', true, sources))).toEqual({
      'compose.override.yaml': OVERRIDE.replace('      LOG: info\n', '      LOG: info\n    read_only: true\n'),
    });
  });

  it('writes a part of a list item the model turned into a mapping entry, in the item\'s quoting', () => {
    const environment = web.get('environment');
    if (!isMap(environment)) throw new Error('no environment');
    const debug = environment.index.get('DEBUG')!.value;
    const quotedValue = environment.index.get('QUOTED')!.value;
    if (!isScalar(debug) || !isScalar(quotedValue)) throw new Error('not scalars');
    expect(apply(setScalar(debug, 'false', sources))).toEqual({ 'compose.yaml': BASE.replace('DEBUG=true', 'DEBUG=false') });
    expect(apply(setScalar(quotedValue, 'a "b"', sources))).toEqual({ 'compose.yaml': BASE.replace('"QUOTED=x y"', '"QUOTED=a \\"b\\""') });
    expect(setScalar(debug, 'a #b', sources)).toEqual({ refused: 'the new value cannot be written inside the value at compose.yaml:5:15 without changing its quoting' });
  });

  it('refuses a value from a variable', () => {
    const password = p.service('db')!.get(['environment', 'POSTGRES_PASSWORD']);
    if (!isScalar(password)) throw new Error('no password');
    expect(setScalar(password, 'x', sources)).toEqual({ refused: 'the value at compose.yaml:15:26 comes from a variable; set it where the variable is defined' });
  });
});

describe('a mapping the model made of a list', () => {
  it('is refused: the file has a list there', () => {
    const { project: p, sources } = loadProject({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      A: 1\n',
      'compose.override.yaml': 'services:\n  web:\n    environment:\n      - B=2\n',
    });
    const environment = p.service('web')!.get('environment');
    if (!isMap(environment)) throw new Error('no environment');
    expect(addMapEntry(environment, 'X', '1', sources)).toEqual({ refused: 'the mapping at compose.override.yaml:4:7 is written in another form there' });
  });
});

describe('portsToExpose', () => {
  it('adds the container ports to an expose list and removes ports, once per port', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports: ["8080:80", "127.0.0.1:8081:80"]\n    expose: ["80", "9000"]\n';
    const { project: p, sources, apply } = loadProject({ 'compose.yaml': text });
    const node = p.service('web')!.node;
    expect(apply(portsToExpose(node.index.get('ports')!, node.index.get('expose'), sources))).toEqual({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    expose: ["80", "9000"]\n',
    });
  });

  it('writes a port two items publish once', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n      - "127.0.0.1:8081:80"\n      - 9000-9001:9000-9001\n';
    const { project: p, sources, apply } = loadProject({ 'compose.yaml': text });
    const node = p.service('web')!.node;
    expect(apply(portsToExpose(node.index.get('ports')!, undefined, sources))).toEqual({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    expose:\n      - "80"\n      - 9000-9001\n',
    });
  });

  it('refuses a port from a variable', () => {
    const { project: p, sources } = loadProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:${PORT:-80}"]\n' });
    const node = p.service('web')!.node;
    expect(portsToExpose(node.index.get('ports')!, undefined, sources)).toEqual({ refused: 'the value at compose.yaml:4:13 comes from a variable; set it where the variable is defined' });
  });
});

describe('ensureListItem', () => {
  it('appends to the list, fills an empty key, adds the key, and then leaves it', () => {
    const text = 'services:\n  a:\n    image: x\n    cap_drop: [NET_RAW]\n  b:\n    image: x\n    cap_drop:\n  c:\n    image: x\n';
    const { project: p, sources, apply } = loadProject({ 'compose.yaml': text });
    const fix = (name: string) => ensureListItem(p.service(name)!.node, 'cap_drop', 'ALL', sources);
    expect(apply(fix('a'))).toEqual({ 'compose.yaml': text.replace('[NET_RAW]', '[NET_RAW, ALL]') });
    expect(apply(fix('b'))).toEqual({ 'compose.yaml': text.replace('    cap_drop:\n  c', '    cap_drop:\n      - ALL\n  c') });
    expect(apply(fix('c'))).toEqual({ 'compose.yaml': `${text}    cap_drop:\n      - ALL\n` });
    const done = loadProject({ 'compose.yaml': 'services:\n  a:\n    image: x\n    cap_drop: [ALL]\n' });
    expect(ensureListItem(done.project.service('a')!.node, 'cap_drop', 'ALL', done.sources)).toEqual({ edits: [] });
  });
});
