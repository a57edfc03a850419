import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectLoader } from '../../src/model/load.js';
import { extendService, mergeDocuments, mergeService, type MergeProblem } from '../../src/model/merge.js';
import { interpolateTree, withoutResets } from '../../src/model/project.js';
import { sliceScalar, Text } from '../../src/model/text.js';
import type { Origin } from '../../src/parse/position.js';
import { get, getPath, isMap, isScalar, toJS, type YMap, type YNode, type YScalar } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';

function parse(name: string, text: string): YNode {
  const parsed = parseYaml({ name, absPath: `/p/${name}`, text });
  expect(parsed.findings).toEqual([]);
  return parsed.root!;
}

interface Merged {
  base: YNode;
  override: YNode;
  /** The merged tree, resets still in it. */
  tree: YNode;
  /** The merged tree after `withoutResets`, as plain JS. */
  js: unknown;
}

/** Merges `override.yml` over `base.yml`. */
function merge(base: string, override: string): Merged {
  const b = parse('base.yml', base);
  const o = parse('override.yml', override);
  const tree = mergeDocuments(b, o);
  return { base: b, override: o, tree, js: toJS(withoutResets(tree)) };
}

/** `base.yml` and `override.yml` with one service `web` each, given its body (indented by 4). */
function mergeWeb(base: string, override: string): Merged & { web: unknown } {
  const wrap = (body: string) => `services:\n  web:\n${body.replace(/^/gm, '    ')}\n`;
  const merged = merge(wrap(base), wrap(override));
  return { ...merged, web: (merged.js as { services: Record<string, unknown> }).services.web };
}

const at = (o: Origin) => `${o.file}:${o.range.start.line}:${o.range.start.column}-${o.range.end.column}`;

/** Where the scalar at `path` of the merged tree points, with its text: `text file:line:col-endcol`. */
function origin(tree: YNode, path: (string | number)[]): string {
  const node = getPath(withoutResets(tree), path);
  if (!isScalar(node)) throw new Error(`no scalar at ${path.join('.')}`);
  const text = Text.of(node);
  return `${text.value} ${at(text.origin)}`;
}

/** Where the key of `path`'s last step is, in the merged tree. */
function keyOrigin(tree: YNode, path: string[]): string {
  const parent = getPath(withoutResets(tree), path.slice(0, -1));
  const entry = isMap(parent) ? parent.index.get(path.at(-1)!) : undefined;
  if (!entry) throw new Error(`no key ${path.join('.')}`);
  return `${Text.of(entry.key).value} ${at(Text.of(entry.key).origin)}`;
}

/** Every node of the merged tree is a node of an input, a slice of one, or a new node placed at one. */
function assertMadeOfInputs(merged: YNode, inputs: YNode[]): void {
  const known = new Set<YNode>();
  const origins = new Set<string>();
  const collect = (node: YNode) => {
    known.add(node);
    origins.add(JSON.stringify(node.origin));
    if (node.kind === 'seq') node.items.forEach(collect);
    if (node.kind === 'map')
      for (const e of node.entries) {
        collect(e.key);
        collect(e.value);
      }
  };
  inputs.forEach(collect);
  const walk = (node: YNode) => {
    if (known.has(node)) return;
    if (node.kind === 'scalar') {
      if (node.sliceOf) expect(known.has(node.sliceOf.scalar)).toBe(true);
      else expect(origins.has(JSON.stringify(node.origin)), `scalar ${String(node.value)} at ${at(node.origin)}`).toBe(true);
      return;
    }
    expect(origins.has(JSON.stringify(node.origin)), `${node.kind} at ${at(node.origin)}`).toBe(true);
    if (node.kind === 'seq') node.items.forEach(walk);
    else
      for (const e of node.entries) {
        walk(e.key);
        walk(e.value);
      }
  };
  walk(merged);
}

describe('sliceScalar', () => {
  it('keeps the exact columns of the part of the scalar it was cut from, also sliced again', () => {
    const root = parse('a.yml', 'env:\n  - "A=one two"\n');
    const item = getPath(root, ['env', 0]) as YScalar;
    const value = sliceScalar(item, 2);
    expect(value.value).toBe('one two');
    expect(at(value.origin)).toBe('a.yml:2:8-15');
    expect(at(Text.of(value).origin)).toBe('a.yml:2:8-15');
    expect(at(Text.of(value).slice(4).origin)).toBe('a.yml:2:12-15');
    const again = sliceScalar(value, 4, 7);
    expect(again.value).toBe('two');
    expect(again.sliceOf?.scalar).toBe(item);
    expect(at(Text.of(again).origin)).toBe('a.yml:2:12-15');
  });

  it('maps through ${VAR}: a slice that came from a variable points at the expression', () => {
    const root = interpolateTree(parse('a.yml', 'env:\n  - A=x${V}y\n'), new Map([['V', 'long']]), []);
    const item = getPath(root, ['env', 0]) as YScalar;
    const value = sliceScalar(item, 2);
    expect(value.value).toBe('xlongy');
    expect(at(Text.of(value).slice(1, 5).origin)).toBe('a.yml:2:8-12');
    expect(Text.of(value).slice(1, 5).fromVariable).toBe(true);
    expect(Text.of(value).slice(0, 1).fromVariable).toBe(false);
  });
});

