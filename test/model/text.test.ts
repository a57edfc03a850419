import { describe, expect, it } from 'vitest';
import type { Origin } from '../../src/parse/position.js';
import { buildProject } from '../../src/model/project.js';
import { Text } from '../../src/model/text.js';
import { getPath, isScalar, type YScalar } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';

/** The scalar at `path` of `yaml` after interpolation with `variables`. */
function scalar(yaml: string, path: (string | number)[], variables: Record<string, string> = {}): YScalar {
  const parsed = parseYaml({ name: 'compose.yml', absPath: '/compose.yml', text: yaml });
  expect(parsed.findings).toEqual([]);
  const project = buildProject(parsed.root!, { files: ['compose.yml'], environment: 'prod', variables: new Map(Object.entries(variables)) });
  const node = getPath(project.root, path);
  if (!isScalar(node)) throw new Error(`no scalar at ${path.join('.')}`);
  return node;
}

const text = (yaml: string, path: (string | number)[], variables?: Record<string, string>) => Text.of(scalar(yaml, path, variables));

function cols(origin: Origin): string {
  return `${origin.range.start.line}:${origin.range.start.column}-${origin.range.end.line}:${origin.range.end.column}`;
}

/** The characters of the line that a one-line origin covers. */
function covered(yaml: string, origin: Origin): string {
  const line = yaml.split('\n')[origin.range.start.line - 1]!;
  return line.slice(origin.range.start.column - 1, origin.range.end.column - 1);
}

describe('slices of plain and quoted scalars map to exact columns', () => {
  it('plain', () => {
    const yaml = 'image: nginx:1.27\n';
    const t = text(yaml, ['image']);
    expect(cols(t.origin)).toBe('1:8-1:18');
    expect(covered(yaml, t.slice(6).origin)).toBe('1.27');
    expect(cols(t.slice(0, 5).origin)).toBe('1:8-1:13');
  });

  it('double-quoted without escapes', () => {
    const yaml = 'ports:\n  - "127.0.0.1:5432:5432"\n';
    const t = text(yaml, ['ports', 0]);
    // The whole text is what is inside the quotes.
    expect(cols(t.origin)).toBe('2:6-2:25');
    expect(covered(yaml, t.slice(0, 9).origin)).toBe('127.0.0.1');
    expect(covered(yaml, t.slice(10, 14).origin)).toBe('5432');
  });

  it("single-quoted, where '' is one quote", () => {
    const yaml = "command: 'it''s a ''test'''\n";
    const t = text(yaml, ['command']);
    expect(t.value).toBe("it's a 'test'");
    expect(covered(yaml, t.slice(0, 4).origin)).toBe("it''s");
    expect(covered(yaml, t.slice(5, 6).origin)).toBe('a');
    expect(covered(yaml, t.slice(7).origin)).toBe("''test''");
  });

  it('a flow item', () => {
    const yaml = 'cap_drop: [NET_RAW, "ALL"]\n';
    expect(covered(yaml, text(yaml, ['cap_drop', 1]).slice(1).origin)).toBe('LL');
  });

  it('an empty slice is a point at its place', () => {
    const yaml = 'image: nginx\n';
    expect(cols(text(yaml, ['image']).slice(2, 2).origin)).toBe('1:10-1:10');
  });

  it('negative offsets count from the end, like String.prototype.slice', () => {
    const yaml = 'image: nginx:1.27\n';
    const t = text(yaml, ['image']).slice(-4);
    expect(t.value).toBe('1.27');
    expect(covered(yaml, t.origin)).toBe('1.27');
  });

  it('slices of slices keep their offset', () => {
    const yaml = 'image: registry.example.com/team/app:1.2\n';
    const repo = text(yaml, ['image']).slice(21);
    expect(repo.value).toBe('team/app:1.2');
    expect(covered(yaml, repo.slice(5, 8).origin)).toBe('app');
  });
});

describe('scalars whose text is not the value fall back to the whole scalar', () => {
  it('double-quoted with escapes', () => {
    const yaml = 'command: "a\\tb c"\n';
    const t = text(yaml, ['command']);
    expect(t.value).toBe('a\tb c');
    expect(cols(t.slice(4).origin)).toBe('1:10-1:18');
  });

  it('a plain scalar over several lines', () => {
    const yaml = 'command: run this\n  and that\n';
    const t = text(yaml, ['command']);
    expect(t.value).toBe('run this and that');
    expect(cols(t.slice(0, 3).origin)).toBe('1:10-2:11');
  });

  it('a block scalar', () => {
    const yaml = 'command: |\n  run\n';
    expect(cols(text(yaml, ['command']).slice(0, 1).origin)).toBe('1:10-2:6');
  });
});

