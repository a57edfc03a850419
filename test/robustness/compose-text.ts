import fc from 'fast-check';
import type { Origin } from '../../src/parse/position.js';
import type { YNode } from '../../src/parse/tree.js';

/**
 * Generators of compose-like YAML: documents built from compose keys and values (interpolation,
 * anchors, aliases, merge keys, `!reset`/`!override`, block and flow styles, quotes, block scalars),
 * rendered with LF or CRLF, with or without a byte-order mark, some lines indented with tabs.
 */

const KEYS = [
  'image', 'build', 'context', 'dockerfile', 'args', 'environment', 'env_file', 'ports', 'volumes', 'command',
  'entrypoint', 'healthcheck', 'test', 'deploy', 'resources', 'limits', 'memory', 'networks', 'aliases', 'profiles',
  'depends_on', 'condition', 'secrets', 'configs', 'extends', 'service', 'file', 'labels', 'privileged', 'user',
  'cap_add', 'cap_drop', 'security_opt', 'restart', 'logging', 'driver', 'options', 'ulimits', 'nofile', 'tmpfs',
  'devices', 'extra_hosts', 'network_mode', 'pid', 'read_only', 'target', 'source', 'published', 'mode', 'external',
  'name', 'x-base', '<<', 'web', 'db', '"quoted key"', '1',
];

/** Values that are a scalar wherever they stand, in block or flow style. */
const VALUES = [
  'nginx:1.25', 'postgres:16', 'redis:7-alpine', '"${TAG:-latest}"', '"app:${TAG}"', '$VAR', '$$literal', '$${NOT_A_VAR}',
  '"${A:?A is required}"', '"${B-${C:-nested}}"', '"${"', '"${X"', '"${:-x}"', '"${Y:-a b}"', '"${Z:+alt}"', "'80:80'",
  '"127.0.0.1:5432:5432"', '8080:80/tcp', '0.0.0.0:6379:6379', './data:/var/lib/data:ro', '/var/run/docker.sock:/var/run/docker.sock',
  'true', 'false', 'null', '~', '0', '-1', '512m', '1.5', 'PASSWORD=hunter2', '"KEY=${K:-v}"', 'POSTGRES_PASSWORD', 'CMD-SHELL',
  '"sh -c \'echo $$HOME\'"', '!reset []', '!override [a]', '!reset null', '!!str 1', '"esc \\" \\t \\u00e9"',
  "'it''s'", 'ALL', 'NET_ADMIN', 'host', 'always', '[a, b]', '{a: 1}', '""', "'\t'", 'redis://:p%40ss@cache:6379/0', 'é ü 漢字',
];

/** Values that are often a syntax error, or something other than a scalar, depending on where they stand. */
const RISKY = [
  '${A:?A is required}', '${B-${C:-nested}}', '${', '${X', '|\n  block line\n  second', '>-\n  folded', '!custom x', '*base', 'value # comment',
  '# only a comment', '- item', 'key: value', ': x', '@x', '`x', '"unclosed', "'unclosed", '{a: [1, 2', '\t',
];

const ANCHORS = ['a', 'base', 'svc'];

type Tree =
  | { kind: 'scalar'; text: string }
  | { kind: 'alias'; name: string }
  | { kind: 'map'; entries: [string, Tree][]; anchor: string | undefined; tag: string | undefined; flow: boolean }
  | { kind: 'seq'; items: Tree[]; anchor: string | undefined; tag: string | undefined; flow: boolean };

const props = {
  anchor: fc.option(fc.constantFrom(...ANCHORS), { nil: undefined, freq: 3 }),
  tag: fc.option(fc.constantFrom('!reset', '!override'), { nil: undefined, freq: 4 }),
  flow: fc.boolean().chain((flow) => (flow ? fc.boolean() : fc.constant(false))),
};

/** Mapping entries, mostly with distinct keys (a repeated key is a finding, which mutations make often enough). */
const entries = (key: fc.Arbitrary<string>, value: fc.Arbitrary<Tree>) =>
  fc.oneof({ weight: 5, arbitrary: fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 5 }) }, { weight: 1, arbitrary: fc.array(fc.tuple(key, value), { maxLength: 5 }) });