describe('mappings, sequences and scalars (13-merge)', () => {
  it('mappings: override keys win, base keys kept, new keys added', () => {
    const m = mergeWeb('image: a\nuser: root\n', 'image: b\nhostname: h\n');
    expect(m.web).toEqual({ image: 'b', user: 'root', hostname: 'h' });
    expect(origin(m.tree, ['services', 'web', 'image'])).toBe('b override.yml:3:12-13');
    expect(origin(m.tree, ['services', 'web', 'user'])).toBe('root base.yml:4:11-15');
    expect(origin(m.tree, ['services', 'web', 'hostname'])).toBe('h override.yml:4:15-16');
    // The key of a replaced value is the override's; a merged service keeps the base's name key.
    expect(keyOrigin(m.tree, ['services', 'web', 'image'])).toBe('image override.yml:3:5-10');
    expect(keyOrigin(m.tree, ['services', 'web'])).toBe('web base.yml:2:3-6');
  });

  it('a merged mapping takes the origin of the override node', () => {
    const m = mergeWeb('image: a\n', 'user: x\n');
    expect(getPath(m.tree, ['services', 'web'])!.origin.file).toBe('override.yml');
    expect(getPath(m.tree, ['services'])!.origin.file).toBe('override.yml');
  });

  it('sequences are appended, base first', () => {
    const m = mergeWeb('group_add: [a, b]\n', 'group_add: [c]\n');
    expect(m.web).toEqual({ group_add: ['a', 'b', 'c'] });
    expect(origin(m.tree, ['services', 'web', 'group_add', 1])).toBe('b base.yml:3:20-21');
    expect(origin(m.tree, ['services', 'web', 'group_add', 2])).toBe('c override.yml:3:17-18');
  });

  it('nested mappings merge recursively (deploy.resources.limits)', () => {
    const m = mergeWeb('deploy:\n  resources:\n    limits: {cpus: "1", memory: 1g}\n', 'deploy:\n  resources:\n    limits: {memory: 2g}\n');
    expect(m.web).toEqual({ deploy: { resources: { limits: { cpus: '1', memory: '2g' } } } });
    expect(origin(m.tree, ['services', 'web', 'deploy', 'resources', 'limits', 'cpus'])).toBe('1 base.yml:5:25-26');
    expect(origin(m.tree, ['services', 'web', 'deploy', 'resources', 'limits', 'memory'])).toBe('2g override.yml:5:26-28');
  });

  it('an untagged null override keeps the base value (Compose v2)', () => {
    const m = mergeWeb('image: a\nnetworks:\n  front:\n    aliases: [x]\n', 'image:\nnetworks:\n  front:\n');
    expect(m.web).toEqual({ image: 'a', networks: { front: { aliases: ['x'] } } });
  });

  it('values of different kinds: the override wins', () => {
    const m = mergeWeb('x-a: [1]\n', 'x-a: {b: 2}\n');
    expect(m.web).toEqual({ 'x-a': { b: 2 } });
  });
});

describe('replaced: command, entrypoint, healthcheck.test', () => {
  it('command', () => {
    const m = mergeWeb('command: ["echo", "foo"]\n', 'command: ["echo", "bar"]\n');
    expect(m.web).toEqual({ command: ['echo', 'bar'] });
    expect(origin(m.tree, ['services', 'web', 'command', 0])).toBe('echo override.yml:3:16-20');
  });

  it('entrypoint, shell form over exec form', () => {
    const m = mergeWeb('entrypoint: [a, b]\n', 'entrypoint: c d\n');
    expect(m.web).toEqual({ entrypoint: 'c d' });
  });

  it('healthcheck.test replaced, the rest of healthcheck merged', () => {
    const m = mergeWeb('healthcheck:\n  test: [CMD, a]\n  interval: 10s\n', 'healthcheck:\n  test: [CMD, b]\n  retries: 3\n');
    expect(m.web).toEqual({ healthcheck: { test: ['CMD', 'b'], interval: '10s', retries: 3 } });
    expect(origin(m.tree, ['services', 'web', 'healthcheck', 'interval'])).toBe('10s base.yml:5:17-20');
  });

  it('a null command replaces too (it is no merge)', () => {
    const m = mergeWeb('image: a\ncommand: [x]\n', 'command:\n');
    expect(m.web).toEqual({ image: 'a', command: null });
  });

  it('ulimits: each limit replaced, number or {soft, hard}', () => {
    const m = mergeWeb('ulimits:\n  nofile: {soft: 10, hard: 20}\n  nproc: 5\n', 'ulimits:\n  nofile: 30\n');
    expect(m.web).toEqual({ ulimits: { nofile: 30, nproc: 5 } });
  });
});

