import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { runCli } from '../cli/run.js';

const read = (file: string) => readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
type Schema = { properties?: Record<string, Schema>; additionalProperties?: Schema | boolean; items?: Schema; oneOf?: Schema[]; $ref?: string; description?: string; definitions?: Record<string, Schema> };
const schema = JSON.parse(read('schemas/escashoprc.schema.json')) as Schema & { $id: string };
const example = JSON.parse(read('.escashoprc.example.json')) as Record<string, unknown>;

/** A `$ref` of the schema, followed. */
function deref(node: Schema): Schema {
  return node.$ref ? deref(schema.definitions![node.$ref.replace('#/definitions/', '')]!) : node;
}

/** Every property the schema names, as dotted paths (`*` for a mapping's keys, `[]` for list items). */
function schemaPaths(node: Schema, prefix: string, seen = new Set<Schema>()): string[] {
  const n = deref(node);
  if (seen.has(n)) return [];
  const next = new Set(seen).add(n);
  const out: string[] = [];
  for (const [key, child] of Object.entries(n.properties ?? {})) out.push(`${prefix}${key}`, ...schemaPaths(child, `${prefix}${key}.`, next));
  if (typeof n.additionalProperties === 'object') out.push(...schemaPaths(n.additionalProperties, `${prefix}*.`, next));
  if (n.items) out.push(...schemaPaths(n.items, prefix.replace(/\.$/, '[].'), next));
  for (const branch of n.oneOf ?? []) out.push(...schemaPaths(branch, prefix, next));
  return out;
}

/** The same paths as the example uses them. */
function dataPaths(value: unknown, prefix: string, mappings: ReadonlySet<string>): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => dataPaths(item, prefix.replace(/\.$/, '[].'), mappings));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const name = mappings.has(prefix) ? '*' : key;
    return [`${prefix}${name}`, ...dataPaths(child, `${prefix}${name}.`, mappings)];
  });
}

describe('.escashoprc.example.json and .escashoprc.example.yaml', () => {
  it('every property of the schema has a description (editors show them)', () => {
    const missing: string[] = [];
    const walk = (node: Schema, at: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.description && !deref(child).description) missing.push(`${at}${key}`);
        walk(deref(child), `${at}${key}.`);
        const d = deref(child);
        if (d.items) walk(deref(d.items), `${at}${key}[].`);
        if (typeof d.additionalProperties === 'object') walk(deref(d.additionalProperties), `${at}${key}.*.`);
        for (const branch of d.oneOf ?? []) walk(deref(branch), `${at}${key}.`);
      }
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it('the JSON example validates against the schema and shows every option', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(schema, example), ajv.errorsText()).toBe(true);
    const mappings = new Set(['environments.', 'rules.', 'overrides[].rules.', 'projects.', 'rules.*.options.', 'overrides[].rules.*.options.', 'policies.']);
    // An override's rules are the same definition as the top level's, shown there.
    // A policy's `when` takes the conditions `assert` takes, one or a list, and `each` takes their checks.
    const same = (p: string) =>
      p
        .replace(/^overrides\[\]\.rules\./, 'rules.')
        .replace(/^(policies\.\*\.)(?:when|assert)(?:\[\])?/, '$1assert')
        .replace(/^(policies\.\*\.assert\.)each\./, '$1');
    const used = new Set(dataPaths(example, '', mappings).map(same));
    // Rule options belong to each rule's own schema, not this one.
    const expected = [...new Set(schemaPaths(schema, '').map(same))].filter((p) => !p.includes('.options.'));
    expect(expected.filter((p) => !used.has(p))).toEqual([]);
  });

  it('the YAML example says the same with comments', () => {
    expect(parse(read('.escashoprc.example.yaml'))).toEqual(example);
    expect(read('.escashoprc.example.yaml').split('\n').filter((line) => line.trimStart().startsWith('#')).length).toBeGreaterThan(20);
  });

  it('--print-config loads each of them without an error', () => {
    for (const file of ['.escashoprc.example.json', '.escashoprc.example.yaml']) {
      const run = runCli(['--config', file, '--print-config', 'fixtures/escashop/docker-compose.prod.improved.yml']);
      expect(run, file).toMatchObject({ status: 0, stderr: '' });
      expect(JSON.parse(run.stdout), file).toMatchObject({ config: file, extends: ['recommended'], environment: 'prod', ingress: ['nginx'] });
    }
  });
});
