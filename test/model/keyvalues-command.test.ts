import { describe, expect, it } from 'vitest';
import { parseCommand, shellWords } from '../../src/model/command.js';
import { keyValues } from '../../src/model/keyvalues.js';
import { buildProject } from '../../src/model/project.js';
import { Text } from '../../src/model/text.js';
import { getPath, isScalar, type YNode } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';

function nodeOf(yaml: string, path: (string | number)[], variables: Record<string, string> = {}): YNode | undefined {
  const parsed = parseYaml({ name: 'compose.yml', absPath: '/compose.yml', text: yaml });
  expect(parsed.findings).toEqual([]);
  return getPath(buildProject(parsed.root!, { files: ['compose.yml'], environment: 'prod', variables: new Map(Object.entries(variables)) }).root, path);
}

/** `value@what-the-columns-cover` for a text of `yaml`. */
function shown(yaml: string, text: Text | undefined): string | undefined {
  if (!text) return undefined;
  const { start, end } = text.origin.range;
  const line = yaml.split('\n')[start.line - 1]!;
  return `${text.value}@${start.line}:${line.slice(start.column - 1, end.column - 1)}`;
}

describe('keyValues', () => {
  it('reads the mapping form: names are keys, values as written', () => {
    const yaml = 'environment:\n  A: "1"\n  B: 2\n  C:\n  D: [x]\n  E: "${E_VALUE}"\n';
    const pairs = keyValues(nodeOf(yaml, ['environment']));
    expect(pairs.map((p) => [p.form, shown(yaml, p.name), shown(yaml, p.value)])).toEqual([
      ['map', 'A@2:A', '1@2:1'],
      ['map', 'B@3:B', '2@3:2'],
      ['map', 'C@4:C', undefined],
      ['map', 'E@6:E', '@6:${E_VALUE}'],
    ]);
    expect(pairs[3]!.value!.fromVariable).toBe(true);
  });

  it('reads the list form: NAME=value split at the first =', () => {
    const yaml = 'environment:\n  - A=1\n  - "B=x=y"\n  - C\n  - D=\n  -\n  - [x]\n';
    const pairs = keyValues(nodeOf(yaml, ['environment']));
    expect(pairs.map((p) => [p.form, shown(yaml, p.name), shown(yaml, p.value)])).toEqual([
      ['list', 'A@2:A', '1@2:1'],
      ['list', 'B@3:B', 'x=y@3:x=y'],
      ['list', 'C@4:C', undefined],
      ['list', 'D@5:D', '@5:'],
    ]);
  });

  it('interpolates list items, names included, and keeps the mapping form keys as written', () => {
    const yaml = 'labels:\n  - "${KEY}=v"\nenvironment:\n  ${KEY}: v\n';
    const list = keyValues(nodeOf(yaml, ['labels'], { KEY: 'k' }));
    expect(list.map((p) => [p.name.value, p.value?.value])).toEqual([['k', 'v']]);
    const map = keyValues(nodeOf(yaml, ['environment'], { KEY: 'k' }));
    expect(map.map((p) => p.name.value)).toEqual(['${KEY}']);
  });

  it('gives nothing for a missing key or a scalar', () => {
    expect(keyValues(undefined)).toEqual([]);
    expect(keyValues(nodeOf('environment: x\n', ['environment']))).toEqual([]);
  });
});

describe('shellWords', () => {
  const words = (command: string) => {
    const yaml = `command: ${command}\n`;
    const node = nodeOf(yaml, ['command']);
    if (!isScalar(node)) throw new Error('no scalar');
    return shellWords(Text.of(node)).map((w) => shown(yaml, w));
  };

  it('splits on runs of whitespace', () => {
    expect(words('nginx -g  daemon\toff')).toEqual(['nginx@1:nginx', '-g@1:-g', 'daemon@1:daemon', 'off@1:off']);
  });

  it('a word that is one quoted string is its inside', () => {
    expect(words(`sh -c 'echo "a b"' "x y"`)).toEqual(['sh@1:sh', '-c@1:-c', 'echo "a b"@1:echo "a b"', 'x y@1:x y']);
  });

  it('quotes inside a word keep the word together and the quotes in it', () => {
    expect(words(`run --name="a b" --x='1 2'z`)).toEqual(['run@1:run', '--name="a b"@1:--name="a b"', "--x='1 2'z@1:--x='1 2'z"]);
  });

  it('a backslash keeps the next character in the word', () => {
    expect(words('echo a\\ b c')).toEqual(['echo@1:echo', 'a\\ b@1:a\\ b', 'c@1:c']);
  });

  it('an unclosed quote runs to the end', () => {
    expect(words(`echo "a b`)).toEqual(['echo@1:echo', 'a b@1:a b']);
  });

  it('an empty quoted word is an empty word', () => {
    expect(words(`run "" x`)).toEqual(['run@1:run', '@1:', 'x@1:x']);
  });

  it('an empty or blank command has no words', () => {
    expect(words('""')).toEqual([]);
    expect(words('"   "')).toEqual([]);
  });
});

describe('parseCommand', () => {
  it('a string is the shell form, split into words', () => {
    const yaml = 'command: npm start\n';
    const command = parseCommand(nodeOf(yaml, ['command']));
    expect(command?.form).toBe('shell');
    expect(command?.words.map((w) => shown(yaml, w))).toEqual(['npm@1:npm', 'start@1:start']);
  });

  it('a list is the exec form; empty items are left out', () => {
    const yaml = 'command: ["npm", start, null, "--port=80"]\n';
    const command = parseCommand(nodeOf(yaml, ['command']));
    expect(command?.form).toBe('exec');
    expect(command?.words.map((w) => shown(yaml, w))).toEqual(['npm@1:npm', 'start@1:start', '--port=80@1:--port=80']);
  });

  it('nothing for null or a mapping', () => {
    expect(parseCommand(nodeOf('command:\n', ['command']))).toBeUndefined();
    expect(parseCommand(nodeOf('command: {a: 1}\n', ['command']))).toBeUndefined();
    expect(parseCommand(undefined)).toBeUndefined();
  });
});