describe('unique resources: ports', () => {
  it('the same port in both files is one entry, at the base position, from the override', () => {
    const m = mergeWeb('ports:\n  - "8080:80"\n  - "9000:9000"\n', 'ports:\n  - "8080:80"\n  - "443:443"\n');
    expect(m.web).toEqual({ ports: ['8080:80', '9000:9000', '443:443'] });
    expect(origin(m.tree, ['services', 'web', 'ports', 0])).toBe('8080:80 override.yml:4:10-17');
    expect(origin(m.tree, ['services', 'web', 'ports', 1])).toBe('9000:9000 base.yml:5:10-19');
  });

  it('short and long syntax share keys', () => {
    const m = mergeWeb(
      'ports:\n  - "127.0.0.1:5432:5432"\n  - target: 80\n    published: "8080"\n',
      'ports:\n  - target: 5432\n    published: 5432\n    host_ip: 127.0.0.1\n    mode: host\n  - 8080:80/tcp\n',
    );
    expect(m.web).toEqual({ ports: [{ target: 5432, published: 5432, host_ip: '127.0.0.1', mode: 'host' }, '8080:80/tcp'] });
  });

  it('host ip, protocol and published port are part of the key', () => {
    const m = mergeWeb('ports: ["8080:80", "8080:80/udp", "80"]\n', 'ports: ["127.0.0.1:8080:80", "0.0.0.0:8080:80", "9090:80", "80"]\n');
    expect(m.web).toEqual({ ports: ['0.0.0.0:8080:80', '8080:80/udp', '80', '127.0.0.1:8080:80', '9090:80'] });
  });
});

describe('unique resources: volumes, secrets, configs, devices', () => {
  it('volumes keyed by target, short and long; the override entry replaces the whole base entry (Compose v2 and 1.29)', () => {
    const m = mergeWeb(
      'volumes:\n  - foo:/work\n  - type: bind\n    source: ./x\n    target: /x\n    read_only: true\n  - /cache\n',
      'volumes:\n  - bar:/work\n  - ./y:/x:ro\n  - type: volume\n    source: c\n    target: /cache\n  - C:\\data:/win\n',
    );
    expect(m.web).toEqual({
      volumes: ['bar:/work', './y:/x:ro', { type: 'volume', source: 'c', target: '/cache' }, 'C:\\data:/win'],
    });
    expect(origin(m.tree, ['services', 'web', 'volumes', 0])).toBe('bar:/work override.yml:4:9-18');
  });

  it('secrets keyed by target: `- name` is /run/secrets/name, a relative target too', () => {
    const m = mergeWeb(
      'secrets:\n  - db\n  - source: api\n    target: /etc/api\n  - tls\n',
      'secrets:\n  - source: other\n    target: db\n  - source: api2\n    target: /etc/api\n  - source: tls\n    target: /run/secrets/tls\n    mode: 0400\n  - extra\n',
    );
    expect(m.web).toEqual({
      secrets: [
        { source: 'other', target: 'db' },
        { source: 'api2', target: '/etc/api' },
        { source: 'tls', target: '/run/secrets/tls', mode: 400 },
        'extra',
      ],
    });
  });

  it('configs keyed by target: `- name` is /name', () => {
    const m = mergeWeb('configs:\n  - app\n  - source: b\n    target: /etc/b\n', 'configs:\n  - source: app2\n    target: /app\n  - b\n');
    expect(m.web).toEqual({ configs: [{ source: 'app2', target: '/app' }, { source: 'b', target: '/etc/b' }, 'b'] });
  });

  it('devices keyed by the container path', () => {
    const m = mergeWeb('devices:\n  - /dev/a:/dev/a\n  - /dev/fuse\n', 'devices:\n  - /dev/b:/dev/a:r\n  - /dev/fuse:/dev/fuse\n  - /dev/c\n');
    expect(m.web).toEqual({ devices: ['/dev/b:/dev/a:r', '/dev/fuse:/dev/fuse', '/dev/c'] });
  });
});