describe('numbers and booleans read as written', () => {
  it('keeps the spelling of the file', () => {
    const yaml = 'a: 0.50\nb: 0440\nc: True\nd: 1e3\ne: 8080\n';
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => text(yaml, [k]).value)).toEqual(['0.50', '0440', 'True', '1e3', '8080']);
    expect(covered(yaml, text(yaml, ['b']).slice(1).origin)).toBe('440');
  });

  it('null is the empty string', () => {
    expect(text('a: ~\n', ['a']).value).toBe('');
  });
});

describe('through interpolation', () => {
  const yaml = 'ports:\n  - "${BIND:-127.0.0.1}:${PORT}:80"\n';

  it('a default maps to the default text', () => {
    const t = text(yaml, ['ports', 0], { PORT: '8080' });
    expect(t.value).toBe('127.0.0.1:8080:80');
    expect(covered(yaml, t.slice(0, 9).origin)).toBe('127.0.0.1');
    expect(t.isLiteral(0, 9)).toBe(true);
  });

  it("a variable's value maps to its whole expression", () => {
    const t = text(yaml, ['ports', 0], { BIND: '0.0.0.0', PORT: '8080' });
    expect(t.value).toBe('0.0.0.0:8080:80');
    expect(covered(yaml, t.slice(0, 7).origin)).toBe('${BIND:-127.0.0.1}');
    expect(covered(yaml, t.slice(2, 4).origin)).toBe('${BIND:-127.0.0.1}');
    expect(covered(yaml, t.slice(8, 12).origin)).toBe('${PORT}');
    expect(t.slice(0, 7).fromVariable).toBe(true);
  });

  it('literal text between references maps exactly', () => {
    const t = text(yaml, ['ports', 0], { PORT: '8080' });
    expect(covered(yaml, t.slice(-3).origin)).toBe(':80');
    expect(t.slice(-3).isLiteral()).toBe(true);
  });

  it('a slice across a literal and a variable covers both', () => {
    const t = text(yaml, ['ports', 0], { PORT: '8080' });
    expect(covered(yaml, t.slice(9).origin)).toBe(':${PORT}:80');
  });

  it('an unset variable leaves an empty text that still points at the reference and counts as a variable', () => {
    const t = text(yaml, ['ports', 0]);
    expect(t.value).toBe('127.0.0.1::80');
    const published = t.slice(10, 10);
    expect(covered(yaml, published.origin)).toBe('${PORT}');
    expect(published.fromVariable).toBe(true);
    expect(t.isLiteral(0, 9)).toBe(true);
    expect(t.fromVariable).toBe(true);
  });

  it('a value that is only an unset variable is not literal', () => {
    const t = text('environment:\n  PASSWORD: ${DB_PASSWORD}\n', ['environment', 'PASSWORD']);
    expect(t.value).toBe('');
    expect(t.fromVariable).toBe(true);
    expect(cols(t.origin)).toBe('2:13-2:27');
  });

  it('$$ maps to both characters', () => {
    const yaml2 = 'command: echo $$HOME\n';
    const t = text(yaml2, ['command']);
    expect(t.value).toBe('echo $HOME');
    expect(covered(yaml2, t.slice(5, 6).origin)).toBe('$$');
    expect(covered(yaml2, t.slice(6).origin)).toBe('HOME');
  });

  it('single-quoted and interpolated', () => {
    const yaml3 = "command: 'it''s ${WHO:-me}'\n";
    const t = text(yaml3, ['command']);
    expect(t.value).toBe("it's me");
    expect(covered(yaml3, t.slice(5).origin)).toBe('me');
    expect(covered(yaml3, t.slice(0, 4).origin)).toBe("it''s");
  });

  it('a value with no reference is literal', () => {
    const t = text('image: nginx\n', ['image']);
    expect(t.isLiteral()).toBe(true);
    expect(t.fromVariable).toBe(false);
  });
});