/** Trees whose leaves are values, and also risky values when `risky` (which break most documents they are in). */
const treesOf = (risky: boolean) =>
  fc.letrec<{ node: Tree; leaf: Tree; map: Tree; seq: Tree }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', maxDepth: 4 }, tie('leaf'), tie('map'), tie('seq')),
    leaf: fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...VALUES).map((text): Tree => ({ kind: 'scalar', text })) },
      { weight: risky ? 2 : 0, arbitrary: fc.constantFrom(...RISKY).map((text): Tree => ({ kind: 'scalar', text })) },
      { weight: 1, arbitrary: fc.constantFrom(...ANCHORS).map((name): Tree => ({ kind: 'alias', name })) },
    ),
    map: fc.record({ kind: fc.constant('map' as const), entries: entries(fc.constantFrom(...KEYS), tie('node')), ...props }),
    seq: fc.record({ kind: fc.constant('seq' as const), items: fc.array(tie('node'), { maxLength: 4 }), ...props }),
  }));

function flowText(node: Tree): string {
  switch (node.kind) {
    case 'scalar':
      return node.text;
    case 'alias':
      return `*${node.name}`;
    case 'map':
      return `{${node.entries.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')}}`;
    case 'seq':
      return `[${node.items.map(flowText).join(', ')}]`;
  }
}

/** What follows `key:` or `-` for a node whose block lines are indented by `indent`. */
function after(node: Tree, indent: number): string {
  // A block scalar's lines go below the key, as far in as its children would.
  if (node.kind === 'scalar') return ` ${node.text.replace(/\n {2}/g, `\n${' '.repeat(indent)}`)}`;
  if (node.kind === 'alias') return ` ${flowText(node)}`;
  const head = [node.anchor && `&${node.anchor}`, node.tag].filter(Boolean).join(' ');
  const empty = node.kind === 'map' ? node.entries.length === 0 : node.items.length === 0;
  if (node.flow || empty) return ` ${head ? `${head} ` : ''}${flowText(node)}`;
  return `${head ? ` ${head}` : ''}\n${block(node, indent)}`;
}

function block(node: Tree, indent: number): string {
  const pad = ' '.repeat(indent);
  if (node.kind === 'map') return node.entries.map(([k, v]) => `${pad}${k}:${after(v, indent + 2)}`).join('\n');
  if (node.kind === 'seq') return node.items.map((v) => `${pad}-${after(v, indent + 2)}`).join('\n');
  return pad + flowText(node);
}

/** A compose-like document: top-level keys, then `services:`; half of them made of well-formed values only, so that the rules run on them. */
export const composeText: fc.Arbitrary<string> = fc.boolean().chain((risky) => {
  const trees = treesOf(risky);
  return fc
    .record({
      top: entries(fc.constantFrom('x-base', 'x-common', 'version', 'name', 'include', 'networks', 'volumes', 'secrets'), trees.node),
      services: entries(fc.constantFrom('web', 'db', 'cache', 'proxy'), trees.map),
      crlf: fc.boolean(),
      bom: fc.boolean(),
      tabs: risky ? fc.array(fc.nat(), { maxLength: 2 }) : fc.constant([]),
    })
    .map(({ top, services, crlf, bom, tabs }) => {
      const lines = [block({ kind: 'map', entries: top, anchor: undefined, tag: undefined, flow: false }, 0), 'services:', block({ kind: 'map', entries: services, anchor: undefined, tag: undefined, flow: false }, 2)]
        .join('\n')
        .split('\n')
        .filter((line) => line !== '');
      for (const t of tabs) lines[t % lines.length] = lines[t % lines.length]!.replace(/^ {2}/, '\t');
      return (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n') + '\n';
    });
});

/** Fragments a mutation may insert into a compose file. */
export const COMPOSE_FRAGMENTS = [...VALUES, ...RISKY, ...KEYS.map((k) => `${k}:`), '&a ', '*a', '<<: *a', '\t', '\r\n', '\n  ', '\uFEFF', '- ', '{', '}', '[', ']', '"', "'", '\\'];

/** Every place a tree names: each node's origin and each mapping key's. */
export function treeOrigins(node: YNode | undefined): Origin[] {
  if (!node) return [];
  const out: Origin[] = [node.origin];
  if (node.kind === 'seq') for (const item of node.items) out.push(...treeOrigins(item));
  if (node.kind === 'map') for (const entry of node.entries) out.push(entry.key.origin, ...treeOrigins(entry.value));
  return out;
}