describe('lists appended without duplicates', () => {
  it.each(['cap_add', 'cap_drop', 'security_opt', 'external_links', 'dns', 'dns_search', 'dns_opt', 'profiles', 'links', 'volumes_from', 'device_cgroup_rules'])('%s', (key) => {
    const m = mergeWeb(`${key}: [a, b]\n`, `${key}: [b, c]\n`);
    expect(m.web).toEqual({ [key]: ['a', 'b', 'c'] });
    // The duplicate is the override's item, in the base's place.
    expect(origin(m.tree, ['services', 'web', key, 1])).toMatch(/^b override\.yml:3:/);
  });

  it('expose: 80 and "80" are the same port', () => {
    const m = mergeWeb('expose: ["80", 443]\n', 'expose: [80, "8080"]\n');
    expect(m.web).toEqual({ expose: [80, 443, '8080'] });
  });

  it('a lone string is a one-item list (dns, tmpfs, env_file)', () => {
    const m = mergeWeb('dns: 1.1.1.1\ntmpfs: /run\nenv_file: a.env\n', 'dns: [1.1.1.1, 8.8.8.8]\ntmpfs: /tmp\nenv_file:\n  - path: a.env\n    required: false\n  - b.env\n');
    expect(m.web).toEqual({ dns: ['1.1.1.1', '8.8.8.8'], tmpfs: ['/run', '/tmp'], env_file: [{ path: 'a.env', required: false }, 'b.env'] });
    expect(origin(m.tree, ['services', 'web', 'tmpfs', 0])).toBe('/run base.yml:4:12-16');
  });

  it('label_file: appended, duplicates kept', () => {
    const m = mergeWeb('label_file: a\n', 'label_file: [a, b]\n');
    expect(m.web).toEqual({ label_file: ['a', 'a', 'b'] });
  });

  it('build.tags and network aliases', () => {
    const m = mergeWeb('build:\n  context: .\n  tags: [a]\nnetworks:\n  n:\n    aliases: [x, y]\n', 'build:\n  tags: [a, b]\nnetworks:\n  n:\n    aliases: [y, z]\n');
    expect(m.web).toEqual({ build: { context: '.', tags: ['a', 'b'] }, networks: { n: { aliases: ['x', 'y', 'z'] } } });
  });
});

describe('list-or-mapping keys, normalized and merged by name', () => {
  it('environment: list in base, mapping in override', () => {
    const m = mergeWeb('environment:\n  - A=1\n  - B=2\n  - C\n', 'environment:\n  A: 9\n  D: four\n');
    expect(m.web).toEqual({ environment: { A: 9, B: '2', C: null, D: 'four' } });
    expect(origin(m.tree, ['services', 'web', 'environment', 'A'])).toBe('9 override.yml:4:10-11');
    // A base list item turned into an entry: name and value at their exact columns in the item.
    expect(origin(m.tree, ['services', 'web', 'environment', 'B'])).toBe('2 base.yml:5:11-12');
    expect(keyOrigin(m.tree, ['services', 'web', 'environment', 'B'])).toBe('B base.yml:5:9-10');
    expect(keyOrigin(m.tree, ['services', 'web', 'environment', 'C'])).toBe('C base.yml:6:9-10');
    expect(getPath(m.tree, ['services', 'web', 'environment', 'C'])!.origin.range.start.column).toBe(9);
  });

  it('environment: mapping in base, list in override, quoted items', () => {
    const m = mergeWeb('environment:\n  A: "1"\n  B: "2"\n', 'environment:\n  - "A=x=y"\n  - \'B=it\'\'s\'\n  - E\n');
    expect(m.web).toEqual({ environment: { A: 'x=y', B: "it's", E: null } });
    expect(origin(m.tree, ['services', 'web', 'environment', 'A'])).toBe('x=y override.yml:4:12-15');
    expect(origin(m.tree, ['services', 'web', 'environment', 'B'])).toBe("it's override.yml:5:12-17");
    expect(keyOrigin(m.tree, ['services', 'web', 'environment', 'A'])).toBe('A override.yml:4:10-11');
  });

  it('environment: both lists stay a list, keyed by name', () => {
    const m = mergeWeb('environment: [A=1, B=2]\n', 'environment: [B=3, C]\n');
    expect(m.web).toEqual({ environment: ['A=1', 'B=3', 'C'] });
  });

  it('environment: a null value in the override replaces (taken from the environment)', () => {
    const m = mergeWeb('environment: {A: "1"}\n', 'environment: {A: }\n');
    expect(m.web).toEqual({ environment: { A: null } });
  });

  it('environment: values from ${VAR} keep their origin through the normalization', () => {
    const base = interpolateTree(parse('base.yml', 'services:\n  web:\n    environment:\n      - TOKEN=${T}\n'), new Map([['T', 'abc']]), []);
    const over = parse('override.yml', 'services:\n  web:\n    environment:\n      X: y\n');
    const tree = mergeDocuments(base, over);
    const node = getPath(tree, ['services', 'web', 'environment', 'TOKEN']) as YScalar;
    expect(Text.of(node).value).toBe('abc');
    expect(at(Text.of(node).origin)).toBe('base.yml:4:15-19');
    expect(Text.of(node).fromVariable).toBe(true);
  });

  it.each(['labels', 'annotations', 'sysctls'])('%s', (key) => {
    const m = mergeWeb(`${key}:\n  - a=1\n  - b=2\n`, `${key}:\n  b: "3"\n`);
    expect(m.web).toEqual({ [key]: { a: '1', b: '3' } });
  });

  it('build.args, build.labels, deploy.labels', () => {
    const m = mergeWeb('build:\n  context: .\n  args: [A=1]\n  labels: {l: a}\ndeploy:\n  labels: [x=1]\n', 'build:\n  args: {A: 2, B: 3}\n  labels: [l=b]\ndeploy:\n  labels: {y: "2"}\n');
    expect(m.web).toEqual({ build: { context: '.', args: { A: 2, B: 3 }, labels: { l: 'b' } }, deploy: { labels: { x: '1', y: '2' } } });
  });

  it('extra_hosts: `host:ip` and `host=ip` items, by host name', () => {
    const m = mergeWeb('extra_hosts:\n  - "h1:1.1.1.1"\n  - "h2=::1"\n', 'extra_hosts:\n  h1: 3.3.3.3\n  h3: [4.4.4.4]\n');
    expect(m.web).toEqual({ extra_hosts: { h1: '3.3.3.3', h2: '::1', h3: ['4.4.4.4'] } });
    expect(origin(m.tree, ['services', 'web', 'extra_hosts', 'h2'])).toBe('::1 base.yml:5:13-16');
  });

  it('depends_on: a list item stands for the defaults, replacing options; a mapping merges', () => {
    const m = mergeWeb('depends_on:\n  db: {condition: service_healthy}\n  cache: {condition: service_healthy, required: false}\n', 'depends_on: [db, queue]\n');
    expect(m.web).toEqual({ depends_on: { db: {}, cache: { condition: 'service_healthy', required: false }, queue: {} } });
    const m2 = mergeWeb('depends_on: [db]\n', 'depends_on:\n  db: {condition: service_healthy}\n');
    expect(m2.web).toEqual({ depends_on: { db: { condition: 'service_healthy' } } });
    expect(keyOrigin(m2.tree, ['services', 'web', 'depends_on', 'db'])).toBe('db base.yml:3:18-20');
  });

  it('depends_on: both lists, appended without duplicates', () => {
    const m = mergeWeb('depends_on: [db]\n', 'depends_on: [db, cache]\n');
    expect(m.web).toEqual({ depends_on: ['db', 'cache'] });
  });

  it('networks: a list item (no options) keeps the base options', () => {
    const m = mergeWeb('networks:\n  front:\n    aliases: [w]\n  back:\n', 'networks: [front, extra]\n');
    expect(m.web).toEqual({ networks: { front: { aliases: ['w'] }, back: null, extra: null } });
    const m2 = mergeWeb('networks: [front]\n', 'networks:\n  front:\n    ipv4_address: 10.0.0.2\n');
    expect(m2.web).toEqual({ networks: { front: { ipv4_address: '10.0.0.2' } } });
  });

  it('logging: options merged with the same driver or none, replaced with another', () => {
    const same = mergeWeb('logging:\n  driver: json-file\n  options: {max-size: 10m}\n', 'logging:\n  options: {max-file: "3"}\n');
    expect(same.web).toEqual({ logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } } });
    const other = mergeWeb('logging:\n  driver: json-file\n  options: {max-size: 10m}\n', 'logging:\n  driver: syslog\n  options: {tag: x}\n');
    expect(other.web).toEqual({ logging: { driver: 'syslog', options: { tag: 'x' } } });
  });

  it('build: a string is the context of a mapping', () => {
    const m = mergeWeb('build: ./app\n', 'build:\n  dockerfile: Dockerfile.prod\n');
    expect(m.web).toEqual({ build: { context: './app', dockerfile: 'Dockerfile.prod' } });
    expect(origin(m.tree, ['services', 'web', 'build', 'context'])).toBe('./app base.yml:3:12-17');
    const m2 = mergeWeb('build:\n  context: .\n  target: dev\n', 'build: ./other\n');
    expect(m2.web).toEqual({ build: { context: './other', target: 'dev' } });
    const m3 = mergeWeb('build: ./a\n', 'build: ./b\n');
    expect(m3.web).toEqual({ build: './b' });
  });
});

describe('!reset and !override', () => {
  it('!reset removes the base value, whatever its kind', () => {
    const m = mergeWeb('image: a\nports:\n  - "8080:80"\nenvironment:\n  FOO: BAR\n  KEEP: "1"\n', 'ports: !reset []\nenvironment:\n  FOO: !reset null\n');
    expect(m.web).toEqual({ image: 'a', environment: { KEEP: '1' } });
  });

  it('!reset where the base has no such key', () => {
    const m = mergeWeb('image: a\n', 'user: !reset null\nenvironment:\n  X: !reset\n');
    expect(m.web).toEqual({ image: 'a', environment: {} });
  });

  it('a reset stays reset under a later file, and a later file can set the key again', () => {
    const b = parse('base.yml', 'services:\n  web:\n    image: a\n    user: root\n    ports: ["80:80"]\n');
    const o1 = parse('override.yml', 'services:\n  web:\n    user: !reset null\n    ports: !reset []\n');
    const o2 = parse('third.yml', 'services:\n  web:\n    ports: ["81:81"]\n    hostname: h\n');
    const tree = mergeDocuments(mergeDocuments(b, o1), o2);
    expect(toJS(withoutResets(tree))).toEqual({ services: { web: { image: 'a', ports: ['81:81'], hostname: 'h' } } });
    expect(origin(tree, ['services', 'web', 'ports', 0])).toBe('81:81 third.yml:3:14-19');
  });

  it('!reset on a whole service', () => {
    const m = merge('services:\n  a: {image: x}\n  b: {image: y}\n', 'services:\n  b: !reset {}\n');
    expect(m.js).toEqual({ services: { a: { image: 'x' } } });
  });

  it('!override replaces instead of merging', () => {
    const m = mergeWeb('ports:\n  - "8080:80"\nenvironment: {A: "1", B: "2"}\n', 'ports: !override\n  - "8443:443"\nenvironment: !override\n  B: "3"\n');
    expect(m.web).toEqual({ ports: ['8443:443'], environment: { B: '3' } });
    expect(origin(m.tree, ['services', 'web', 'ports', 0])).toBe('8443:443 override.yml:4:10-18');
  });

  it('!override of a whole service drops the base keys', () => {
    const m = merge('services:\n  web: {image: a, user: root}\n', 'services:\n  web: !override {image: b}\n');
    expect(m.js).toEqual({ services: { web: { image: 'b' } } });
  });
});

describe('top level', () => {
  it('services per name, resources per name, name and version overridden, include appended, x- merged', () => {
    const m = merge(
      'name: one\nversion: "3.8"\ninclude: [a.yml]\nservices:\n  a: {image: a}\nnetworks:\n  n1: {driver: bridge}\nvolumes:\n  v1: {}\nsecrets:\n  s1: {file: ./s1}\nconfigs:\n  c1: {file: ./c1}\nmodels:\n  m1: {model: ai/x}\nx-common:\n  a: 1\n  b: 2\n',
      'name: two\nversion: "3.9"\ninclude: [b.yml]\nservices:\n  b: {image: b}\nnetworks:\n  n1: {internal: true}\n  n2: {}\nvolumes:\n  v2: {}\nsecrets:\n  s1: {environment: S}\nconfigs:\n  c2: {file: ./c2}\nmodels:\n  m1: {context_size: 10}\nx-common:\n  b: 3\n',
    );
    expect(m.js).toEqual({
      name: 'two',
      version: '3.9',
      include: ['a.yml', 'b.yml'],
      services: { a: { image: 'a' }, b: { image: 'b' } },
      networks: { n1: { driver: 'bridge', internal: true }, n2: {} },
      volumes: { v1: {}, v2: {} },
      secrets: { s1: { file: './s1', environment: 'S' } },
      configs: { c1: { file: './c1' }, c2: { file: './c2' } },
      models: { m1: { model: 'ai/x', context_size: 10 } },
      'x-common': { a: 1, b: 3 },
    });
    expect(origin(m.tree, ['name'])).toBe('two override.yml:1:7-10');
    expect(origin(m.tree, ['networks', 'n1', 'driver'])).toBe('bridge base.yml:7:16-22');
  });

  it('resource labels are list-or-mapping; ipam config keyed by subnet', () => {
    const m = merge(
      'networks:\n  n:\n    labels: [a=1]\n    ipam:\n      config:\n        - subnet: 10.0.0.0/24\n          gateway: 10.0.0.1\n',
      'networks:\n  n:\n    labels: {b: "2"}\n    ipam:\n      config:\n        - subnet: 10.0.0.0/24\n          ip_range: 10.0.0.0/25\n        - subnet: 10.1.0.0/24\n',
    );
    expect(m.js).toEqual({
      networks: {
        n: {
          labels: { a: '1', b: '2' },
          ipam: { config: [{ subnet: '10.0.0.0/24', gateway: '10.0.0.1', ip_range: '10.0.0.0/25' }, { subnet: '10.1.0.0/24' }] },
        },
      },
    });
  });

  it('an empty override document leaves the base as it is', () => {
    const b = parse('base.yml', 'services:\n  a: {image: a}\n');
    const o = parse('override.yml', '# nothing\n');
    expect(toJS(mergeDocuments(b, o))).toEqual({ services: { a: { image: 'a' } } });
  });
});

describe('origins', () => {
  const BASE = [
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    environment:',
    '      - LOG=info',
    '      - MODE=dev',
    '    ports:',
    '      - "8080:80"',
    '    volumes:',
    '      - data:/data',
    '',
  ].join('\n');
  const OVERRIDE = [
    'services:',
    '  web:',
    '    environment:',
    '      MODE: prod',
    '    ports:',
    '      - target: 80',
    '        published: 8080',
    '        host_ip: 127.0.0.1',
    '      - "127.0.0.1:8080:80"',
    '    volumes:',
    '      - other:/data:ro',
    '',
  ].join('\n');

  it('each merged value points into the file and column that wrote it', () => {
    const m = merge(BASE, OVERRIDE);
    expect(origin(m.tree, ['services', 'web', 'image'])).toBe('nginx:1.27 base.yml:3:12-22');
    expect(origin(m.tree, ['services', 'web', 'environment', 'LOG'])).toBe('info base.yml:5:13-17');
    expect(keyOrigin(m.tree, ['services', 'web', 'environment', 'LOG'])).toBe('LOG base.yml:5:9-12');
    expect(origin(m.tree, ['services', 'web', 'environment', 'MODE'])).toBe('prod override.yml:4:13-17');
    expect(origin(m.tree, ['services', 'web', 'ports', 0])).toBe('8080:80 base.yml:8:10-17');
    expect(origin(m.tree, ['services', 'web', 'ports', 1])).toBe('127.0.0.1:8080:80 override.yml:9:10-27');
    expect(m.js).toEqual({
      services: {
        web: {
          image: 'nginx:1.27',
          environment: { LOG: 'info', MODE: 'prod' },
          // The long entry and the short one after it are the same port: the later one is kept.
          ports: ['8080:80', '127.0.0.1:8080:80'],
          volumes: ['other:/data:ro'],
        },
      },
    });
    expect(origin(m.tree, ['services', 'web', 'volumes', 0])).toBe('other:/data:ro override.yml:11:9-23');
  });

  it('the result is made of the inputs nodes (and new containers placed at them)', () => {
    const m = merge(BASE, OVERRIDE);
    assertMadeOfInputs(m.tree, [m.base, m.override]);
    const other = mergeWeb('build: ./a\ndepends_on: [db]\nnetworks: [n]\nenvironment: [A=1, B]\n', 'build: {target: t}\ndepends_on: {db: {condition: service_healthy}}\nnetworks: {n: {aliases: [x]}}\nenvironment: {B: "2"}\n');
    assertMadeOfInputs(other.tree, [other.base, other.override]);
  });

  describe('through the project loader', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'merge-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('base.yml + override.yml: rules see the merged service with exact origins', () => {
      writeFileSync(path.join(dir, 'base.yml'), BASE);
      writeFileSync(path.join(dir, 'override.yml'), OVERRIDE);
      const result = new ProjectLoader({ cwd: dir }).load({ files: [path.join(dir, 'base.yml'), path.join(dir, 'override.yml')] }, 'prod');
      expect(result.findings).toEqual([]);
      const web = result.project!.service('web')!;
      expect(web.environment.map((e) => `${e.name.value}=${e.value?.value} ${at(e.name.origin)} ${at(e.value!.origin)}`)).toEqual([
        'LOG=info base.yml:5:9-12 base.yml:5:13-17',
        'MODE=prod override.yml:4:7-11 override.yml:4:13-17',
      ]);
      expect(web.ports.map((p) => `${p.hostIp?.value ?? '-'} ${p.published?.value} ${at(p.item.origin)}`)).toEqual([
        '- 8080 base.yml:8:9-18',
        '127.0.0.1 8080 override.yml:9:9-28',
      ]);
    });
  });
});

describe('extends mode (extendService) and mergeService', () => {
  const service = (name: string, text: string): YMap => get(parse(name, `services:\n  s:\n${text.replace(/^/gm, '    ')}\n`), 'services') as YMap;
  const svc = (name: string, text: string) => get(service(name, text), 's') as YMap;

  it('the base first, the main service winning, as for files', () => {
    const merged = extendService(svc('common.yml', 'image: busybox\nenvironment: [TZ=utc, PORT=80]\ncap_add: [A]\n'), svc('main.yml', 'environment:\n  PORT: 8080\ncap_add: [A, B]\n'));
    expect(toJS(merged)).toEqual({ image: 'busybox', environment: { TZ: 'utc', PORT: 8080 }, cap_add: ['A', 'B'] });
    expect(at((get(get(merged, 'environment'), 'TZ') as YScalar).origin)).toBe('common.yml:4:22-25');
  });

  it('volumes keyed by container path', () => {
    const merged = extendService(svc('common.yml', 'volumes: [common-volume:/var/lib/backup/data:rw]\n'), svc('main.yml', 'volumes: [cli-volume:/var/lib/backup/data:ro]\n'));
    expect(toJS(merged)).toEqual({ volumes: ['cli-volume:/var/lib/backup/data:ro'] });
  });

  it('dns, dns_search, env_file and tmpfs keep duplicates (extends), unlike files', () => {
    const base = 'dns: [1.1.1.1]\ndns_search: [a]\nenv_file: [a.env]\ntmpfs: /run\n';
    const main = 'dns: [1.1.1.1]\ndns_search: a\nenv_file: a.env\ntmpfs: [/run]\n';
    expect(toJS(extendService(svc('common.yml', base), svc('main.yml', main)))).toEqual({ dns: ['1.1.1.1', '1.1.1.1'], dns_search: ['a', 'a'], env_file: ['a.env', 'a.env'], tmpfs: ['/run', '/run'] });
    expect(toJS(mergeService(svc('base.yml', base), svc('override.yml', main)))).toEqual({ dns: ['1.1.1.1'], dns_search: ['a'], env_file: ['a.env'], tmpfs: ['/run'] });
  });

  it('blkio_config device lists: keyed by path with extends, appended between files', () => {
    const base = 'blkio_config:\n  device_read_bps:\n    - {path: /dev/sda, rate: 1mb}\n';
    const main = 'blkio_config:\n  device_read_bps:\n    - {path: /dev/sda, rate: 2mb}\n';
    expect(toJS(extendService(svc('common.yml', base), svc('main.yml', main)))).toEqual({ blkio_config: { device_read_bps: [{ path: '/dev/sda', rate: '2mb' }] } });
    expect(toJS(mergeService(svc('base.yml', base), svc('override.yml', main)))).toEqual({
      blkio_config: { device_read_bps: [{ path: '/dev/sda', rate: '1mb' }, { path: '/dev/sda', rate: '2mb' }] },
    });
  });

  it('command and healthcheck.test replaced; healthcheck mapping merged', () => {
    const merged = extendService(svc('common.yml', 'command: [a, b]\nhealthcheck: {test: [CMD, x], interval: 5s}\n'), svc('main.yml', 'command: [c]\nhealthcheck: {test: [CMD, y]}\n'));
    expect(toJS(merged)).toEqual({ command: ['c'], healthcheck: { test: ['CMD', 'y'], interval: '5s' } });
  });

  it('healthcheck `disable: true` over a base healthcheck that is not disabled is reported, and still merged', () => {
    const problems: MergeProblem[] = [];
    const merged = extendService(svc('common.yml', 'healthcheck: {test: [CMD, x]}\n'), svc('main.yml', 'healthcheck:\n  disable: true\n'), { service: 'cli', onProblem: (p) => problems.push(p) });
    expect(toJS(merged)).toEqual({ healthcheck: { test: ['CMD', 'x'], disable: true } });
    expect(problems.map((p) => `${at(p.origin)} ${p.message}`)).toEqual([
      'main.yml:4:16-20 service "cli" sets healthcheck "disable: true" over the healthcheck of the service it extends, which Compose does not accept unless that one is disabled too',
    ]);
  });

  it('no problem when the base is disabled too, or has no healthcheck, or when merging files', () => {
    const problems: MergeProblem[] = [];
    const onProblem = (p: MergeProblem) => problems.push(p);
    extendService(svc('common.yml', 'healthcheck: {disable: true}\n'), svc('main.yml', 'healthcheck: {disable: true}\n'), { onProblem });
    extendService(svc('common.yml', 'image: a\n'), svc('main.yml', 'healthcheck: {disable: true}\n'), { onProblem });
    mergeService(svc('base.yml', 'healthcheck: {test: [CMD, x]}\n'), svc('override.yml', 'healthcheck: {disable: true}\n'), { onProblem });
    expect(problems).toEqual([]);
  });

  it('the result is made of the inputs nodes', () => {
    const base = svc('common.yml', 'environment: [A=1]\nbuild: .\n');
    const main = svc('main.yml', 'environment: {B: 2}\nbuild: {target: x}\n');
    assertMadeOfInputs(extendService(base, main), [base, main]);
  });
});
